// econe.conf, the EC2 Query server (keys and defaults of 5.12, the last release with it).
import {
  boolean,
  dictionary,
  either,
  integer,
  oneOf,
  optional,
  required,
  section,
  text,
  url,
  withDefault,
  type Infer,
} from './schema.js';

export const econeSchema = section({
  tmpdir: withDefault(text(), '/var/tmp'),
  one_xmlrpc: withDefault(url(['http', 'https']), 'http://localhost:2633/RPC2'),
  host: withDefault(text(), 'localhost'),
  port: withDefault(integer({ min: 0, max: 65535 }), 4567),
  ssl_server: optional(url(['http', 'https'])),
  auth: withDefault(oneOf(['ec2', 'x509'] as const), 'ec2'),
  core_auth: withDefault(oneOf(['cipher', 'x509'] as const), 'cipher'),
  /** 0 error, 1 warning, 2 info, 3 debug. */
  debug_level: withDefault(integer({ min: 0, max: 3 }), 3),
  cluster_id: optional(integer({ min: 0 })),
  datastore_id: withDefault(integer({ min: 0 }), 1),
  describe_with_terminated_instances: withDefault(boolean(), true),
  terminated_instances_expiration_time: withDefault(integer({ min: 0 }), 900),
  use_file_templates: withDefault(boolean(), false),
  instance_types: withDefault(dictionary(section({ template: required(text()) })), {
    'm1.small': { template: 'm1.small.erb' },
  }),
  /** Unset: Elastic IPs are disabled. */
  elasticips_vnet_id: optional(integer({ min: 0 })),
  associate_script: withDefault(
    either(text(), oneOf([false] as const), 'a script path or false'),
    false,
  ),
  disassociate_script: withDefault(
    either(text(), oneOf([false] as const), 'a script path or false'),
    false,
  ),
  ebs_fstype: withDefault(text(), 'ext3'),
});

export type EconeConfig = Infer<typeof econeSchema>;

export const defaultEconeConfText = `# econe.conf written by OneKit: the EC2 Query server (YAML, Ruby-symbol keys).

# Scratch space for uploads.
:tmpdir: /var/tmp

# oned's XML-RPC endpoint.
:one_xmlrpc: http://localhost:2633/RPC2

# Address and port of the EC2 Query API; signatures are checked against this host.
:host: localhost
:port: 4567

# Base URL to advertise when a TLS proxy sits in front of the server.
# :ssl_server: https://ec2.example.com

# Clients sign requests (ec2) or present certificates (x509); the server reaches oned
# with server cipher tokens (cipher) or certificates (x509).
:auth: ec2
:core_auth: cipher

# 0 error, 1 warning, 2 info, 3 debug.
:debug_level: 3

# Where new VMs and images go (cluster unset: any cluster).
# :cluster_id: 100
:datastore_id: 1

# DescribeInstances lists terminated instances for this many seconds.
:describe_with_terminated_instances: true
:terminated_instances_expiration_time: 900

# Instance types come from VM templates tagged EC2_INSTANCE_TYPE; true selects the old
# file mode with the ERB templates below.
:use_file_templates: false
:instance_types:
  :m1.small:
    :template: m1.small.erb

# Virtual network that holds Elastic IPs (unset: Elastic IPs disabled) and the scripts
# that move them (false: none).
# :elasticips_vnet_id: 0
:associate_script: false
:disassociate_script: false

# File system created on new EBS volumes.
:ebs_fstype: ext3
`;
