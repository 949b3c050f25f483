// Scripted scenarios in the style of etcd's interaction tests: each script line is a step,
// and the expected text is the whole trace (messages delivered round by round, results,
// statuses). A behaviour change shows up as a readable diff of the protocol.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TestCluster } from './cluster.js';
import { formatMessage } from './simulation/trace.js';

function run(script: string): string {
  let cluster: TestCluster | undefined;
  const zone = () => {
    if (!cluster) throw new Error('add-nodes first');
    return cluster;
  };
  const out: string[] = [];
  for (const line of script
    .trim()
    .split('\n')
    .map((l) => l.trim())) {
    out.push(`> ${line}`);
    const [command, ...args] = line.split(/\s+/);
    const [a, b] = args.map(Number);
    switch (command) {
      case 'add-nodes':
        cluster = new TestCluster({ voters: Array.from({ length: a }, (_, i) => i) });
        break;
      case 'campaign':
        zone().timeout(a);
        break;
      case 'tick-heartbeat':
        zone().tick(a, zone().config.heartbeatTicks);
        break;
      case 'propose':
        out.push(
          `  ${JSON.stringify(zone().propose(a, args[1]), (_, v) => (typeof v === 'bigint' ? Number(v) : v))}`,
        );
        break;
      case 'stabilize':
        while (zone().inFlight.length) {
          for (const m of [...zone().inFlight]) {
            out.push(
              `  ${formatMessage(m)}${zone().linked(m.from, m.to) && zone().server(m.to).running ? '' : ' (lost)'}`,
            );
            zone().deliver((x) => x === m);
          }
        }
        break;
      case 'crash':
        zone().crash(a);
        break;
      case 'restart':
        zone().restart(a);
        break;
      case 'purge': {
        const storage = zone().server(a).storage;
        storage.compact(BigInt(b));
        break;
      }
      case 'copy-db':
        zone().crash(b);
        zone().server(b).restoreCopyOf(zone().server(a));
        zone().restart(b);
        break;
      case 'server-reset':
        out.push(`  ${JSON.stringify(zone().core(a).resetServer(b))}`);
        zone().drain(a);
        break;
      case 'status':
        for (const id of args.map(Number)) {
          const s = zone().core(id).status();
          const progress = s.progress
            .filter((p) => p.id !== id)
            .map((p) => ` #${p.id}:${p.state}@${p.match}`)
            .join('');
          out.push(
            `  #${id} ${s.role} t${s.term} commit=${s.commit} last=${s.lastIndex}${progress}`,
          );
        }
        break;
      default:
        throw new Error(`unknown command ${command}`);
    }
  }
  return out.join('\n');
}

