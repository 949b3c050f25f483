// one.system.version and one.system.config (reference §2.2). Both are answered while the
// zone is disabled. The version is the OpenNebula release OneKit mirrors, so clients that
// compare versions see the number they expect; OneKit's own is `onekit-daemon --version`.
import { ONED_API_VERSION } from '../version/index.js';
import type { MethodSpec } from './method.js';
import type { DaemonServices } from './services.js';
import { configurationXml } from './system-config.js';

export type SystemServices = Pick<DaemonServices, 'config'>;

/** oned shows the DB keys to callers whose (effective) primary group is oneadmin. */
const ONEADMIN_GROUP = 0;

export const systemMethods: readonly MethodSpec<SystemServices>[] = [
  {
    name: 'one.system.version',
    params: [],
    allowedWhenDisabled: true,
    async handler() {
      return ONED_API_VERSION;
    },
  },
  {
    name: 'one.system.config',
    params: [],
    allowedWhenDisabled: true,
    async handler({ caller, services }) {
      const gid = caller.egid ?? caller.gid;
      return configurationXml(services.config, { showDbCredentials: gid === ONEADMIN_GROUP });
    },
  },
];
