// The calls the federation process suites read state with.
import type { DaemonProcess } from '../support/daemon-root.js';
import type { RpcClient } from '../support/rpc-client.js';

/** FEDLOG_INDEX of one.zone.raftstatus, as an unsigned bigint. */
export async function fedlogIndex(daemon: DaemonProcess, session: string): Promise<bigint> {
  const xml = (await daemon.client.value('one.zone.raftstatus', session)) as string;
  const match = /<FEDLOG_INDEX>(\d+)<\/FEDLOG_INDEX>/.exec(xml);
  if (!match) throw new Error(`no FEDLOG_INDEX in ${xml}`);
  return BigInt(match[1]!);
}

export interface ZoneShipping {
  readonly ZONE_ID: number;
  readonly ENDPOINT: string;
  readonly LAST_INDEX: bigint;
  readonly STATE: string;
  readonly LAST_ERROR: string;
}

export async function federationStatus(
  daemon: DaemonProcess,
  session: string,
): Promise<ZoneShipping[]> {
  return (await daemon.client.value('onekit.federation.status', session)) as ZoneShipping[];
}

/** The NAMEs of a pool's objects (one.userpool.info, one.grouppool.info). */
export async function poolNames(
  client: RpcClient,
  session: string,
  method: string,
): Promise<string[]> {
  const xml = (await client.value(method, session)) as string;
  return [...xml.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]!);
}
