// After an HA zone starts on the redistributed database: a follower the leader finds
// outside its log gets a server-reset (the leader resends its log from its last index).
import type { PlanStep } from '../plan/index.js';
import { waitUntil } from '../ha-wizard/wait.js';
import { zoneLabel, type ZoneDeps } from '../ha-wizard/zone-steps.js';

export function resetLaggingStep(d: ZoneDeps, o: { name: string }): PlanStep {
  return {
    name: o.name,
    title: 'Reset the servers the leader cannot replicate to (server-reset, as needed)',
    host: zoneLabel(d.zone),
    async run() {
      const reset: number[] = [];
      await waitUntil(
        o.name,
        async () => {
          const leader = (await d.zone.servers()).leader?.answer.value;
          if (!leader) return 'no server answers as leader';
          for (const f of leader.followers) {
            if (f.replication === 'needs-reset' && !reset.includes(f.id)) {
              await d.zone.resetServer(f.id);
              reset.push(f.id);
            }
          }
          return undefined;
        },
        d.waiting,
      );
      return { values: { reset } };
    },
  };
}
