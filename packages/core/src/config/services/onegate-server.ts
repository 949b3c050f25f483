// onegate-server.conf (HEAD keys and defaults).
import { logSection } from './oneflow-server.js';
import {
  boolean,
  integer,
  listOf,
  nested,
  oneOf,
  optional,
  section,
  text,
  url,
  withDefault,
  type Infer,
} from './schema.js';

const allowed = () => withDefault(boolean(), true);

export const onegateServerSchema = section({
  one_xmlrpc: withDefault(url(['http', 'https']), 'http://localhost:2633/RPC2'),
  server: nested({
    bind: withDefault(text(), '127.0.0.1'),
    port: withDefault(integer({ min: 0, max: 65535 }), 5030),
  }),
  /** Base URL advertised by GET / when the server sits behind a TLS proxy. */
  ssl_server: optional(url(['http', 'https'])),
  log: logSection(),
  auth: withDefault(oneOf(['onegate'] as const), 'onegate'),
  core_auth: withDefault(oneOf(['cipher', 'x509'] as const), 'cipher'),
  oneflow_server: withDefault(url(['http', 'https']), 'http://localhost:2474'),
  permissions: nested({
    vm: nested({
      show: allowed(),
      show_by_id: allowed(),
      update: allowed(),
      update_by_id: allowed(),
      action_by_id: allowed(),
    }),
    service: nested({ show: allowed(), change_cardinality: allowed() }),
    vrouter: nested({ show: allowed() }),
    vnet: nested({ show_by_id: allowed() }),
  }),
  restricted_attrs: withDefault(listOf(text()), ['SCHED_REQUIREMENTS', 'SERVICE_ID', 'ROLE_NAME']),
  vnet_template_attributes: withDefault(listOf(text()), [
    'NETWORK_ADDRESS',
    'NETWORK_MASK',
    'GATEWAY',
    'GATEWAY6',
    'DNS',
    'GUEST_MTU',
    'METRIC',
    'IP6_METRIC',
    'SEARCH_DOMAIN',
  ]),
  /** An absent or empty key restricts reboot only, as the server does; `[]` restricts nothing. */
  restricted_actions: withDefault(listOf(text()), ['reboot']),
});

export type OnegateServerConfig = Infer<typeof onegateServerSchema>;

export const defaultOnegateServerConfText = `# onegate-server.conf written by OneKit: the OneGate server VMs talk to (YAML, Ruby-symbol keys).

# oned's XML-RPC endpoint.
:one_xmlrpc: http://localhost:2633/RPC2

# Address and port VMs reach; oned.conf ONEGATE_ENDPOINT must point here.
:server:
  :bind: 127.0.0.1
  :port: 5030

# Base URL to advertise when a TLS proxy sits in front of the server.
# :ssl_server: https://onegate.example.com

# Logging: level 0 error, 1 warning, 2 info, 3 debug; system file or syslog.
:log:
  :level: 2
  :system: file

# VMs authenticate with their token; the server reaches oned with server cipher tokens.
:auth: onegate
:core_auth: cipher

# OneFlow, for service information and scaling.
:oneflow_server: http://localhost:2474

# What VMs may do: false turns a route off (403).
:permissions:
  :vm:
    :show: true
    :show_by_id: true
    :update: true
    :update_by_id: true
    :action_by_id: true
  :service:
    :show: true
    :change_cardinality: true
  :vrouter:
    :show: true
  :vnet:
    :show_by_id: true

# Attributes a VM may not set or erase in its own template.
:restricted_attrs:
  - SCHED_REQUIREMENTS
  - SERVICE_ID
  - ROLE_NAME

# Virtual network attributes shown to virtual router VMs.
:vnet_template_attributes:
  - NETWORK_ADDRESS
  - NETWORK_MASK
  - GATEWAY
  - GATEWAY6
  - DNS
  - GUEST_MTU
  - METRIC
  - IP6_METRIC
  - SEARCH_DOMAIN

# Actions VMs may not perform on VMs of their service (empty or absent: reboot only).
:restricted_actions:
  - reboot
`;
