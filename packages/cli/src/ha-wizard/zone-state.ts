// Readings of a zone's Raft state (every server's onekit.zone.progress) that the HA
// wizards gate on: healthy (one leader, the rest followers), quorum left after a removal,
// and a new or recovered server caught up. Pure functions over the answers.
import { LEADER_STATE, type ZoneServerAnswers } from '../zone/zone-members.js';

const SOLO = 0;
const FOLLOWER = 2;

/** What keeps the zone from being healthy; empty when healthy. */
export function healthProblems(answers: ZoneServerAnswers): string[] {
  const problems: string[] = [];
  for (const s of answers.servers) {
    if (!s.answer.ok) problems.push(`${s.name} (${s.endpoint}): ${s.answer.message}`);
  }
  const states = answers.servers.flatMap((s) => (s.answer.ok ? [s.answer.value.state] : []));
  const solo = answers.servers.length === 1 && states[0] === SOLO;
  if (solo) return problems;
  const leaders = states.filter((s) => s === LEADER_STATE).length;
  if (leaders !== 1) problems.push(`${leaders} servers answer as leader, not one`);
  for (const s of answers.servers) {
    if (s.answer.ok && s.answer.value.state !== LEADER_STATE && s.answer.value.state !== FOLLOWER) {
      problems.push(`${s.name} is neither leader nor follower (state ${s.answer.value.state})`);
    }
  }
  const learners = answers.leader?.answer.value.learners ?? [];
  for (const l of learners) problems.push(`${l.name} is still a learner (catching up)`);
  return problems;
}

/** Whether the zone has a single server that is not HA yet (an empty SERVER_POOL). */
export function isSolo(answers: ZoneServerAnswers): boolean {
  return answers.servers.length === 1 && answers.servers[0]!.id === -1;
}

/**
 * Why removing (or stopping) server `id` would leave the zone without a quorum of running
 * voters; undefined when it would not.
 */
export function quorumProblem(answers: ZoneServerAnswers, id: number): string | undefined {
  const leader = answers.leader?.answer.value;
  if (!leader) return 'no server answers as leader';
  const voters = leader.voters.filter((v) => v.id !== id);
  if (voters.length === 0) return 'it is the last voter of the zone';
  const running = voters.filter((v) =>
    answers.servers.some(
      (s) =>
        s.id === v.id && s.answer.ok && [LEADER_STATE, FOLLOWER].includes(s.answer.value.state),
    ),
  );
  const quorum = Math.floor(voters.length / 2) + 1;
  return running.length >= quorum
    ? undefined
    : `only ${running.length} of the ${voters.length} remaining voters run; a quorum is ${quorum}`;
}

/**
 * Server `id` has caught up: the leader counts it as a voter (a learner is promoted once
 * caught up), it follows, it has applied all the leader had committed at `since`, and the
 * leader replicates to it normally from there.
 */
export function caughtUpProblem(
  answers: ZoneServerAnswers,
  id: number,
  since: bigint,
): string | undefined {
  const leader = answers.leader?.answer.value;
  if (!leader) return 'no server answers as leader';
  if (leader.learners.some((l) => l.id === id)) return `server ${id} is still a learner`;
  if (!leader.voters.some((v) => v.id === id)) return `server ${id} is not a member of the zone`;
  const own = answers.servers.find((s) => s.id === id);
  if (!own) return `server ${id} is not listed`;
  if (!own.answer.ok) return `server ${id} does not answer: ${own.answer.message}`;
  const view = own.answer.value;
  if (view.state !== FOLLOWER && view.state !== LEADER_STATE)
    return `server ${id} does not follow yet`;
  if (view.applied < since) return `server ${id} has applied ${view.applied} of ${since}`;
  if (leader.serverId === id) return undefined;
  const progress = leader.followers.find((f) => f.id === id);
  if (progress?.replication === 'needs-reset') return `server ${id} is outside the leader's log`;
  if (progress?.replication !== 'replicate' || progress.match < since) {
    return `the leader does not replicate to server ${id} yet (${progress?.replication ?? 'unknown'})`;
  }
  return undefined;
}
