import { Args, Flags } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import {
  child,
  documentObject,
  readObjectDocument,
  templateText,
} from '../../one-documents/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { terminalEditor, updateTemplateInput } from '../../template-input/index.js';
import { zoneIdArg, zoneNames, zoneShape } from '../../zone/index.js';

export default class ZoneUpdate extends OneActionCommand {
  static override summary = "Replace or extend a zone's template.";
  static override description =
    'Reads the new template from the file or standard input; without either, on a terminal, opens $EDITOR on the current template (on an empty one with --append). Without --append the template replaces the current one; with it, its attributes are merged in.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> 100 zone.tmpl',
    'echo \'DESCRIPTION = "east coast"\' | <%= config.bin %> <%= command.id %> east --append',
  ];
  static override args = {
    zoneid: zoneIdArg,
    file: Args.string({ description: 'Template file; - reads standard input.', ignoreStdin: true }),
  };
  static override flags = {
    append: Flags.boolean({
      char: 'a',
      description: 'Merge the new attributes into the template instead of replacing it.',
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneUpdate);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const client = await api.client();
    const template = await updateTemplateInput({
      file: args.file,
      io: this.io,
      initial: async () => {
        if (flags.append) return '';
        const xml = await client.callText('one.zone.info', id);
        const zone = documentObject(readObjectDocument(xml, zoneShape), zoneShape);
        return templateText(child(zone, 'TEMPLATE'));
      },
      edit: terminalEditor(this.env['EDITOR']),
    });
    await client.callId('one.zone.update', id, template, flags.append ? 1 : 0);
    return this.finishActions(doneReport('ZONE', 'modified', id), flags);
  }
}
