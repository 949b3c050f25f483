// The lab directory's record, `lab.json`: the answers it was made with (a rerun of `lab up`
// must give the same ones) and which wizard runs have finished. Replaced atomically.
import { posix } from 'node:path';
import { OneKitError, readTextIfExists, writeFileAtomic } from '@onekit/core';
import type { LabSpec } from './lab-layout.js';

export interface LabState {
  readonly spec: LabSpec;
  /** Ids of the wizard runs that finished (labWizardRuns). */
  readonly done: readonly string[];
}

export function labStateFile(dir: string): string {
  return posix.join(dir, 'lab.json');
}

/** Where `lab up` runs the wizards from: their run records are kept there. */
export function labAdminDir(dir: string): string {
  return posix.join(dir, 'admin');
}

/** The agents' shared token (the servers of a federation share credentials). */
export function labTokenFile(dir: string): string {
  return posix.join(dir, 'agent_token');
}

export async function loadLabState(dir: string): Promise<LabState | undefined> {
  const file = labStateFile(dir);
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as LabState;
  } catch (err) {
    throw new OneKitError('CONFIG_INVALID', 'the lab record is not JSON', { file }, { cause: err });
  }
}

export async function saveLabState(dir: string, state: LabState): Promise<void> {
  await writeFileAtomic(labStateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
}

/** The lab's record, or CONFIG_MISSING naming the directory. */
export async function requireLabState(dir: string): Promise<LabState> {
  const state = await loadLabState(dir);
  if (!state) {
    throw new OneKitError('CONFIG_MISSING', `${dir} holds no lab (run "onekit lab up")`, {
      file: labStateFile(dir),
    });
  }
  return state;
}

/** What differs between the recorded answers and a rerun's (undefined: the same lab). */
export function sameSpec(recorded: LabSpec, asked: LabSpec): string | undefined {
  const keys = Object.keys(recorded) as (keyof LabSpec)[];
  const changed = keys.filter((k) => recorded[k] !== asked[k]);
  return changed.length === 0
    ? undefined
    : changed.map((k) => `${k}: ${recorded[k]} recorded, ${asked[k]} asked`).join('; ');
}
