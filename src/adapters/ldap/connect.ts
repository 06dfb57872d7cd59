/**
 * @module adapters/ldap/connect
 * Opens one ldapts connection the way both adapters need it: ldaps:// or ldap:// + StartTLS with a
 * CA file, connect and operation timeouts, and no silent reconnection.
 *
 * Measured ldapts pitfalls (shared/notes/real-servers.md) handled here:
 * - any `tlsOptions` in the Client constructor makes an ldap:// URL use implicit TLS, so they are
 *   given to the constructor only for ldaps:// and to `startTLS()` otherwise;
 * - `startTLS(options)` mutates its argument (sets `socket`): a fresh object each time;
 * - `startTLS()` does not pass the host to `tls.connect`, so the certificate would be checked
 *   against "localhost": `host` (and `servername` for a DNS name) are passed explicitly.
 * ldapts also reconnects by itself when an operation finds the socket closed, in clear text and
 * unbound: after a StartTLS session dropped, the next bind would send a password unencrypted. The
 * connection factories below refuse any connection but the one `openConnection` asks for.
 */
import { readFileSync } from 'node:fs';
import { isIP, Socket, connect as netConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import type { LdapConnectionConfig } from '../../config/directory.ts';
import { unavailableError } from './errors.ts';

/** What a connection needs; the bind credentials are used by the pool, not here. */
export type LdapTransportSettings = Pick<
  LdapConnectionConfig,
  'url' | 'startTls' | 'caFile' | 'tlsServerName' | 'rejectUnauthorized' | 'timeoutMs' | 'connectTimeoutMs'
>;

/** Settings resolved once (CA file read, host parsed), reused for every connection. */
export interface LdapTransport {
  readonly url: string;
  readonly host: string;
  readonly secure: boolean;
  readonly startTls: boolean;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  /** TLS options; copy before use (ldapts mutates them). */
  readonly tls: ConnectionOptions;
}

/** Reads the CA file and checks the URL once, at start-up, so that a typo fails early. */
export const resolveTransport = (settings: LdapTransportSettings): LdapTransport => {
  const parsed = new URL(settings.url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const secure = parsed.protocol === 'ldaps:';
  const tls: ConnectionOptions = {
    host,
    rejectUnauthorized: settings.rejectUnauthorized,
    ...(settings.caFile ? { ca: [readFileSync(settings.caFile)] } : {}),
    // Node checks an IP against the certificate's IP SANs by itself; a DNS name needs SNI.
    ...(settings.tlsServerName
      ? { servername: settings.tlsServerName }
      : isIP(host) === 0
        ? { servername: host }
        : {}),
  };
  return {
    url: settings.url,
    host,
    secure,
    startTls: !secure && settings.startTls,
    timeoutMs: settings.timeoutMs,
    connectTimeoutMs: settings.connectTimeoutMs,
    tls,
  };
};

/** A socket that fails at once: what ldapts gets when it tries to reconnect on its own. */
const refusedSocket = (): Socket => {
  const socket = new Socket();
  socket.destroy(new Error('LDAP connection lost (not reopened implicitly)'));
  return socket;
};

/** Connections whose StartTLS session has ended, which ldapts itself does not notice. */
const lostConnections = new WeakSet<Client>();

/**
 * tls.connect, plus what ldapts misses after StartTLS: it keeps watching the plain socket for
 * 'close', and only resets its state for the socket it currently holds (the TLS one), so a server
 * that went away (measured: slapd stopped) leaves the client "connected" and the next request
 * waits for its timeout. Here the loss is recorded (see `isUsable`) and the plain socket
 * destroyed, which makes ldapts fail the requests still waiting on it at once.
 */
const secureConnect = (args: Parameters<typeof tlsConnect>, onLost: () => void) => {
  const socket = tlsConnect(...args);
  const options = args[0];
  const plain = typeof options === 'object' && options !== null ? (options as ConnectionOptions).socket : undefined;
  if (plain) {
    const lost = () => {
      onLost();
      plain.destroy();
    };
    socket.once('end', lost);
    socket.once('close', lost);
  }
  return socket;
};

/** Whether the connection can still carry requests (open, and its TLS session, if any, alive). */
export const isUsable = (client: Client): boolean => client.isConnected && !lostConnections.has(client);

/**
 * Opens a connection (TCP, then TLS or StartTLS) and returns the ldapts client, not yet bound.
 * Rejects with PasserelleError('unavailable') when the server cannot be reached, the TLS
 * handshake fails or it all takes longer than connectTimeoutMs + timeoutMs.
 */
export const openConnection = async (transport: LdapTransport): Promise<Client> => {
  let opening = true;
  let client: Client;
  const markLost = () => lostConnections.add(client);
  client = new Client({
    url: transport.url,
    timeout: transport.timeoutMs,
    connectTimeout: transport.connectTimeoutMs,
    ...(transport.secure ? { tlsOptions: { ...transport.tls } } : {}),
    createConnection: ((port: number, host: string) =>
      opening ? netConnect(port, host) : refusedSocket()) as unknown as typeof netConnect,
    createSecureConnection: ((...args: Parameters<typeof tlsConnect>) =>
      opening ? secureConnect(args, markLost) : refusedSocket()) as unknown as typeof tlsConnect,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('LDAP connect timeout')), transport.connectTimeoutMs + transport.timeoutMs);
  });
  try {
    const handshake = transport.startTls
      ? client.startTLS({ ...transport.tls })
      : // ldapts connects lazily; a root DSE read forces the connection (and the TLS handshake).
        client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
    handshake.catch(() => undefined); // it may still fail after losing the race
    await Promise.race([handshake, deadline]);
    return client;
  } catch (error) {
    closeQuietly(client);
    throw unavailableError('directory', error);
  } finally {
    clearTimeout(timer);
    opening = false;
  }
};

/**
 * Unbinds and closes. Skips a connection already lost: ldapts would wait forever for the answer
 * to an unbind sent on a StartTLS session that has ended. Never rejects.
 */
export const closeConnection = async (client: Client): Promise<void> => {
  if (!isUsable(client)) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.unbind().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1000);
    }),
  ]);
  clearTimeout(timer);
};

/** closeConnection without waiting. */
export const closeQuietly = (client: Client): void => {
  void closeConnection(client);
};
