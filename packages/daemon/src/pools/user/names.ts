// oned's rules for object names and passwords, with its messages.
import { sha256Hex } from '@onekit/core';
import { CORE_DRIVER, maxPasswordBytes } from './auth-drivers.js';

/** Characters no object name may hold. */
export const INVALID_NAME_CHARS = '&|:\\";/\'#{}$<>\t\n\v\f\r';
/** More characters a user name may not hold. */
export const USER_INVALID_NAME_CHARS = ' :\t\n\v\f\r';
/** More characters a group name may not hold. */
export const GROUP_INVALID_NAME_CHARS = ' ';

const INVALID_PASSWORD_CHARS = ' \t\n\v\f\r';
const MAX_NAME_BYTES = 128;

/** Why oned would refuse the name, or undefined when it is acceptable. */
export function nameProblem(name: string, extraInvalid = ''): string | undefined {
  if (name === '') return 'Invalid NAME, it cannot be empty';
  const invalid = INVALID_NAME_CHARS + extraInvalid;
  const bad = [...name].find((c) => invalid.includes(c));
  if (bad !== undefined) return `Invalid NAME, char '${bad}' is not allowed`;
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    return `Invalid NAME, max length is ${MAX_NAME_BYTES} chars`;
  }
  return undefined;
}

/** Why oned would refuse the password for the driver, or undefined. */
export function passwordProblem(password: string, driver: string): string | undefined {
  if (password === '') return 'Invalid password, it cannot be empty';
  const max = Object.hasOwn(maxPasswordBytes, driver) ? maxPasswordBytes[driver] : undefined;
  if (max !== undefined && Buffer.byteLength(password, 'utf8') > max) {
    return (
      'Password is longer than max allowed length. Max allowed length for the driver ' +
      `${driver} : ${max} bytes`
    );
  }
  const bad = [...password].find((c) => INVALID_PASSWORD_CHARS.includes(c));
  if (bad !== undefined) return `Invalid password, character '${bad}' is not allowed`;
  return undefined;
}

/** What is stored as PASSWORD: the SHA-256 hex for the core driver, the text otherwise. */
export function storedPassword(password: string, driver: string): string {
  return driver === CORE_DRIVER ? sha256Hex(password) : password;
}
