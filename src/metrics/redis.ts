/**
 * @module metrics/redis
 * Redis settings the promise depends on, as gauges read at scrape time (cached 10 s): the
 * append-only file (without it a Redis restart loses accepted changes not yet synced) and the
 * `noeviction` policy BullMQ needs (otherwise Redis may drop jobs under memory pressure). A
 * setting that cannot be read (CONFIG renamed on a managed Redis) is simply not reported.
 */
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';

interface Settings {
  aof?: boolean;
  noeviction?: boolean;
}

const CACHE_MS = 10_000;
let source: (() => Promise<Settings>) | undefined;
let cached: { at: number; settings: Promise<Settings> } | undefined;

const read = (): Promise<Settings> => {
  if (!source) return Promise.resolve({});
  if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), settings: source().catch(() => ({})) };
  return cached.settings;
};

export const redisMetrics = {
  aof: new Gauge({
    name: 'passerelle_redis_aof_enabled',
    help: 'Whether Redis writes an append-only file (1) or not (0): without it a restart loses changes not yet synced',
    async collect() {
      const { aof } = await read();
      if (aof !== undefined) this.set(aof ? 1 : 0);
    },
  }),
  noeviction: new Gauge({
    name: 'passerelle_redis_noeviction',
    help: 'Whether Redis maxmemory-policy is noeviction (1), as BullMQ requires, or not (0)',
    async collect() {
      const { noeviction } = await read();
      if (noeviction !== undefined) this.set(noeviction ? 1 : 0);
    },
  }),
};

/** Reads the settings from this client at scrape time (the web process's Redis). */
export const watchRedisSettings = (redis: Redis): void => {
  cached = undefined;
  source = async () => {
    const settings: Settings = {};
    const info = await redis.info('persistence').catch(() => undefined);
    const aof = info?.match(/^aof_enabled:(\d)/m)?.[1];
    if (aof !== undefined) settings.aof = aof === '1';
    const policy = (await redis.config('GET', 'maxmemory-policy').catch(() => undefined)) as string[] | undefined;
    if (policy?.[1]) settings.noeviction = policy[1] === 'noeviction';
    return settings;
  };
};
