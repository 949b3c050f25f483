import { Args } from '@oclif/core';
import type { XmlObject } from '@onekit/core';
import { OneApiCommand, documentFlags } from '../../command/index.js';
import {
  groupNames,
  groupShape,
  groupView,
  renderGroupShow,
  type GroupView,
} from '../../group/index.js';
import { documentObject, readObjectDocument } from '../../one-documents/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';

export default class GroupShow extends OneApiCommand<XmlObject> {
  static override summary = 'Show a group, its template and its users.';
  static override description = 'Without an argument, shows your own primary group (the id -1).';
  static override examples = [
    '<%= config.bin %> <%= command.id %> users',
    '<%= config.bin %> <%= command.id %> 0 -x',
  ];
  static override args = {
    groupid: Args.string({
      description: 'Group id or name; -1 or nothing: your group.',
      ignoreStdin: true,
    }),
  };
  static override flags = { ...documentFlags };

  private xml = '';
  private group: GroupView | undefined;

  async run(): Promise<XmlObject> {
    const { args, flags } = await this.parse(GroupShow);
    const api = this.oneApi(flags);
    const id =
      args.groupid === undefined || args.groupid === '-1'
        ? -1
        : await resolveId(
            args.groupid,
            'GROUP',
            oncePool(() => groupNames(api)),
          );
    this.xml = await (await api.client()).callText('one.group.info', id);
    const document = readObjectDocument(this.xml, groupShape);
    this.group = groupView(documentObject(document, groupShape));
    return document;
  }

  protected override renderText(): string {
    return renderGroupShow(this.group!, { color: this.io.colorEnabled() });
  }

  protected override renderXml(): string {
    return this.xml + '\n';
  }
}
