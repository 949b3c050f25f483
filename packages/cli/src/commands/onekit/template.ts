import { Args, Flags } from '@oclif/core';
import { OneCommand } from '../../command/index.js';
import type { TemplateJson } from '../../template-convert/index.js';

export default class Template extends OneCommand<TemplateJson> {
  static override summary = 'Parse a template and print it in another form.';
  static override description =
    'Reads an OpenNebula template (or an XML template) and prints it as the CLI shows templates (cli), as oned prints them (oned), as XML, or as JSON. A syntax error names the file, line and columns and exits 1.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> vm.tmpl',
    '<%= config.bin %> <%= command.id %> vm.tmpl --to xml',
    'cat zone.tmpl | <%= config.bin %> <%= command.id %> - --to json',
  ];
  static override args = {
    file: Args.string({
      description: 'The template file; - reads standard input.',
      required: true,
    }),
  };
  static override flags = {
    to: Flags.option({
      description: 'The form to print.',
      options: ['cli', 'oned', 'xml', 'json'] as const,
      default: 'cli',
    })(),
  };

  private text = '';

  async run(): Promise<TemplateJson> {
    const { args, flags } = await this.parse(Template);
    const [{ convertTemplate }, { readInput }] = await Promise.all([
      import('../../template-convert/index.js'),
      import('../../io/read-input.js'),
    ]);
    const input = await readInput(args.file, this.io);
    const converted = convertTemplate({ text: input.text, file: input.name, to: flags.to });
    this.text = converted.text;
    return converted.json;
  }

  protected override renderText(): string {
    return this.text;
  }
}
