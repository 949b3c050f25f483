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
  STORAGE: 'The database refused an operation or its log is inconsistent',
  DAEMON_START: 'The daemon cannot start: lock held, database version, address or bootstrap files',
  ACL_SYNTAX: 'An ACL rule string cannot be parsed',
  OBJECT_NAME: 'A name given for an OpenNebula object matches no object, or several',
  TEMPLATE_MISSING: 'No template was given: no file and nothing on standard input',
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
