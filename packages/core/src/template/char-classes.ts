// The character classes of the template syntax, by UTF-16 code unit: the lexer reads with
// them, and tools that scan an accepted template text again (to edit it in place) must
// read with the same ones.

/** Space or tab. */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Space, tab, newline or carriage return. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** A character of an attribute name: ASCII letter, digit or `_`. */
export function isNameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** A character of an unquoted value: anything but `=`, `#`, blanks, newline, `,`, `[` and `]`. */
export function isPlainChar(code: number): boolean {
  return !(
    code === 0x3d ||
    code === 0x23 ||
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x2c ||
    code === 0x5b ||
    code === 0x5d
  );
}
