// A new database, as oned bootstraps it (reference §10, §5.4), through the committer:
//   local entry:     local_db_versioning row 0, the default quotas;
//   federated entry: groups 0 and 1, users 0 (from one_auth) and 1 (serveradmin), the
//                    default ACL rules, zone 0 `OpenNebula`, their pool_control rows
//                    (zones and groups continue at 100) and db_versioning row 0.
// The service credential files are created (0600) just before the federated entry and
// removed again if it fails, so a failed bootstrap can simply be retried.
import type { OnedConf, OnePaths } from '@onekit/core';
import type { Logger } from '../log/index.js';
import { poolControlWrite } from '../pools/ids/index.js';
import { identityBootstrap } from '../pools/user/index.js';
import { FIRST_USER_ZONE_ID, bootstrapZone, insertZoneWrite } from '../pools/zone/index.js';
import type { Clock, Committer } from '../write-path/index.js';
import { refuseExistingCredentialFiles, writeCredentialFiles } from './credential-files.js';
import type { BootstrapPlan } from './database-versions.js';
import { defaultQuotaRows, localVersionRow, sharedVersionRow } from './system-rows.js';

export interface BootstrapOptions {
  readonly plan: BootstrapPlan;
  readonly committer: Committer;
  readonly conf: OnedConf;
  readonly paths: OnePaths;
  /** oneadmin's credentials, read from its one_auth file only when they are needed. */
  readonly oneadmin: () => { readonly name: string; readonly password: string };
  readonly clock: Clock;
  /** A new 64-hex random secret each call. */
  readonly randomSecret: () => string;
  readonly log: Logger;
}

/** The XML-RPC endpoint zone 0 advertises: MASTER_ONED when set, else this server. */
export function localZoneEndpoint(conf: OnedConf): string {
  if (conf.federation.masterOned !== '') return conf.federation.masterOned;
  const address = conf.listenAddress.trim();
  const host =
    address === '' || address === '0.0.0.0' || address === '::'
      ? 'localhost'
      : address.includes(':')
        ? `[${address}]`
        : address;
  return `http://${host}:${conf.port}/RPC2`;
}

export async function bootstrapDatabase(o: BootstrapOptions): Promise<void> {
  const now = Math.floor(o.clock() / 1000);
  if (o.plan.local) {
    o.log.info('ONE', 'Bootstrapping the local tables.');
    await o.committer.commit([localVersionRow(now, { isSlave: false }), ...defaultQuotaRows()], {
      federated: false,
    });
  }
  if (!o.plan.shared) return;

  o.log.info('ONE', 'Bootstrapping the federated tables.');
  const files = Object.values(o.paths.serviceCredentials);
  refuseExistingCredentialFiles(files);
  const secret = o.randomSecret();
  const identity = identityBootstrap({
    oneadmin: o.oneadmin(),
    serveradminSecret: secret,
    randomSecret: o.randomSecret,
  });
  const zone = bootstrapZone(localZoneEndpoint(o.conf));
  const written = writeCredentialFiles({
    directory: o.paths.oneDir,
    files,
    content: `serveradmin:${secret}\n`,
  });
  try {
    await o.committer.commit(
      [
        ...identity.ops,
        insertZoneWrite(zone),
        poolControlWrite('zone_pool', FIRST_USER_ZONE_ID - 1),
        sharedVersionRow(now),
      ],
      { federated: true },
    );
  } catch (err) {
    written.remove();
    throw err;
  }
  o.log.info('ONE', `Zone 0 ${zone.name} created with ENDPOINT ${zone.template.get('ENDPOINT')}.`);
}
