import { createServer } from 'node:net';

/** How many addresses randomLoopbackAddress draws from: .2 to .253 of its subnet. */
export const LOOPBACK_ADDRESSES = 252;

/** A random address of a loopback /24 (127.0.0.x by default), past .0 and .1. */
export function randomLoopbackAddress(subnet = '127.0.0'): string {
  return `${subnet}.${2 + Math.floor(Math.random() * LOOPBACK_ADDRESSES)}`;
}

/** A port nothing listens on at `host` right now. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Whether `port` can be bound at `host` right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
