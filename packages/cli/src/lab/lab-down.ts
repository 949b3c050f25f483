// `onekit lab down`: stops every process the lab started, by the pids it recorded (each
// agent, then the daemon it supervised should it still run), and with `purge` removes the
// lab directory. Nothing else is signalled.
import { rm } from 'node:fs/promises';
import { labHosts } from './lab-layout.js';
import { stopLabHost } from './lab-processes.js';
import { requireLabState } from './lab-state.js';
import type { LabTiming } from './lab-up.js';

export interface LabDownResult {
  readonly dir: string;
  /** Pids signalled, per host. */
  readonly stopped: Readonly<Record<string, readonly number[]>>;
  readonly purged: boolean;
}

export async function labDown(
  o: LabTiming & {
    dir: string;
    purge: boolean;
    deadlineMs: number;
    say: (line: string) => void;
  },
): Promise<LabDownResult> {
  const state = await requireLabState(o.dir);
  const stopped: Record<string, number[]> = {};
  // Slaves and extra servers first, the master last: nothing is left shipping to a
  // stopped zone longer than needed.
  for (const host of labHosts(o.dir, state.spec).reverse()) {
    const pids = await stopLabHost({ ...o, host });
    stopped[host.name] = pids;
    if (pids.length > 0) o.say(`${host.name}: stopped ${pids.join(', ')}\n`);
  }
  if (o.purge) {
    await rm(o.dir, { recursive: true, force: true });
    o.say(`${o.dir} removed\n`);
  }
  return { dir: o.dir, stopped, purged: o.purge };
}
