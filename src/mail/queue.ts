/**
 * @module mail/queue
 * The `mail` BullMQ queue (under `<redis.keyPrefix>:q`, beside the sync queues) and the producer
 * side of the mail-queue port. A job is removed as soon as it is done, so nothing it carried stays
 * in Redis; failed jobs are kept a week, sealed, for the sysadmins.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { unavailable } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import type { MailQueuePort } from '../ports/mail-queue.ts';
import { sealMailJob, type SealedMailJob } from './job.ts';

export const MAIL_QUEUE = 'mail';

/** BullMQ's `prefix` for the mail queue; the same as the sync engine's queues. */
export const mailQueuePrefix = (keyPrefix: string): string => `${keyPrefix}:q`;

export interface MailQueueOptions {
  /** A connection of its own; the web side's fails fast (Redis down → 503, not a hung request). */
  connection: Redis;
  keyPrefix: string;
  sealer: Sealer;
  attempts: number;
  backoffMs: number;
  logger: Logger;
}

export const createMailQueue = (options: MailQueueOptions): MailQueuePort => {
  const queue = new Queue<SealedMailJob>(MAIL_QUEUE, {
    connection: options.connection,
    prefix: mailQueuePrefix(options.keyPrefix),
    defaultJobOptions: {
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs, jitter: 0.3 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  // Without a listener an 'error' event would crash the process; enqueue reports Redis down itself.
  queue.on('error', (error) => options.logger.debug({ err: error }, 'mail queue connection error'));

  return {
    async enqueue(job) {
      try {
        await queue.add(job.kind, sealMailJob(options.sealer, job));
      } catch (error) {
        throw unavailable('redis', error);
      }
    },
    async close() {
      await queue.close();
    },
  };
};
