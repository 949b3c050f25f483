// Turns whatever arrived (a parsed JSON body, a line on stdin) into a typed request, or
// refuses it with AGENT_REQUEST naming the field at fault. Paths are only checked for
// shape here; whether the host lets an operation touch them is the files module's call.
import { OneKitError } from '@onekit/core';
import {
  opNames,
  serviceActions,
  type AgentRequest,
  type OpName,
  type OpParams,
  type ServiceAction,
} from './ops.js';

type Fields = Record<string, unknown>;

function refuse(field: string, message: string): never {
  throw new OneKitError('AGENT_REQUEST', message, { field });
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(params: Fields, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') {
    refuse(`params.${key}`, `params.${key} must be a non-empty string`);
  }
  return value;
}

function optionalText(params: Fields, key: string): string | undefined {
  return params[key] === undefined ? undefined : text(params, key);
}

function optionalInteger(params: Fields, key: string, max: number): number | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    refuse(`params.${key}`, `params.${key} must be an integer between 0 and ${max}`);
  }
  return value;
}

function textList(params: Fields, key: string): string[] {
  const value = params[key] ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    refuse(`params.${key}`, `params.${key} must be a list of strings`);
  }
  return value as string[];
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64Text(params: Fields, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || !base64.test(value)) {
    refuse(`params.${key}`, `params.${key} must be base64 text`);
  }
  return value;
}

/** Only the keys given: an absent optional parameter stays absent. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const MAX_ID = 0xfffffffe;

const readers: { [K in OpName]: (params: Fields) => OpParams<K> } = {
  'list-files': (p) => ({ root: text(p, 'root') }),
  'read-file': (p) => ({ path: text(p, 'path') }),
  'write-file': (p) =>
    defined({
      path: text(p, 'path'),
      content: base64Text(p, 'content'),
      mode: optionalInteger(p, 'mode', 0o7777),
      uid: optionalInteger(p, 'uid', MAX_ID),
      gid: optionalInteger(p, 'gid', MAX_ID),
      backupDir: optionalText(p, 'backupDir'),
    }),
  'remove-file': (p) => defined({ path: text(p, 'path'), backupDir: optionalText(p, 'backupDir') }),
  service: (p) => {
    const action = text(p, 'action');
    if (!serviceActions.includes(action as ServiceAction)) {
      refuse('params.action', `params.action must be one of ${serviceActions.join(', ')}`);
    }
    return { action: action as ServiceAction, name: text(p, 'name') };
  },
  versions: () => ({}),
  paths: () => ({}),
  'database-backup': (p) => ({ args: textList(p, 'args') }),
  'database-restore': (p) => ({ file: text(p, 'file'), args: textList(p, 'args') }),
  'database-upgrade': (p) => ({ args: textList(p, 'args') }),
  'database-reown': (p) => ({ log: text(p, 'log') }),
};

export function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && (opNames as readonly string[]).includes(value);
}

export function parseRequest(value: unknown): AgentRequest {
  if (!isRecord(value)) refuse('request', 'the request must be a JSON object');
  const { op } = value;
  if (typeof op !== 'string') refuse('op', 'the request has no "op" string');
  if (!isOpName(op)) refuse('op', `unknown operation "${op}"; known: ${opNames.join(', ')}`);
  const params = value.params ?? {};
  if (!isRecord(params)) refuse('params', '"params" must be a JSON object');
  return { op, params: readers[op](params) } as AgentRequest;
}

/** Parses request text (an HTTP body, the one-shot mode's stdin). */
export function parseRequestText(body: string): AgentRequest {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new OneKitError(
      'AGENT_REQUEST',
      'the request is not valid JSON',
      { field: 'request' },
      {
        cause: err,
      },
    );
  }
  return parseRequest(value);
}

/** A request as a JSON body. */
export function requestText<K extends OpName>(op: K, params: OpParams<K>): string {
  return JSON.stringify({ op, params });
}
