/**
 * @module mail/worker
 * The consumer of the `mail` queue: opens each sealed job and hands it to the handler of its
 * kind. Run by `passerelle worker`, or inside the web process when `sync.inProcessWorker` is on
 * (demo, small sites). A handler error marked `retry: false` (an SMTP 5xx, a malformed job) fails
 * the job at once; others are retried with backoff (config mail.attempts / mail.backoffMs).
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PasserelleError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import type { MailJob, MailJobKind } from '../ports/mail-queue.ts';
import { openMailJob, type SealedMailJob } from './job.ts';
import { MAIL_QUEUE, mailQueuePrefix } from './queue.ts';

/** Facts about the run of a job a handler may need. */
export interface MailJobContext {
  /** 0 on the first run, then 1, 2… on retries (a retry must not count against a person's limits again). */
  attempt: number;
}

/** One handler per job kind; the type makes a forgotten kind a compile error. */
export type MailJobHandlers = { [K in MailJobKind]: (job: Extract<MailJob, { kind: K }>, context: MailJobContext) => Promise<void> };

export interface MailWorkerDeps {
  /** A connection that waits and retries (`maxRetriesPerRequest: null`, as BullMQ requires). */
  connection: Redis;
  keyPrefix: string;
  sealer: Sealer;
  concurrency: number;
  handlers: MailJobHandlers;
  logger: Logger;
}

export interface MailWorker {
  /** Waits for the jobs in progress, then stops. */
  close(): Promise<void>;
}

const dispatch = (handlers: MailJobHandlers, job: MailJob, context: MailJobContext): Promise<void> => {
  switch (job.kind) {
    case 'reset-request':
      return handlers['reset-request'](job, context);
    case 'password-changed':
      return handlers['password-changed'](job, context);
    case 'identity-lockout':
      return handlers['identity-lockout'](job, context);
  }
};

/**
 * Starts consuming the `mail` queue.
 * @example const worker = startMailWorker({ connection, keyPrefix, sealer, concurrency: 2, handlers, logger }); … await worker.close();
 */
export const startMailWorker = (deps: MailWorkerDeps): MailWorker => {
  const log = deps.logger.child({ component: 'mail-worker' });
  const worker = new Worker<SealedMailJob>(
    MAIL_QUEUE,
    async (job) => {
      let opened: MailJob;
      try {
        opened = openMailJob(deps.sealer, job.data);
      } catch (error) {
        // Tampered, sealed with a key no longer configured, or from an incompatible version.
        throw new UnrecoverableError(`mail job ${job.id} cannot be opened: ${(error as Error).name}`);
      }
      try {
        await dispatch(deps.handlers, opened, { attempt: job.attemptsMade });
      } catch (error) {
        if (error instanceof PasserelleError && !error.retry) {
          throw new UnrecoverableError(`${error.code}: ${error.message}`);
        }
        throw error;
      }
    },
    { connection: deps.connection, prefix: mailQueuePrefix(deps.keyPrefix), concurrency: deps.concurrency },
  );
  worker.on('failed', (job, error) => {
    const final = !job || error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const context = error instanceof PasserelleError ? error.context : undefined;
    log[final ? 'error' : 'warn']({ jobId: job?.id, kind: job?.data.kind, attempt: job?.attemptsMade, err: error, context }, final ? 'mail job failed for good' : 'mail job failed, will retry');
  });
  worker.on('error', (error) => log.warn({ err: error }, 'mail worker connection error'));
  return {
    async close() {
      await worker.close();
    },
  };
};
