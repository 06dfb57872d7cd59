/**
 * @module adapters/ldap/pool
 * Connections kept open and reused, so that a request does not pay a TCP + TLS handshake:
 * - service connections: `size` of them, bound once as the service account, shared round-robin
 *   (LDAP multiplexes requests on one connection); a dead one is reopened on next use;
 * - person connections: leased to one caller at a time, who binds as the person first. They go
 *   back to an idle list after use, since the next lease binds again: a new bind resets the
 *   connection's identity (RFC 4511 §4.2.1; a failed bind leaves it anonymous).
 * Connection failures become PasserelleError('unavailable'); answers from the server (result
 * codes) are rethrown as they are, for the adapter's own errors.ts to interpret.
 */
import type { Client, Control } from 'ldapts';
import { PasserelleError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { closeConnection, closeQuietly, isUsable, openConnection, resolveTransport, type LdapTransportSettings } from './connect.ts';
import { diagnosticOf, isConnectionFailure, unavailableError } from './errors.ts';

export interface LdapPoolSettings extends LdapTransportSettings {
  bindDn: string;
  bindPassword: string;
  poolSize: number;
  /** Person connections kept idle at most; more callers at once simply open more. */
  personConnections?: number;
}

export interface RunOptions {
  /**
   * Safe to send again on a fresh connection when the first one turned out dead (reads). Writes
   * are not retried: the server may have applied them before the connection dropped.
   */
  idempotent?: boolean;
}

export interface LdapPool {
  /** Runs `operation` on a bound service-account connection. */
  asService<T>(operation: (client: Client) => Promise<T>, options?: RunOptions): Promise<T>;
  /**
   * Binds as `dn` on a connection leased to this call alone, then runs `operation` there. A
   * refused bind is rethrown as ldapts raised it; `controls` (e.g. a PasswordPolicyControl) hold
   * the server's response controls afterwards, failed bind included.
   */
  asPerson<T>(
    dn: string,
    password: string,
    operation: (client: Client) => Promise<T>,
    controls?: Control[],
  ): Promise<T>;
  close(): Promise<void>;
}

/** Person connections kept idle when the settings do not say (sync targets never bind as people). */
const DEFAULT_IDLE_PERSON_CONNECTIONS = 4;

export const createLdapPool = (settings: LdapPoolSettings, logger: Logger): LdapPool => {
  const transport = resolveTransport(settings);
  const log = logger.child({ component: 'ldap-pool', url: transport.url });
  const slots: (Promise<Client> | undefined)[] = Array.from({ length: settings.poolSize }, () => undefined);
  const idlePersonConnections: Client[] = [];
  const maxIdlePersonConnections = settings.personConnections ?? DEFAULT_IDLE_PERSON_CONNECTIONS;
  let next = 0;
  let closed = false;

  const openServiceConnection = async (): Promise<Client> => {
    const client = await openConnection(transport);
    try {
      await client.bind(settings.bindDn, settings.bindPassword);
    } catch (error) {
      closeQuietly(client);
      // A refused service bind is a configuration problem, but for people it means the same: not now.
      log.error({ reason: diagnosticOf(error) }, 'service account bind failed');
      throw unavailableError('directory', error);
    }
    log.debug('service connection opened');
    return client;
  };

  /** The slot's connection, reopened when it was never opened or its socket has closed. */
  const serviceConnection = async (slot: number): Promise<Client> => {
    const existing = slots[slot];
    if (existing) {
      const client = await existing.catch(() => undefined);
      if (client?.isBound && isUsable(client)) return client;
      if (slots[slot] !== existing) return serviceConnection(slot); // another caller is reopening it
    }
    const opening = openServiceConnection();
    slots[slot] = opening;
    opening.catch(() => {
      if (slots[slot] === opening) slots[slot] = undefined;
    });
    return opening;
  };

  const asService: LdapPool['asService'] = async (operation, options = {}) => {
    if (closed) throw unavailableError('directory', new Error('pool closed'));
    const attempts = options.idempotent ? 2 : 1;
    for (let attempt = 1; ; attempt += 1) {
      const slot = next;
      next = (next + 1) % slots.length;
      const client = await serviceConnection(slot);
      try {
        return await operation(client);
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        // A closed connection is reopened by serviceConnection() on the slot's next use.
        if (attempt >= attempts || isUsable(client)) throw unavailableError('directory', error);
        log.warn({ reason: diagnosticOf(error) }, 'service connection lost, retrying on a fresh one');
      }
    }
  };

  const leasePersonConnection = async (): Promise<Client> => {
    while (idlePersonConnections.length > 0) {
      const client = idlePersonConnections.pop()!;
      if (isUsable(client)) return client;
      closeQuietly(client);
    }
    return openConnection(transport);
  };

  const releasePersonConnection = (client: Client, healthy: boolean) => {
    if (healthy && !closed && isUsable(client) && idlePersonConnections.length < maxIdlePersonConnections) {
      idlePersonConnections.push(client);
    } else {
      closeQuietly(client);
    }
  };

  const asPerson: LdapPool['asPerson'] = async (dn, password, operation, controls) => {
    if (closed) throw unavailableError('directory', new Error('pool closed'));
    // An empty password would be an unauthenticated bind (RFC 4513 §5.1.2), which some servers accept.
    if (password.length === 0) throw new PasserelleError('invalid_credentials', 'Empty password refused before binding');
    const client = await leasePersonConnection();
    let healthy = true;
    try {
      await client.bind(dn, password, controls);
      return await operation(client);
    } catch (error) {
      if (isConnectionFailure(error)) {
        healthy = false;
        throw unavailableError('directory', error);
      }
      throw error;
    } finally {
      releasePersonConnection(client, healthy);
    }
  };

  const close = async () => {
    closed = true;
    const service = await Promise.all(slots.map((slot) => slot?.catch(() => undefined)));
    const all = [...service, ...idlePersonConnections.splice(0)].filter((c): c is Client => c !== undefined);
    slots.fill(undefined);
    await Promise.all(all.map(closeConnection));
  };

  return { asService, asPerson, close };
};
