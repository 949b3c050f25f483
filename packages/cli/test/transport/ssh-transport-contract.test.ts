// The HostTransport contract over SSH: a real sshd on a loopback address, files over sftp,
// the rest through the agent's one-shot mode in the simulated host's ONE_LOCATION.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshTransport } from '../../src/transport/ssh-transport.js';
import { shellCommand, startSshd, type ScratchSshd } from '../../../../test/support/sshd.js';
import { agentBin } from '../../../agent/test/support/agent-root.js';
import { describeHostTransportContract } from './contract.js';

const ADDRESS = '127.0.0.2';

describe('transport/ssh-transport (contract)', () => {
  let sshd: ScratchSshd | undefined;
  let dir: string | undefined;
  after(async () => {
    await sshd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describeHostTransportContract(
    'ssh',
    async (host) => {
      sshd = await startSshd({ address: ADDRESS });
      dir = mkdtempSync(join(tmpdir(), 'onekit-ssh-contract-'));
      const knownHostsFile = join(dir, 'known_hosts');
      writeFileSync(knownHostsFile, `${sshd.knownHostsLine}\n`);
      return new SshTransport({
        host: sshd.host,
        port: sshd.port,
        username: 'root',
        privateKeyFile: sshd.clientKeyPath,
        knownHostsFile,
        agentCommand: shellCommand([process.execPath, agentBin, 'once'], { env: host.env }),
      });
    },
    { address: ADDRESS },
  );
});
