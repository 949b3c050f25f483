import { Args } from '@oclif/core';
import { OneApiCommand } from '../../command/index.js';
import { createTemplateInput } from '../../template-input/index.js';

export default class ZoneCreate extends OneApiCommand<{ ID: number }> {
  static override summary = 'Create a zone from a template.';
  static override description =
    "Reads the zone template (NAME and ENDPOINT at least) from the file, or from standard input when no file is given, and prints the new zone's id. New zones can only be created at the federation master.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> zone.tmpl',
    'printf \'NAME = "east"\\nENDPOINT = "http://10.0.1.10:2633/RPC2"\\n\' | <%= config.bin %> <%= command.id %>',
  ];
  static override args = {
    file: Args.string({
      description: 'Template file; - or nothing reads standard input.',
      ignoreStdin: true,
    }),
  };

  async run(): Promise<{ ID: number }> {
    const { args, flags } = await this.parse(ZoneCreate);
    const template = await createTemplateInput({ file: args.file, io: this.io, resource: 'zone' });
    const client = await this.oneApi(flags).client();
    return { ID: await client.callId('one.zone.allocate', template) };
  }

  protected override renderText(result: { ID: number }): string {
    return `ID: ${result.ID}\n`;
  }
}
