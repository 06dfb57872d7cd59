/**
 * @module sync/queues
 * One BullMQ queue per target, named `sync-<target>` under the prefix `<redis.keyPrefix>:q`. On
 * Redis Cluster, BullMQ needs all of a queue's keys in one slot: a hash tag in `redis.keyPrefix`
 * (`{passerelle}`) does it, and also keeps our own multi-key scripts in one slot.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.ts';
import { queueName, type SyncKeys } from './keys.ts';
import type { SyncJobData } from './job.ts';

export type SyncQueue = Queue<SyncJobData>;

/** Queues by target name, on `connection` (the web side's fails fast, the worker's waits). */
export const createSyncQueues = (connection: Redis, keys: SyncKeys, targets: string[], logger: Logger): Map<string, SyncQueue> =>
  new Map(
    targets.map((name) => {
      const queue = new Queue<SyncJobData>(queueName(name), { connection, prefix: keys.queuePrefix });
      // Without a listener an 'error' event would crash the process; Redis being down is reported elsewhere.
      queue.on('error', (error) => logger.debug({ err: error, target: name }, 'sync queue connection error'));
      return [name, queue];
    }),
  );

/** The queue of a target; throws for an unknown name (a bug, or a target removed from config). */
export const queueOf = (queues: Map<string, SyncQueue>, target: string): SyncQueue => {
  const queue = queues.get(target);
  if (!queue) throw new Error(`no queue for target ${target}`);
  return queue;
};
