import { Args, Flags } from '@oclif/core';
import { OneApiCommand } from '../../command/index.js';
import { createGroup, defaultGroupResources } from '../../group/create-group.js';

export default class GroupCreate extends OneApiCommand<{ ID: number }> {
  static override summary = 'Create a group.';
  static override description = `Creates the group and the ACL rule that lets its members create their own resources ("@<id> ${defaultGroupResources}/* CREATE", or the types of --resources), as OpenNebula's onegroup does; if the rule cannot be added the group is deleted again. Prints the new group's id.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> devs',
    '<%= config.bin %> <%= command.id %> viewers --resources VM+TEMPLATE',
  ];
  static override args = {
    name: Args.string({ description: 'Name of the new group.', required: true, ignoreStdin: true }),
  };
  static override flags = {
    resources: Flags.string({
      description: `Object types its members may create, joined by + (default ${defaultGroupResources}).`,
      helpValue: 'TYPE+TYPE',
    }),
  };

  async run(): Promise<{ ID: number }> {
    const { args, flags } = await this.parse(GroupCreate);
    const client = await this.oneApi(flags).client();
    return { ID: await createGroup(client, { name: args.name, resources: flags.resources }) };
  }

  protected override renderText(result: { ID: number }): string {
    return `ID: ${result.ID}\n`;
  }
}
