import { Args } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import { aclRuleHex, type AclRuleHex } from '../../acl/index.js';
import { OneApiCommand } from '../../command/index.js';

export default class AclCreate extends OneApiCommand<{ ID: number }> {
  static override summary = 'Add an ACL rule.';
  static override description =
    'Takes the rule as one string, "USER RESOURCE RIGHTS [ZONE]" (user #id, @gid or *; resource types joined by + and /#id, /@gid, /%cid or /*; rights USE, MANAGE, ADMIN, CREATE joined by +; zone #id or *, this zone when left out), or as three or four hexadecimal masks. Prints the new rule\'s id.';
  static override strict = false;
  static override examples = [
    '<%= config.bin %> <%= command.id %> "@1 DOCUMENT/* CREATE"',
    '<%= config.bin %> <%= command.id %> "#5 HOST+VM/@100 USE+MANAGE #0"',
    '<%= config.bin %> <%= command.id %> 200000001 400000000000 8',
  ];
  static override args = {
    rule: Args.string({
      description: 'The rule as a string, or the user mask in hex followed by the others.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<{ ID: number }> {
    const { argv, flags } = await this.parse(AclCreate);
    const rule = ruleArguments(argv as string[]);
    const client = await this.oneApi(flags).client();
    const masks = [rule.user, rule.resource, rule.rights, ...(rule.zone ? [rule.zone] : [])];
    return { ID: await client.callId('one.acl.addrule', ...masks) };
  }

  protected override renderText(result: { ID: number }): string {
    return `ID: ${result.ID}\n`;
  }
}

/** One string to parse, or three or four masks passed on as they are (upstream's rule). */
function ruleArguments(args: readonly string[]): AclRuleHex {
  if (args.length === 1) return aclRuleHex(args[0]!);
  if (args.length === 3 || args.length === 4) {
    const [user, resource, rights, zone] = args as [string, string, string, string?];
    return { user, resource, rights, ...(zone === undefined ? {} : { zone }) };
  }
  throw new OneKitError('ACL_SYNTAX', 'Wrong number of arguments, must be 1 or 4', {
    field: 'rule',
  });
}
