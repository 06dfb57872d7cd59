/**
 * @module readiness
 * The checks behind /readyz: the directory and Redis must answer; Redis persistence settings the
 * sync engine relies on (AOF, noeviction) are reported as optional warnings.
 */
import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './ports/readiness.ts';
import type { DirectoryPort } from './ports/directory.ts';

const timed = async (name: string, work: () => Promise<string | void>, optional = false): Promise<ReadinessCheck> => {
  try {
    const detail = await work();
    return { name, ok: true, ...(detail ? { detail } : {}), ...(optional ? { optional } : {}) };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error), ...(optional ? { optional } : {}) };
  }
};

const infoField = (info: string, field: string) => info.match(new RegExp(`^${field}:(.*)$`, 'm'))?.[1]?.trim();

export const readinessChecks =
  (deps: { directory: Pick<DirectoryPort, 'ping'>; redis: Redis; extra?: () => Promise<ReadinessCheck[]> }) =>
  async (): Promise<ReadinessCheck[]> => {
    const checks = await Promise.all([
      timed('directory', () => deps.directory.ping()),
      timed('redis', async () => {
        await deps.redis.ping();
      }),
      timed(
        'redis-persistence',
        async () => {
          const info = await deps.redis.info('persistence');
          if (infoField(info, 'aof_enabled') !== '1') throw new Error('AOF is off: a Redis restart may lose accepted changes not yet synced (set appendonly yes)');
          return 'aof on';
        },
        true,
      ),
      timed(
        'redis-eviction',
        async () => {
          const [, policy] = (await deps.redis.config('GET', 'maxmemory-policy')) as [string, string];
          if (policy !== 'noeviction') throw new Error(`maxmemory-policy is ${policy}; BullMQ needs noeviction`);
          return policy;
        },
        true,
      ),
    ]);
    return [...checks, ...((await deps.extra?.()) ?? [])];
  };
