/**
 * @module sync/worker
 * The BullMQ workers: one per target, with the target's concurrency (also set as the queue's
 * global concurrency, so that several worker processes together respect it) and its pause switch.
 * A job whose worker died is found by BullMQ's stalled-job check and run again; a job that
 * exhausted its stalls is recorded as failed here.
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import { FINAL_STATES, finalizeTarget, readChange } from './changes.ts';
import type { SyncJobData } from './job.ts';
import { queueName, type SyncKeys } from './keys.ts';
import { syncMetrics } from './metrics.ts';
import { processSyncJob, type JobOutcome } from './process-job.ts';
import { queueOf, type SyncQueue } from './queues.ts';
import type { SequenceGuard } from './sequence.ts';
import { errorText } from './target-error.ts';
import type { SyncTarget } from './targets/types.ts';

export interface SyncWorkerDeps {
  config: Config;
  /** The worker's connection (maxRetriesPerRequest: null); BullMQ duplicates it for blocking reads. */
  connection: Redis;
  keys: SyncKeys;
  queues: Map<string, SyncQueue>;
  targets: Map<string, SyncTarget>;
  guard: SequenceGuard;
  sealer: Sealer;
  logger: Logger;
}

export interface SyncWorker {
  /** Applies pause switches and concurrency, then starts taking jobs. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones (SIGTERM). */
  close(): Promise<void>;
}

export const createSyncWorker = (deps: SyncWorkerDeps): SyncWorker => {
  const log = deps.logger.child({ component: 'sync-worker' });
  const workers: Worker<SyncJobData, JobOutcome>[] = [];
  const stallMs = deps.config.sync.stalledSeconds * 1000;

  /** A job BullMQ failed without our processor deciding it (stalled too often): record it. */
  const recordForeignFailure = async (job: { data: SyncJobData; attemptsMade: number }, error: Error) => {
    const change = await readChange(deps.connection, deps.keys, job.data.changeId);
    if (!change || FINAL_STATES.has(change.states[job.data.target]?.state ?? 'pending')) return;
    await finalizeTarget(deps.connection, deps.keys, job.data.changeId, job.data.target, {
      state: 'failed', attempts: job.attemptsMade, at: Date.now(), error: errorText(error), reason: 'internal',
    });
    syncMetrics.outcomes.inc({ target: job.data.target, outcome: 'failed' });
    log.error({ target: job.data.target, changeId: job.data.changeId, login: job.data.login, error: errorText(error) }, 'sync job failed outside the processor');
  };

  return {
    async start() {
      for (const target of deps.config.sync.targets) {
        const implementation = deps.targets.get(target.name);
        if (!implementation) throw new Error(`sync target ${target.name} has no implementation`);
        const queue = queueOf(deps.queues, target.name);
        // Config can force a pause; it never resumes a queue a sysadmin paused from the console.
        if (target.paused) await queue.pause();
        await queue.setGlobalConcurrency(target.concurrency);
        const worker = new Worker<SyncJobData, JobOutcome>(
          queueName(target.name),
          (job, token) =>
            processSyncJob(
              { sync: deps.config.sync, redis: deps.connection, keys: deps.keys, guard: deps.guard, sealer: deps.sealer, target: implementation, queue, logger: log },
              job,
              token,
            ),
          {
            connection: deps.connection,
            prefix: deps.keys.queuePrefix,
            concurrency: target.concurrency,
            lockDuration: stallMs,
            stalledInterval: stallMs,
            // A worker killed mid-job is a stall; a few of them in a row still deserve another try.
            maxStalledCount: 3,
            name: `passerelle-${hostname()}-${process.pid}`,
          },
        );
        worker.on('failed', (job, error) => {
          if (job && job.finishedOn && error.name !== 'UnrecoverableError') {
            recordForeignFailure(job, error).catch((failure: unknown) => log.error({ err: failure }, 'could not record a failed job'));
          }
        });
        worker.on('error', (error) => log.warn({ err: error, target: target.name }, 'sync worker error'));
        workers.push(worker);
      }
      log.info({ targets: deps.config.sync.targets.map((t) => t.name) }, 'sync worker started');
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      log.info('sync worker stopped');
    },
  };
};
