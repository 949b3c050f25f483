// oned's rule for object names (PoolObjectSQL): not empty, none of these characters, at
// most 128 characters. Users and groups have their own extra characters.

const INVALID_NAME_CHARS = '&|:\\";/\'#{}$<>\t\n\v\f\r';
const MAX_NAME_LENGTH = 128;

/** The reason `name` is refused, in oned's words, or undefined when it is valid. */
export function objectNameProblem(name: string, extraInvalid = ''): string | undefined {
  if (name === '') return 'Invalid NAME, it cannot be empty';
  const invalid = INVALID_NAME_CHARS + extraInvalid;
  for (const char of name) {
    if (invalid.includes(char)) return `Invalid NAME, char '${char}' is not allowed`;
  }
  // oned counts bytes of the UTF-8 text.
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_LENGTH)
    return 'Invalid NAME, max length is 128 chars';
  return undefined;
}
