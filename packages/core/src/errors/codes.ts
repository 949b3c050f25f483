// One list of error codes for the whole suite: docs, exit codes and tests read it.
// Tests assert the code and `where`, never the wording.
export const errorCodes = {
  TEMPLATE_SYNTAX: 'A template cannot be parsed',
  TEMPLATE_UNPRINTABLE: 'A template cannot be written in the requested form without changing it',
  XMLRPC_MALFORMED: 'An XML-RPC document is not well formed',
  XMLRPC_TYPE: 'An XML-RPC value has an unknown or invalid type',
  XMLRPC_TOO_LARGE: 'An XML-RPC body is larger than allowed',
  XMLRPC_TOO_DEEP: 'An XML-RPC value is nested deeper than allowed',
  XMLRPC_FAULT: 'The XML-RPC server answered with a fault',
  XML_DOCUMENT: 'An OpenNebula XML document does not have the expected shape',
  AUTH_FILE: 'The ONE_AUTH file is missing or malformed',
  AUTH_SESSION: 'A session string is malformed',
  AUTH_TOKEN: 'A token cannot be decoded or has expired',
  CONFIG_INVALID: 'A configuration file is invalid',
  CONFIG_MISSING: 'A configuration file does not exist',
  FLAG_REQUIRED: 'A required flag is missing in non-interactive use',
  FLAG_INVALID: 'A flag or argument has an invalid value',
  COMMAND_UNKNOWN: 'The executable has no such command',
  CANCELLED: 'The user cancelled the operation',
  ONE_API: 'The OpenNebula API answered with an error',
  CONNECTION: 'The server cannot be reached',
  SSH_HOST_UNKNOWN: 'The SSH host has no key in known_hosts and checking is strict',
  SSH_HOST_KEY_MISMATCH: 'The SSH host key differs from known_hosts, or is revoked there',
  SSH_AUTH: 'The SSH server accepted none of the offered keys, or a key cannot be read',
  STORAGE: 'The database refused an operation or its log is inconsistent',
  DAEMON_START: 'The daemon cannot start: lock held, database version, address or bootstrap files',
  ACL_SYNTAX: 'An ACL rule string cannot be parsed',
  OBJECT_NAME: 'A name given for an OpenNebula object matches no object, or several',
  TEMPLATE_MISSING: 'No template was given: no file and nothing on standard input',
  SERVERSYNC_REFUSED:
    'serversync refused: the servers are in different zones, or the server is this host',
  AGENT_REQUEST: 'The agent refused a request: malformed, too large or naming an unknown operation',
  AGENT_RESPONSE: 'The agent answered something that is not a valid response',
  AGENT_AUTH: 'The agent refused the request: missing or wrong token',
  PATH_REFUSED: 'A path lies outside the directories the operation may touch',
  HOST_FILE: 'A file on the host cannot be read, written or removed',
  SERVICE_ACTION: 'A service action failed, or the host has no such service',
  HOST_COMMAND: 'A command run on the host failed',
  RAFT_ENTRY_UNAVAILABLE: 'A Raft log entry is not held: compacted away or not yet written',
  RAFT_WIRE: 'A message between the servers of a zone is malformed or not authenticated',
  DB_BACKUP: 'onedb refused: daemon running, target exists, or backup file missing or corrupt',
  DB_UPGRADE:
    'onedb upgrade failed: no migrator chain to the required version, a migrator failed, or an upgrade was interrupted',
  DB_COPY:
    'onedb could not copy or merge databases: schema versions differ from this release, the target is not empty, or the copy does not match its source',
  PLAN_REFUSED:
    'A wizard refused to run: a preflight check or gate failed, or its recorded run has another plan',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Where an error points: a file and line, a column range, or a named field. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  endColumn?: number;
  field?: string;
}

export class OneKitError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where: ErrorLocation = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OneKitError';
  }
}

export function isOneKitError(err: unknown, code?: ErrorCode): err is OneKitError {
  return err instanceof OneKitError && (code === undefined || err.code === code);
}
