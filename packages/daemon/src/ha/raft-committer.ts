// The committer of a server of an HA zone: a write becomes an entry of the zone's Raft log
// and is acknowledged once a majority holds it and this server applied it.
import { UINT64_MAX, type WriteOp } from '../storage/index.js';
import {
  CommitRefused,
  checkEntryScope,
  encodeEntryContent,
  type CommitOptions,
  type Committer,
} from '../write-path/index.js';
import { RaftRefusal, type RaftNode } from './raft-node.js';

/** oned's words for a write the zone cannot take now. */
export function refusalMessage(refusal: RaftRefusal): string {
  switch (refusal.reason) {
    case 'reconciling':
      return 'Cannot process request, oned cluster is replicating log';
    case 'not-leader':
      return 'Cannot process request, no leader found';
    case 'leadership-lost':
      return 'Cannot process request, leadership was lost before the write committed';
    case 'stopped':
      return 'Cannot process request, the server is stopping';
    default:
      return `Cannot process request: ${refusal.message}`;
  }
}

export class RaftCommitter implements Committer {
  constructor(
    private readonly node: RaftNode,
    private readonly o: { readonly federationMaster: boolean },
  ) {}

  async commit(ops: readonly WriteOp[], { federated }: CommitOptions): Promise<{ index: bigint }> {
    checkEntryScope(ops, { federated });
    const payload = {
      sqlcmd: encodeEntryContent({ ops }),
      fedIndex: federated && this.o.federationMaster ? ('own' as const) : UINT64_MAX,
    };
    try {
      return await this.node.propose(payload);
    } catch (err) {
      if (err instanceof RaftRefusal) throw new CommitRefused(refusalMessage(err));
      throw err;
    }
  }
}
