// The command line of `onekit-agent`: a mode and its few options.
import { OneKitError } from '@onekit/core';

export type AgentArguments =
  | { readonly mode: 'serve'; readonly config?: string; readonly logToStderr: boolean }
  | { readonly mode: 'once'; readonly config?: string }
  | { readonly mode: 'help' }
  | { readonly mode: 'version' };

export const USAGE = `Usage: onekit-agent serve [--config FILE] [--log-stderr]
       onekit-agent once [--config FILE]

serve   Runs the agent's HTTP API until SIGTERM or SIGINT; prints "listening on <url>"
        when it accepts requests.
once    Reads one JSON request on stdin, writes one JSON response on stdout, and exits
        0 when the operation succeeded, 1 when it was refused or failed (for use over SSH).

Options:
  --config FILE   the agent config (default: <etc>/onekit-agent.yaml; ONE_LOCATION selects
                  a self-contained root, otherwise /etc/one)
  --log-stderr    also write each request's log line on stderr
  -V, --version   print the version and exit
  -h, --help      print this help and exit

Configuration (YAML; every key optional, paths absolute):
  listen_address: 127.0.0.1        port: 2635
  token_file: <var>/.one/agent_token   (created 0600 on the first serve)
  tls: { cert: FILE, key: FILE }   (HTTPS when given)
  allowed_roots: [<etc>]           (<var>/backups/serversync is always allowed)
  service_manager: auto            (systemd | supervisor | auto)
  services: { opennebula: { command: onekit-daemon, args: [], env: {} } }
  onedb: { command: onedb, args: [] }
  log_file: <log>/onekit-agent.log
`;

function invalid(message: string, field: string): never {
  throw new OneKitError('FLAG_INVALID', message, { field });
}

export function parseAgentArguments(argv: readonly string[]): AgentArguments {
  const [mode, ...rest] = argv;
  if (mode === '-h' || mode === '--help') return { mode: 'help' };
  if (mode === '-V' || mode === '--version') return { mode: 'version' };
  if (mode !== 'serve' && mode !== 'once') {
    throw new OneKitError(
      'COMMAND_UNKNOWN',
      mode === undefined ? 'a mode is required: serve or once' : `unknown mode ${mode}`,
      { field: mode ?? 'mode' },
    );
  }
  let config: string | undefined;
  let logToStderr = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--config' || arg.startsWith('--config=')) {
      config = arg === '--config' ? rest[++i] : arg.slice('--config='.length);
      if (!config) invalid('--config needs a file', '--config');
    } else if (arg === '--log-stderr' && mode === 'serve') logToStderr = true;
    else invalid(`unknown option ${arg} for ${mode}`, arg);
  }
  const withConfig = config === undefined ? {} : { config };
  return mode === 'serve' ? { mode, ...withConfig, logToStderr } : { mode, ...withConfig };
}
