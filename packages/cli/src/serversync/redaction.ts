// Secrets never leave serversync's output: every line shown (diffs, JSON) passes through
// this one list of rules. Rules work line by line and keep the line count, so a diff can
// be computed on the real text and shown with each line's redacted form.

export const redactedMark = '<redacted>';

/** Names of keys whose values are secret: ending in one of these words. */
const secretName = /(?:^|[_.-])(?:pass|passwd|password|secret|token|credentials?|key)$/i;

interface LineRule {
  readonly kind: 'line';
  readonly name: string;
  readonly description: string;
  readonly redact: (line: string) => string;
}

/** Every line from `begins` to `ends` (both included) is replaced whole, but those two. */
interface BlockRule {
  readonly kind: 'block';
  readonly name: string;
  readonly description: string;
  readonly begins: RegExp;
  readonly ends: RegExp;
}

export type RedactionRule = LineRule | BlockRule;

/** `"..."` or `'...'` keep their quotes around the mark. */
function masked(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return `${quote}${redactedMark}${quote}`;
  }
  return redactedMark;
}

const unquotedName = (key: string) => key.replace(/^:/, '').replace(/^["']|["']$/g, '');

export const redactionRules: readonly RedactionRule[] = [
  {
    kind: 'block',
    name: 'private-key',
    description: 'PEM private key blocks',
    begins: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
    ends: /-----END [A-Z0-9 ]*PRIVATE KEY-----/,
  },
  {
    kind: 'line',
    name: 'assignment',
    description:
      'NAME = value (templates such as oned.conf, shell and ini files) where NAME ends in PASS, PASSWD, PASSWORD, SECRET, TOKEN, CREDENTIAL(S) or KEY',
    redact: (line) =>
      line.replace(
        /([A-Za-z_][\w.-]*)([ \t]*=[ \t]*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,\]#]+)/g,
        (whole, name: string, equal: string, value: string) =>
          secretName.test(name) ? `${name}${equal}${masked(value)}` : whole,
      ),
  },
  {
    kind: 'line',
    name: 'mapping',
    description: 'key: value (YAML, JSON) with a secret key name, e.g. :password: or "token":',
    redact: (line) =>
      line.replace(
        /^(\s*(?:-\s+)?)(:?["']?[A-Za-z_][\w.-]*["']?)([ \t]*:[ \t]+)(.*?)(,?[ \t]*(?:[ \t]#.*)?)$/,
        (whole, lead: string, key: string, colon: string, value: string, tail: string) =>
          // A block scalar (`key: |`) has its value on the lines after: nothing to mask here.
          secretName.test(unquotedName(key)) && value !== '' && !/^[|>][-+]?\d*$/.test(value)
            ? `${lead}${key}${colon}${masked(value)}${tail}`
            : whole,
      ),
  },
  {
    kind: 'line',
    name: 'xml-element',
    description: '<PASSWORD>…</PASSWORD> and other secret-named XML elements',
    redact: (line) =>
      line.replace(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>/g, (whole, name: string) =>
        secretName.test(name) ? `<${name}>${redactedMark}</${name}>` : whole,
      ),
  },
  {
    kind: 'line',
    name: 'url-credentials',
    description: 'the password of scheme://user:password@host',
    redact: (line) =>
      line.replace(/(\b[a-z][\w+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${redactedMark}@`),
  },
  {
    kind: 'line',
    name: 'auth-line',
    description: 'a line that is user:password alone (one_auth, serveradmin credential files)',
    redact: (line) => line.replace(/^(\s*[\w.@+-]+:)(?!\/\/)\S+(\s*)$/, `$1${redactedMark}$2`),
  },
  {
    kind: 'line',
    name: 'bearer',
    description: 'HTTP Bearer and Basic credentials',
    redact: (line) => line.replace(/\b(Bearer|Basic)([ \t]+)[\w.~+/=-]+/g, `$1$2${redactedMark}`),
  },
  {
    kind: 'line',
    name: 'hex-token',
    description: 'hexadecimal runs of 32 characters or more (tokens, cipher secrets)',
    redact: (line) => line.replace(/\b[0-9a-fA-F]{32,}\b/g, redactedMark),
  },
];

/** Each line of `text` (split on `\n`) with secrets replaced; as many lines as in `text`. */
export function redactLines(text: string): string[] {
  let open: BlockRule | undefined;
  return text.split('\n').map((line) => {
    if (open) {
      if (!open.ends.test(line)) return redactedMark;
      open = undefined;
      return line;
    }
    let out = line;
    for (const rule of redactionRules) {
      if (rule.kind === 'line') out = rule.redact(out);
      else if (rule.begins.test(out)) {
        const block = maskBlockStart(out, rule);
        out = block.line;
        if (block.open) open = rule;
      }
    }
    return out;
  });
}

/**
 * The line a block begins on, masked after its marker: up to the end marker when the block
 * also ends there (an escaped PEM in JSON), else to the end of the line, the block staying open.
 */
function maskBlockStart(line: string, rule: BlockRule): { line: string; open: boolean } {
  const begin = rule.begins.exec(line)!;
  const afterBegin = begin.index + begin[0].length;
  const rest = line.slice(afterBegin);
  const end = rule.ends.exec(rest);
  if (end) {
    const secret = rest.slice(0, end.index);
    const masked = /^\s*$/.test(secret) ? secret : redactedMark;
    return { line: line.slice(0, afterBegin) + masked + rest.slice(end.index), open: false };
  }
  return {
    line: line.slice(0, afterBegin) + (/^\s*$/.test(rest) ? rest : redactedMark),
    open: true,
  };
}

/** `text` with secrets replaced. */
export function redactText(text: string): string {
  return redactLines(text).join('\n');
}
