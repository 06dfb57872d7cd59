/**
 * @module sync/job
 * What one BullMQ job holds (one change for one target) and the options it is queued with. A job
 * holds no secret: the sealed password stays in its own Redis key, read by the worker at write
 * time and deleted once every target is done, so BullMQ's completed and failed records keep only
 * login, target, sequence, times, attempts and error text.
 */
import type { JobsOptions } from 'bullmq';
import type { Config } from '../config/schema.ts';

export const JOB_NAME = 'password';

export interface SyncJobData {
  changeId: string;
  login: string;
  sequence: number;
  target: string;
  /** When the primary accepted the change (ms): lag and deadline are measured from it. */
  createdAt: number;
  /** createdAt + the promise (ms). */
  deadline: number;
  /** Set on a job that writes a change again after a fencing conflict (its state is already final). */
  reapply?: boolean;
}

/**
 * Options of a job. The job id is the change id, so queueing the same change twice (the recovery
 * sweep after a commit that half happened) adds nothing. Exponential backoff with 50 % jitter:
 * retries of many jobs after an outage do not all come back at the same instant.
 */
export const jobOptions = (sync: Config['sync'], jobId: string): JobsOptions => ({
  jobId,
  attempts: sync.attempts,
  backoff: { type: 'exponential', delay: sync.backoffMs, jitter: 0.5 },
  removeOnComplete: { age: 2 * 86_400, count: 50_000 },
  // Failed jobs stay for the console (retry, discard) as long as the change's record.
  removeOnFail: { age: sync.historyDays * 86_400 },
});

/** Id of a job that writes a change again after a fencing conflict (sync/sequence). */
export const reapplyJobId = (changeId: string, now = Date.now()): string => `${changeId}-r${now.toString(36)}`;
