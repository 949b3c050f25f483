// RAFT_LEADER_HOOK and RAFT_FOLLOWER_HOOK, run as oned runs them: COMMAND relative to the
// hooks directory unless absolute, ARGUMENTS split on blanks (no quoting), stdin from
// /dev/null, in the background; the outcome is only logged.
import { spawn } from 'node:child_process';
import { hookCommandPath, type OnePaths, type RaftHook } from '@onekit/core';
import type { Logger } from '../log/index.js';

export type HookName = 'RAFT_LEADER_HOOK' | 'RAFT_FOLLOWER_HOOK';

/** Starts the hook; resolves with its exit code once it ends (undefined if it did not run). */
export function runRaftHook(
  name: HookName,
  hook: RaftHook | undefined,
  o: { readonly paths: OnePaths; readonly log: Logger },
): Promise<number | undefined> {
  if (hook === undefined) return Promise.resolve(undefined);
  if (hook.command.trim() === '') {
    o.log.warn('RCM', `${name} has no COMMAND: not run.`);
    return Promise.resolve(undefined);
  }
  let command: string;
  try {
    command = hookCommandPath(o.paths, hook.command);
  } catch (err) {
    o.log.error('RCM', `${name} not run: ${err instanceof Error ? err.message : String(err)}`);
    return Promise.resolve(undefined);
  }
  const args = hook.arguments.split(/\s+/).filter((a) => a !== '');
  o.log.info('RCM', `Running ${name}: ${command} ${args.join(' ')}`.trimEnd());
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      if (output.length < 4096) output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err) => {
      o.log.error('RCM', `${name} could not run: ${err.message}`);
      resolve(undefined);
    });
    child.once('close', (code) => {
      const text = output.trim().split('\n').slice(0, 5).join(' | ');
      const line = `${name} exited with code ${code}${text ? `: ${text}` : ''}`;
      if (code === 0) o.log.info('RCM', line);
      else o.log.error('RCM', line);
      resolve(code ?? undefined);
    });
  });
}
