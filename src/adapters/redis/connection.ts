/**
 * @module adapters/redis/connection
 * ioredis clients for the two kinds of callers. The web path fails fast (no offline queue, short
 * command timeout) so that Redis down becomes a 503 in about a second rather than a hung request;
 * workers wait and retry forever (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../../config/schema.ts';
import { unavailable } from '../../errors.ts';

export type RedisRole = 'web' | 'worker';

export const redisOptions = (config: Config['redis'], role: RedisRole): RedisOptions => {
  const common: RedisOptions = {
    lazyConnect: false,
    connectionName: `passerelle-${role}`,
    // Reconnect quickly but not in a tight loop.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  };
  const roleOptions: RedisOptions =
    role === 'web'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: config.commandTimeoutMs, connectTimeout: config.commandTimeoutMs }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  if (config.sentinel) {
    return {
      ...common,
      ...roleOptions,
      sentinels: config.sentinel.sentinels,
      name: config.sentinel.name,
      ...(config.sentinel.password ? { sentinelPassword: config.sentinel.password } : {}),
    };
  }
  return { ...common, ...roleOptions };
};

export const createRedis = (config: Config['redis'], role: RedisRole): Redis => {
  const options = redisOptions(config, role);
  return config.sentinel ? new Redis(options) : new Redis(config.url, options);
};

/** Runs a Redis call; any failure of Redis itself becomes `unavailable('redis')`. */
export const redisCall = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw unavailable('redis', error);
  }
};

/** Waits until the client is ready (start-up), or throws after `timeoutMs`. */
export const waitReady = (redis: Redis, timeoutMs = 10_000): Promise<void> =>
  redis.status === 'ready'
    ? Promise.resolve()
    : new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`Redis not ready after ${timeoutMs} ms`)), timeoutMs);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolvePromise();
        });
      });
