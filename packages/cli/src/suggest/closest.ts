import { editDistance } from './edit-distance.js';

/**
 * The known name closest to `input`, or undefined when none is close enough to be a
 * plausible typo: at most a third of the longer name may differ (and at least 1, at most 3
 * edits). Ties go to the name listed first, so callers pass names in a stable order.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    const allowed = Math.min(
      3,
      Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3)),
    );
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
