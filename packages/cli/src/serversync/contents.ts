// The content a sync gives each file, and the diffs that preview it: the other server's
// bytes, except oned.conf, which is the other server's text with this host's node-local
// keys put back and must still load as an oned.conf.
import { parseOnedConf } from '@onekit/core';
import type { HostTransport } from '../transport/host-transport.js';
import { renderFileDiff, type FileDiff } from './diff-render.js';
import { pathOn, type Sides } from './gather.js';
import type { NodeLocalRule } from './node-local.js';
import { mergedOnedConf } from './oned-conf/oned-conf-sync.js';
import type { PlannedFile, SyncPlan } from './plan.js';

/** The oned.conf text this host would get, when the plan writes it. */
export function onedConfToWrite(
  plan: SyncPlan,
  sides: Sides,
  rules: readonly NodeLocalRule[],
): string | undefined {
  const file = plan.files.find((f) => f.merge === 'oned-conf' && f.action === 'write');
  const there = sides.there.onedConf;
  if (!file || there === undefined) return undefined;
  const remoteFile = `${sides.there.host}:${pathOn(sides.there.etc, file)}`;
  const here = sides.here.onedConf;
  const text =
    here === undefined
      ? there
      : mergedOnedConf(
          {
            remote: { text: there, file: remoteFile },
            local: { text: here, file: pathOn(sides.here.etc, file) },
          },
          rules,
        );
  // What is installed must be an oned.conf OneKit's daemon can start with.
  parseOnedConf(text, { file: remoteFile });
  return text;
}

export interface RenderedDiff {
  readonly path: string;
  /** Unified diff, redacted, without colour. */
  readonly diff: string;
}

/** Diffs of every file a sync would write, remove or skip, from this host's view. */
export async function planDiffs(o: {
  plan: SyncPlan;
  sides: Sides;
  local: HostTransport;
  remote: HostTransport;
  onedConf: string | undefined;
}): Promise<RenderedDiff[]> {
  const shown = o.plan.files.filter((f) => f.action !== 'none' && f.action !== 'keep');
  const diffs: RenderedDiff[] = [];
  for (const file of shown) {
    const diff = renderFileDiff(await fileDiff(file, o));
    if (diff !== '') diffs.push({ path: file.path, diff });
  }
  return diffs;
}

async function fileDiff(
  file: PlannedFile,
  o: { sides: Sides; local: HostTransport; remote: HostTransport; onedConf: string | undefined },
): Promise<FileDiff> {
  const hereName = pathOn(o.sides.here.etc, file);
  const thereName = `${o.sides.there.host}:${pathOn(o.sides.there.etc, file)}`;
  const text = async (transport: HostTransport, etc: string, side: 'here' | 'there') => {
    const entry = file[side];
    if (!entry) return undefined;
    if (entry.kind === 'symlink') return `-> ${entry.target ?? ''}\n`;
    return (await transport.readFile(pathOn(etc, file))).toString('utf8');
  };
  const oldText = await text(o.local, o.sides.here.etc, 'here');
  const newText =
    file.action === 'remove'
      ? undefined
      : file.merge === 'oned-conf' && o.onedConf !== undefined
        ? o.onedConf
        : await text(o.remote, o.sides.there.etc, 'there');
  return {
    oldName: hereName,
    newName: thereName,
    ...(oldText === undefined ? {} : { oldText }),
    ...(newText === undefined ? {} : { newText }),
    notes: metadataNotes(file),
  };
}

/** git-style extended headers for a mode or owner that changes. */
function metadataNotes(file: PlannedFile): string[] {
  const { here, there } = file;
  if (!here || !there || file.action === 'remove') return [];
  const notes: string[] = [];
  if (file.status.includes('mode-differs')) {
    notes.push(`old mode ${octal(here.mode)}`, `new mode ${octal(there.mode)}`);
  }
  if (file.status.includes('owner-differs')) {
    notes.push(`old owner ${here.uid}:${here.gid}`, `new owner ${there.uid}:${there.gid}`);
  }
  return notes;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
