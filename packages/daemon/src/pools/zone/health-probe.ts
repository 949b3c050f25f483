// The write `onezone health` commits to see the zone commit: a local system_attributes row.
import type { WriteOp } from '../../storage/index.js';

export function healthProbeWrite(nowMs: number): WriteOp {
  return {
    op: 'replace',
    table: 'system_attributes',
    row: { name: 'HEALTH_PROBE', body: `<HEALTH_PROBE><TIME>${nowMs}</TIME></HEALTH_PROBE>` },
  };
}
