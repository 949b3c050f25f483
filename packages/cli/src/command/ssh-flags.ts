import { Flags } from '@oclif/core';

/** How a command reaches hosts over SSH (serversync, the wizards). */
export const sshTransportFlags = {
  'ssh-user': Flags.string({
    description: 'SSH user (default oneadmin).',
    helpValue: 'USER',
    helpGroup: 'TRANSPORT',
  }),
  'ssh-key': Flags.string({
    description: 'SSH private key (default <var>/.ssh/id_rsa).',
    helpValue: 'FILE',
    helpGroup: 'TRANSPORT',
  }),
  'known-hosts': Flags.string({
    description: 'known_hosts file (default ~/.ssh/known_hosts).',
    helpValue: 'FILE',
    helpGroup: 'TRANSPORT',
  }),
  'host-key-checking': Flags.string({
    description: 'strict refuses unknown hosts; accept-new records them.',
    options: ['strict', 'accept-new'],
    helpGroup: 'TRANSPORT',
  }),
};
