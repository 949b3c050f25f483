// `onekit lab status`: every host of the lab with its agent and daemon (running or not, by
// the pids recorded), and what its daemon answers to one.zone.raftstatus: Raft state, term,
// FEDLOG_INDEX (asked with the master's oneadmin credentials, which every zone shares once
// joined; `-` when the daemon does not answer).
import { readOneAuth, readXmlDocument, resolvePaths, type XmlObject } from '@onekit/core';
import { XmlRpcClient } from '../rpc/index.js';
import type { TableSpec } from '../table/index.js';
import { raftStateNames } from '../zone/zone-progress.js';
import { labHosts, labZoneName } from './lab-layout.js';
import { agentPidFile, daemonPidFile, livePid } from './lab-processes.js';
import { requireLabState } from './lab-state.js';

export interface LabHostStatus {
  readonly name: string;
  readonly zone: number;
  readonly zoneName: string;
  readonly server: number;
  readonly rpc: string;
  readonly agentPid: number | null;
  readonly daemonPid: number | null;
  /** solo, follower, leader, candidate; '-' when it does not answer. */
  readonly raft: string;
  readonly term: string;
  readonly fedIndex: string;
}

export interface LabStatus {
  readonly dir: string;
  readonly zones: number;
  readonly servers: number;
  readonly done: readonly string[];
  readonly hosts: readonly LabHostStatus[];
}

export async function labStatus(o: { dir: string }): Promise<LabStatus> {
  const state = await requireLabState(o.dir);
  const hosts = labHosts(o.dir, state.spec);
  const master = resolvePaths({ oneLocation: hosts[0]!.location });
  let session: string | undefined;
  try {
    const auth = readOneAuth({ env: { ONE_AUTH: master.oneAuth }, home: undefined, paths: master });
    session = `${auth.user}:${auth.password}`;
  } catch (err) {
    // A lab whose master root is not written yet has no credentials: nothing answers.
    if ((err as { code?: string }).code !== 'CONFIG_MISSING') throw err;
  }
  const rows = await Promise.all(
    hosts.map(async (h): Promise<LabHostStatus> => {
      const agentPid = (await livePid(agentPidFile(o.dir, h))) ?? null;
      const daemonPid = (await livePid(daemonPidFile(h))) ?? null;
      const raft = daemonPid !== null && session ? await raftStatus(h.rpc, session) : undefined;
      return {
        name: h.name,
        zone: h.zone,
        zoneName: labZoneName(h.zone),
        server: h.server,
        rpc: h.rpc,
        agentPid,
        daemonPid,
        raft: raft ? (raftStateNames[Number(raft['STATE'])] ?? String(raft['STATE'])) : '-',
        term: raft ? String(raft['TERM'] ?? '-') : '-',
        fedIndex: raft ? String(raft['FEDLOG_INDEX'] ?? '-') : '-',
      };
    }),
  );
  return {
    dir: o.dir,
    zones: state.spec.zones,
    servers: state.spec.servers,
    done: state.done,
    hosts: rows,
  };
}

async function raftStatus(endpoint: string, session: string): Promise<XmlObject | undefined> {
  const client = new XmlRpcClient({ endpoint, session, timeoutMs: 5_000 });
  try {
    const xml = await client.callText('one.zone.raftstatus');
    return readXmlDocument(xml, { root: 'RAFT' }).RAFT as XmlObject;
  } catch {
    // Not answering (stopped, starting, refusing) is what the row shows as `-`.
    return undefined;
  } finally {
    client.close();
  }
}

const pid = (p: number | null) => (p === null ? 'stopped' : String(p));

export const labStatusTable: TableSpec<LabHostStatus> = {
  columns: [
    {
      name: 'HOST',
      description: 'The host (zone and server)',
      size: 7,
      left: true,
      value: (r) => r.name,
    },
    {
      name: 'ZONE',
      description: 'Zone name',
      size: 10,
      left: true,
      adjust: true,
      value: (r) => r.zoneName,
    },
    { name: 'SERVER', description: 'Server of the zone', size: 6, value: (r) => String(r.server) },
    {
      name: 'ENDPOINT',
      description: 'XML-RPC endpoint',
      size: 28,
      left: true,
      adjust: true,
      value: (r) => r.rpc,
    },
    { name: 'AGENT', description: "The agent's pid", size: 7, value: (r) => pid(r.agentPid) },
    { name: 'DAEMON', description: "The daemon's pid", size: 7, value: (r) => pid(r.daemonPid) },
    {
      name: 'RAFT',
      description: 'Raft state',
      size: 9,
      left: true,
      state: true,
      value: (r) => r.raft,
    },
    { name: 'TERM', description: 'Raft term', size: 4, value: (r) => r.term },
    { name: 'FED_INDEX', description: 'FEDLOG_INDEX', size: 9, value: (r) => r.fedIndex },
  ],
};
