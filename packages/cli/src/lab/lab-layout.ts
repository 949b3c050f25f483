// What a lab is made of, decided from its answers alone: zones of servers, each server a
// host with its own self-contained root under the lab directory and its own loopback
// address (the first address, then the next ones), all on the same ports as real
// front-ends are. Zone 0 is the master; server 0 of each zone is the zone's first server.
import { posix } from 'node:path';
import { OneKitError } from '@onekit/core';

export interface LabSpec {
  readonly zones: number;
  readonly servers: number;
  /** The first host's address; the others count up from it. */
  readonly address: string;
  readonly port: number;
  readonly agentPort: number;
}

export interface LabHostSpec {
  /** `z<zone>-s<server>`: also the server's name in its zone. */
  readonly name: string;
  readonly zone: number;
  readonly server: number;
  readonly address: string;
  /** The host's ONE_LOCATION. */
  readonly location: string;
  /** Its daemon's XML-RPC endpoint. */
  readonly rpc: string;
  /** What the wizards' --host takes: ADDRESS:AGENT_PORT. */
  readonly agent: string;
}

export const MAX_LAB_HOSTS = 200;

/** Zone 0 keeps the name a new daemon gives it; slave zones are zone-1, zone-2, ... */
export function labZoneName(zone: number): string {
  return zone === 0 ? 'OpenNebula' : `zone-${zone}`;
}

export function labHosts(dir: string, spec: LabSpec): LabHostSpec[] {
  const octets = spec.address.split('.').map(Number);
  if (
    octets.length !== 4 ||
    octets[0] !== 127 ||
    octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)
  ) {
    throw new OneKitError('FLAG_INVALID', `${spec.address} is not a loopback address (127.x.y.z)`, {
      field: 'address',
    });
  }
  const count = spec.zones * spec.servers;
  if (count > MAX_LAB_HOSTS || octets[3]! + count - 1 > 254) {
    throw new OneKitError(
      'FLAG_INVALID',
      `${count} hosts do not fit after ${spec.address} (the last octet stops at 254)`,
      { field: 'address' },
    );
  }
  const hosts: LabHostSpec[] = [];
  for (let zone = 0; zone < spec.zones; zone++) {
    for (let server = 0; server < spec.servers; server++) {
      const index = zone * spec.servers + server;
      const address = [...octets.slice(0, 3), octets[3]! + index].join('.');
      const name = `z${zone}-s${server}`;
      hosts.push({
        name,
        zone,
        server,
        address,
        location: posix.join(dir, 'hosts', name),
        rpc: `http://${address}:${spec.port}/RPC2`,
        agent: `${address}:${spec.agentPort}`,
      });
    }
  }
  return hosts;
}

/** The id of the wizard run that makes the host a server of its zone. */
export function joinedBy(host: LabHostSpec): string {
  if (host.server > 0) return `ha-add-${host.name}`;
  return host.zone === 0 ? 'fed-master' : 'fed-join';
}

/** One wizard run `lab up` makes: its id (recorded once it succeeds), program and arguments. */
export interface LabWizardRun {
  readonly id: string;
  readonly args: readonly string[];
  /** The host whose endpoint the wizard talks to. */
  readonly via: LabHostSpec;
}

/**
 * The wizard runs that build the lab, in order: the master, the slave zones (one fed-join),
 * then each further server of each zone (ha-add, the first one making the zone HA).
 */
export function labWizardRuns(hosts: readonly LabHostSpec[], spec: LabSpec): LabWizardRun[] {
  const host = (zone: number, server: number) =>
    hosts.find((h) => h.zone === zone && h.server === server)!;
  const master = host(0, 0);
  const runs: LabWizardRun[] = [
    {
      id: 'fed-master',
      args: ['fed-master', '--rpc', master.rpc, '--master', master.agent],
      via: master,
    },
  ];
  if (spec.zones > 1) {
    const slaves = hosts.filter((h) => h.zone > 0 && h.server === 0);
    runs.push({
      id: 'fed-join',
      args: [
        'fed-join',
        ...slaves.flatMap((s) => [
          '--name',
          labZoneName(s.zone),
          '--rpc',
          s.rpc,
          '--host',
          s.agent,
        ]),
        '--master',
        master.agent,
      ],
      via: master,
    });
  }
  for (let zone = 0; zone < spec.zones; zone++) {
    const first = host(zone, 0);
    for (let server = 1; server < spec.servers; server++) {
      const added = host(zone, server);
      runs.push({
        id: joinedBy(added),
        args: [
          'ha-add',
          '--zone',
          labZoneName(zone),
          ...(server === 1 ? ['--first-name', first.name, '--first-rpc', first.rpc] : []),
          '--name',
          added.name,
          '--rpc',
          added.rpc,
          '--host',
          added.agent,
          '--from',
          first.agent,
        ],
        via: first,
      });
    }
  }
  return runs;
}
