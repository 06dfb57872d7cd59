/**
 * @module test/harness/ports
 * Free loopback ports for the servers the harness starts. A port is probed by listening on it the
 * way the servers will (Node's listen sets SO_REUSEADDR, like slapd and redis-server), so a port
 * left in TIME_WAIT by a stopped server counts as free, as it is for them.
 */
import { createServer } from 'node:net';

/** Below Linux's ephemeral range (32768–60999), so that no outgoing connection takes it meanwhile. */
const LOW = 20_000;
const HIGH = 32_000;
const handedOut = new Set<number>();

/** Whether `port` can be listened on at `host` right now. */
export const isPortFree = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });

/**
 * A free port on `host`, never the same twice in this process. Chosen at random so that parallel
 * test processes rarely collide; the server start retries on another port if one does.
 */
export const freePort = async (host = '127.0.0.1'): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port)) continue;
    if (await isPortFree(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found on ${host} between ${LOW} and ${HIGH}`);
};
