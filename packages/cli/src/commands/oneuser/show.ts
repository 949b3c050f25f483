import { Args } from '@oclif/core';
import type { XmlObject } from '@onekit/core';
import { OneApiCommand, documentFlags } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { documentObject, readObjectDocument } from '../../one-documents/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { renderUserShow, userNames, userShape, userView, type UserView } from '../../user/index.js';

export default class UserShow extends OneApiCommand<XmlObject> {
  static override summary = 'Show a user: groups, driver, login tokens and template.';
  static override description =
    'Without an argument, shows the user the command authenticates as (the id -1).';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> alice --json',
  ];
  static override args = {
    userid: Args.string({
      description: 'User id or name; -1 or nothing: yourself.',
      ignoreStdin: true,
    }),
  };
  static override flags = { ...documentFlags };

  private xml = '';
  private user: UserView | undefined;
  private groups = new Map<number, string>();

  async run(): Promise<XmlObject> {
    const { args, flags } = await this.parse(UserShow);
    const api = this.oneApi(flags);
    const id =
      args.userid === undefined || args.userid === '-1'
        ? -1
        : await resolveId(
            args.userid,
            'USER',
            oncePool(() => userNames(api)),
          );
    this.xml = await (await api.client()).callText('one.user.info', id);
    const document = readObjectDocument(this.xml, userShape);
    this.user = userView(documentObject(document, userShape));
    if (!flags.json && !flags.yaml && !flags.xml && this.user.tokens.length > 0) {
      this.groups = new Map((await groupNames(api)).map((g) => [g.id, g.name]));
    }
    return document;
  }

  protected override renderText(): string {
    return renderUserShow(this.user!, {
      color: this.io.colorEnabled(),
      groupNames: this.groups,
      now: Math.floor(Date.now() / 1000),
    });
  }

  protected override renderXml(): string {
    return this.xml + '\n';
  }
}
