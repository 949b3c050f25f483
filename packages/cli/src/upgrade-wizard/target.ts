// What the upgrade reaches (this CLI's release and the schema versions it needs) and which
// procedure gets there: when the federated (shared) tables keep their version, each zone is
// upgraded in turn while the others run ("rolling"); when they change, every zone stops and
// the master's upgraded federated tables are restored on each slave ("coordinated").

export interface SchemaVersions {
  readonly shared: string;
  readonly local: string;
}

export interface UpgradeTarget extends SchemaVersions {
  /** OneKit's release. */
  readonly onekit: string;
}

export type UpgradeProcedure = 'rolling' | 'coordinated';

export function schemaText(s: SchemaVersions): string {
  return `shared ${s.shared}, local ${s.local}`;
}

/**
 * The procedure for servers at `current` (unreadable ones count as changing): coordinated
 * when any server's shared version is not the target's, or when the operator asks for it.
 */
export function procedureFor(
  current: readonly (SchemaVersions | undefined)[],
  target: SchemaVersions,
  o: { coordinated: boolean },
): UpgradeProcedure {
  if (o.coordinated) return 'coordinated';
  return current.every((s) => s?.shared === target.shared) ? 'rolling' : 'coordinated';
}

/** Whether a server must be upgraded. */
export function needsUpgrade(current: SchemaVersions | undefined, target: SchemaVersions): boolean {
  return current?.shared !== target.shared || current.local !== target.local;
}
