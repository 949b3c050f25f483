// /etc/os-release: shell-style KEY=value lines; PRETTY_NAME names the system for people.

/** The value of PRETTY_NAME (or NAME), unquoted. */
export function osNameOf(text: string): string | undefined {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const raw = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    values.set(match[1]!, quoted ? quoted[2]!.replace(/\\(.)/g, '$1') : raw);
  }
  return values.get('PRETTY_NAME') || values.get('NAME') || undefined;
}
