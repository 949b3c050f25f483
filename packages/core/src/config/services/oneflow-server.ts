// oneflow-server.conf (HEAD keys and defaults; the 4.6-era shutdown actions still accepted).
import {
  boolean,
  integer,
  nested,
  oneOf,
  optional,
  section,
  text,
  url,
  withDefault,
  type Infer,
} from './schema.js';

export const logSection = () =>
  nested({
    /** 0 error, 1 warning, 2 info, 3 debug. */
    level: withDefault(integer({ min: 0, max: 3 }), 2),
    system: withDefault(oneOf(['file', 'syslog'] as const), 'file'),
  });

export const oneflowServerSchema = section({
  one_xmlrpc: withDefault(url(['http', 'https']), 'http://localhost:2633/RPC2'),
  subscriber_endpoint: withDefault(url(['tcp']), 'tcp://localhost:2101'),
  autoscaler_interval: withDefault(integer({ min: 1 }), 90),
  host: withDefault(text(), '127.0.0.1'),
  port: withDefault(integer({ min: 0, max: 65535 }), 2474),
  force_deletion: withDefault(boolean(), false),
  retries: withDefault(integer({ min: 0 }), 5),
  default_cooldown: withDefault(integer({ min: 0 }), 300),
  wait_timeout: withDefault(integer({ min: 0 }), 30),
  concurrency: withDefault(integer({ min: 1 }), 10),
  shutdown_action: withDefault(
    oneOf(['terminate', 'terminate-hard', 'shutdown', 'shutdown-hard'] as const),
    'terminate',
  ),
  action_number: withDefault(integer({ min: 1 }), 1),
  action_period: withDefault(integer({ min: 1 }), 60),
  vm_name_template: withDefault(text(), '$ROLE_NAME_$VM_NUMBER_(service_$SERVICE_ID)'),
  vn_name_template: optional(text()),
  vr_name_template: withDefault(text(), '$ROLE_NAME(service_$SERVICE_ID)'),
  page_size: withDefault(integer({ min: 1 }), 10),
  core_auth: withDefault(oneOf(['cipher', 'x509'] as const), 'cipher'),
  log: logSection(),
});

export type OneflowServerConfig = Infer<typeof oneflowServerSchema>;

export const defaultOneflowServerConfText = `# oneflow-server.conf written by OneKit: the OneFlow server (YAML, Ruby-symbol keys).

# oned's XML-RPC endpoint and its event publisher.
:one_xmlrpc: http://localhost:2633/RPC2
:subscriber_endpoint: tcp://localhost:2101

# Seconds between elasticity evaluations.
:autoscaler_interval: 90

# Address and port of the REST API.
:host: 127.0.0.1
:port: 2474

# Delete services even when their VMs cannot be terminated.
:force_deletion: false

# Attempts of a failed oned call.
:retries: 5

# Seconds a role rests after a scaling operation.
:default_cooldown: 300

# Seconds to wait for an oned event before asking oned directly.
:wait_timeout: 30

# Parallel oned calls.
:concurrency: 10

# How roles stop their VMs: terminate or terminate-hard.
:shutdown_action: terminate

# VMs acted on per period, and the period in seconds.
:action_number: 1
:action_period: 60

# Names given to the VMs, networks and virtual routers a service creates.
:vm_name_template: '$ROLE_NAME_$VM_NUMBER_(service_$SERVICE_ID)'
# :vn_name_template: '$ROLE_NAME(service_$SERVICE_ID)'
:vr_name_template: '$ROLE_NAME(service_$SERVICE_ID)'

# Documents per page when listing from oned.
:page_size: 10

# How the server authenticates to oned on behalf of users: cipher or x509.
:core_auth: cipher

# Logging: level 0 error, 1 warning, 2 info, 3 debug; system file or syslog.
:log:
  :level: 2
  :system: file
`;
