import { OneKitError, userOneFiles } from '@onekit/core';
import { writeFileAtomic } from '@onekit/core';
import type { ZoneView } from './zone-document.js';

export interface ZoneSetResult {
  zone: number;
  endpoint: string;
  /** Present when the zone names a OneFlow endpoint (TEMPLATE/ONEFLOW_ENDPOINT). */
  oneflowEndpoint?: string;
  /** --keep: nothing was written; the export lines are for this shell only. */
  keep: boolean;
  /** The files written, when not --keep. */
  files: { oneEndpoint?: string; oneflowEndpoint?: string };
}

export interface SetZoneOptions {
  zone: ZoneView;
  keep: boolean;
  /** The user's home: the endpoints go to `<home>/.one`. */
  home: string | undefined;
}

/**
 * `onezone set`: the zone's ENDPOINT (and ONEFLOW_ENDPOINT when it has one) become the
 * user's default endpoints, in `~/.one/one_endpoint` and `~/.one/oneflow_endpoint`.
 */
export async function setZone(options: SetZoneOptions): Promise<ZoneSetResult> {
  const { zone, keep } = options;
  if (zone.endpoint === '') {
    throw new OneKitError('FLAG_INVALID', `No Endpoint defined for Zone ${zone.id}`, {
      field: 'zoneid',
    });
  }
  const result: ZoneSetResult = {
    zone: zone.id,
    endpoint: zone.endpoint,
    ...(zone.oneflowEndpoint ? { oneflowEndpoint: zone.oneflowEndpoint } : {}),
    keep,
    files: {},
  };
  if (keep) return result;
  if (options.home === undefined) {
    throw new OneKitError('CONFIG_MISSING', 'no home directory to write .one/one_endpoint in', {
      field: 'HOME',
    });
  }
  const files = userOneFiles(options.home);
  await writeFileAtomic(files.oneEndpoint, zone.endpoint + '\n');
  result.files.oneEndpoint = files.oneEndpoint;
  if (zone.oneflowEndpoint) {
    await writeFileAtomic(files.oneflowEndpoint, zone.oneflowEndpoint + '\n');
    result.files.oneflowEndpoint = files.oneflowEndpoint;
  }
  return result;
}

/** Upstream's lines: where the endpoints went, or the export commands for --keep. */
export function renderZoneSet(result: ZoneSetResult): string {
  if (result.keep) {
    let out = `Type: export ONE_XMLRPC=${result.endpoint}\n`;
    if (result.oneflowEndpoint) out += `Type: export ONEFLOW_URL=${result.oneflowEndpoint}\n`;
    return out;
  }
  let out = `Endpoint changed to "${result.endpoint}" in ${result.files.oneEndpoint}\n`;
  if (result.files.oneflowEndpoint) {
    out += `OneFlow Endpoint changed to "${result.oneflowEndpoint}" in ${result.files.oneflowEndpoint}\n`;
  }
  return out;
}
