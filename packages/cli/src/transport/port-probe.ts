import { connect } from 'node:net';

/** Whether something accepts TCP connections on host:port within `timeoutMs`. */
export function acceptsConnections(
  host: string,
  port: number,
  { timeoutMs }: { readonly timeoutMs: number },
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