describe('raft/scenarios', () => {
  it('elects a leader, which replicates and commits', () => {
    const trace = run(`
      add-nodes 3
      campaign 0
      propose 0 early
      stabilize
      propose 0 a
      stabilize
      tick-heartbeat 0
      stabilize
      status 0 1 2
    `);
    assert.equal(
      trace,
      `> add-nodes 3
> campaign 0
> propose 0 early
  {"ok":false,"reason":"not-leader"}
> stabilize
  #0->#1 vote-request t1 last=0/0
  #0->#2 vote-request t1 last=0/0
  #1->#0 vote-response t1 granted
  #2->#0 vote-response t1 granted
  #0->#1 append t1 prev=0/0 [1/1:noop] commit=0
  #0->#2 append t1 prev=0/0 [1/1:noop] commit=0
  #1->#0 append-response t1 ok index=1
  #2->#0 append-response t1 ok index=1
  #0->#1 append t1 prev=1/1 [] commit=1 quiet
  #0->#2 append t1 prev=1/1 [] commit=1 quiet
> propose 0 a
  {"ok":true,"index":2}
> stabilize
  #0->#1 append t1 prev=1/1 [2/1:a] commit=1
  #0->#2 append t1 prev=1/1 [2/1:a] commit=1
  #1->#0 append-response t1 ok index=2
  #2->#0 append-response t1 ok index=2
  #0->#1 append t1 prev=2/1 [] commit=2 quiet
  #0->#2 append t1 prev=2/1 [] commit=2 quiet
> tick-heartbeat 0
> stabilize
  #0->#1 heartbeat t1 commit=2
  #0->#2 heartbeat t1 commit=2
  #1->#0 heartbeat-response t1
  #2->#0 heartbeat-response t1
> status 0 1 2
  #0 leader t1 commit=2 last=2 #1:replicate@2 #2:replicate@2
  #1 follower t1 commit=2 last=2
  #2 follower t1 commit=2 last=2`,
    );
  });

  it('a follower behind the purged log needs a reset; a database copy and server-reset bring it back', () => {
    const trace = run(`
      add-nodes 3
      campaign 0
      stabilize
      crash 2
      propose 0 a
      propose 0 b
      propose 0 c
      stabilize
      purge 0 2
      restart 2
      tick-heartbeat 0
      stabilize
      status 0
      copy-db 0 2
      server-reset 0 2
      stabilize
      status 0 2
    `);
    assert.equal(
      trace,
      `> add-nodes 3
> campaign 0
> stabilize
  #0->#1 vote-request t1 last=0/0
  #0->#2 vote-request t1 last=0/0
  #1->#0 vote-response t1 granted
  #2->#0 vote-response t1 granted
  #0->#1 append t1 prev=0/0 [1/1:noop] commit=0
  #0->#2 append t1 prev=0/0 [1/1:noop] commit=0
  #1->#0 append-response t1 ok index=1
  #2->#0 append-response t1 ok index=1
  #0->#1 append t1 prev=1/1 [] commit=1 quiet
  #0->#2 append t1 prev=1/1 [] commit=1 quiet
> crash 2
> propose 0 a
  {"ok":true,"index":2}
> propose 0 b
  {"ok":true,"index":3}
> propose 0 c
  {"ok":true,"index":4}
> stabilize
  #0->#1 append t1 prev=1/1 [2/1:a] commit=1
  #0->#2 append t1 prev=1/1 [2/1:a] commit=1 (lost)
  #0->#1 append t1 prev=2/1 [3/1:b] commit=1
  #0->#2 append t1 prev=2/1 [3/1:b] commit=1 (lost)
  #0->#1 append t1 prev=3/1 [4/1:c] commit=1
  #0->#2 append t1 prev=3/1 [4/1:c] commit=1 (lost)
  #1->#0 append-response t1 ok index=2
  #1->#0 append-response t1 ok index=3
  #1->#0 append-response t1 ok index=4
  #0->#1 append t1 prev=4/1 [] commit=2 quiet
  #0->#2 append t1 prev=4/1 [] commit=2 quiet (lost)
  #0->#1 append t1 prev=4/1 [] commit=3 quiet
  #0->#2 append t1 prev=4/1 [] commit=3 quiet (lost)
  #0->#1 append t1 prev=4/1 [] commit=4 quiet
  #0->#2 append t1 prev=4/1 [] commit=4 quiet (lost)
> purge 0 2
> restart 2
> tick-heartbeat 0
> stabilize
  #0->#1 heartbeat t1 commit=4
  #0->#2 heartbeat t1 commit=1
  #1->#0 heartbeat-response t1
  #2->#0 heartbeat-response t1
  #0->#2 append t1 prev=4/1 [] commit=4 quiet
  #2->#0 append-response t1 refused 4 hint=1/1
> status 0
  #0 leader t1 commit=4 last=4 #1:replicate@4 #2:needs-reset@1
> copy-db 0 2
> server-reset 0 2
  {"ok":true}
> stabilize
  #0->#2 append t1 prev=4/1 [] commit=4
  #2->#0 append-response t1 ok index=4
> status 0 2
  #0 leader t1 commit=4 last=4 #1:replicate@4 #2:replicate@4
  #2 follower t1 commit=4 last=4`,
    );
  });
});
