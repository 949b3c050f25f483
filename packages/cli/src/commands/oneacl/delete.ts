import { Args } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import { OneActionCommand } from '../../command/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { parseRange } from '../../resource-ids/index.js';

export default class AclDelete extends OneActionCommand {
  static override summary = 'Delete ACL rules.';
  static override description =
    'Each rule is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> 3',
    '<%= config.bin %> <%= command.id %> 3,5..7 -v',
  ];
  static override args = {
    rules: Args.string({
      description: 'Rule ids and ranges (1,8..15).',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(AclDelete);
    const ids = parseRange(args.rules);
    if (ids === undefined) {
      throw new OneKitError(
        'FLAG_INVALID',
        `"${args.rules}" is not a list of rule ids like 1,8..15`,
        {
          field: 'rules',
        },
      );
    }
    const client = await this.oneApi(flags).client();
    return this.finishActions(
      await applyToEach({
        resource: 'ACL',
        action: 'deleted',
        ids,
        apply: (id) => client.callId('one.acl.delrule', id),
      }),
      flags,
    );
  }
}
