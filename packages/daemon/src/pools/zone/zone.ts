import type { Template } from '@onekit/core';

/** Zone STATE (6.2+): a disabled zone answers only read-only calls and a few others. */
export const zoneStates = { ENABLED: 0, DISABLED: 1 } as const;
export type ZoneState = (typeof zoneStates)[keyof typeof zoneStates];

/** The zone of a standalone server (FEDERATION/ZONE_ID is forced to 0). */
export const STANDALONE_ZONE_ID = 0;

/** Ids below this are system zones: never deleted, never given to one.zone.allocate. */
export const FIRST_USER_ZONE_ID = 100;

/** One SERVER of the zone's SERVER_POOL: ENDPOINT, ID, NAME (7.x: also ENDPOINT_GRPC). */
export type ZoneServer = Readonly<Record<string, string>>;

export interface Zone {
  readonly id: number;
  readonly name: string;
  readonly state: ZoneState;
  /** Everything but NAME: ENDPOINT and whatever else the user set. */
  readonly template: Template;
  readonly servers: readonly ZoneServer[];
}
