// The HA wizards' named preflight checks (`--skip-check NAME`). Each only reads.
import { statfs } from 'node:fs/promises';
import { OneKitError } from '@onekit/core';
import type { PreflightCheck } from '../plan/index.js';
import { acceptsConnections } from '../transport/port-probe.js';
import { DAEMON_SERVICE, type HaHost } from './host-steps.js';
import type { ZoneAccess } from './zone-access.js';
import { healthProblems, quorumProblem } from './zone-state.js';

/** Every check any HA wizard runs, for --help. */
export const haCheckDescriptions = {
  reachability: "every host answers through its transport, and the zone's endpoint answers",
  'versions-equal': 'the hosts run the same OneKit version and database schema',
  'quorum-healthy': 'one leader, the rest followers, and a quorum left after the change',
  'ports-free': "nothing but the new server's own daemon listens on its XML-RPC endpoint",
  'clocks-close': "the servers' clocks (HTTP Date) are within 5 s of this machine's",
  'free-disk': 'at least 256 MiB free where backups go (measured on local hosts)',
} as const;

export type HaCheckName = keyof typeof haCheckDescriptions;

const MAX_CLOCK_SKEW_MS = 5_000;
const MIN_FREE_BYTES = 256 * 1024 * 1024;

function check(name: HaCheckName, run: () => Promise<string | void>): PreflightCheck {
  return { name, description: haCheckDescriptions[name], run };
}

function failed(name: HaCheckName, message: string): OneKitError {
  return new OneKitError('PLAN_REFUSED', message, { field: name });
}

export function reachabilityCheck(hosts: readonly HaHost[], zone: ZoneAccess): PreflightCheck {
  return check('reachability', async () => {
    await zone.info();
    for (const h of hosts) {
      try {
        await h.transport.paths();
      } catch (err) {
        throw failed('reachability', `${h.label}: ${(err as Error).message}`);
      }
    }
    return hosts.map((h) => `${h.label} (${h.transport.kind})`).join(', ');
  });
}

export function versionsCheck(hosts: readonly HaHost[]): PreflightCheck {
  return check('versions-equal', async () => {
    const seen = await Promise.all(
      hosts.map(async (h) => {
        const v = await h.transport.versions();
        return { label: h.label, onekit: v.onekit, schema: v.schema };
      }),
    );
    const first = seen[0]!;
    for (const s of seen.slice(1)) {
      const schemaDiffers =
        first.schema && s.schema && JSON.stringify(first.schema) !== JSON.stringify(s.schema);
      if (s.onekit !== first.onekit || schemaDiffers) {
        throw failed(
          'versions-equal',
          `${first.label} runs ${first.onekit} (schema ${JSON.stringify(first.schema ?? '-')}), ${s.label} ${s.onekit} (schema ${JSON.stringify(s.schema ?? '-')})`,
        );
      }
    }
    return `OneKit ${first.onekit}`;
  });
}

/** Healthy zone; with `removing`, a quorum of running voters without that server. */
export function quorumCheck(
  zone: ZoneAccess,
  o: { removing?: number; requireHealthy: boolean },
): PreflightCheck {
  return check('quorum-healthy', async () => {
    const answers = await zone.servers();
    const problems = o.requireHealthy ? healthProblems(answers) : [];
    if (o.removing !== undefined) {
      const problem = quorumProblem(answers, o.removing);
      if (problem) problems.push(`without server ${o.removing}: ${problem}`);
    }
    if (problems.length > 0) throw failed('quorum-healthy', problems.join('; '));
    const leader = answers.leader?.answer.value.serverId;
    return leader === undefined ? 'a single server' : `leader ${leader}`;
  });
}

/** Nothing listens on the endpoint, unless it is the target's daemon (which the plan stops). */
export function portsFreeCheck(rpc: string, target: HaHost): PreflightCheck {
  return check('ports-free', async () => {
    const url = new URL(rpc);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (!(await acceptsConnections(url.hostname, port, { timeoutMs: 2_000 })))
      return `${url.host} is free`;
    if ((await target.transport.service('status', DAEMON_SERVICE)).active) {
      return `${url.host} is ${target.label}'s own daemon, stopped before the restore`;
    }
    throw failed('ports-free', `something else listens on ${url.host}`);
  });
}

/** The HTTP Date of each server's XML-RPC answer against this machine's clock. */
export function clocksCheck(endpoints: () => Promise<string[]>, now: () => Date): PreflightCheck {
  return check('clocks-close', async () => {
    let worst = 0;
    for (const endpoint of await endpoints()) {
      const before = now().getTime();
      const answer = await fetch(endpoint, { method: 'POST', body: '' });
      await answer.arrayBuffer();
      const date = answer.headers.get('date');
      if (date === null) continue;
      // The header has whole seconds: allow the second it was cut to.
      const skew = Math.abs(Date.parse(date) + 500 - (before + now().getTime()) / 2);
      worst = Math.max(worst, skew);
      if (skew > MAX_CLOCK_SKEW_MS) {
        throw failed('clocks-close', `${endpoint} is ${Math.round(skew / 1000)} s off`);
      }
    }
    return `within ${Math.ceil(worst / 1000)} s`;
  });
}

export function freeDiskCheck(hosts: readonly HaHost[]): PreflightCheck {
  return check('free-disk', async () => {
    const notes: string[] = [];
    for (const h of hosts) {
      if (h.transport.kind !== 'local') {
        notes.push(`${h.label}: not measurable through the ${h.transport.kind} transport`);
        continue;
      }
      const dir = (await h.transport.paths()).var;
      const fs = await statfs(dir);
      const free = fs.bavail * fs.bsize;
      if (free < MIN_FREE_BYTES) {
        throw failed('free-disk', `${h.label}: ${Math.floor(free / 2 ** 20)} MiB free in ${dir}`);
      }
      notes.push(`${h.label}: ${Math.floor(free / 2 ** 20)} MiB free`);
    }
    return notes.join('; ');
  });
}
