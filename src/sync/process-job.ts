/**
 * @module sync/process-job
 * One job: one change written to one target, newest-wins, exactly as the sequence guard allows.
 * Read the record, take the per-(target, login) lock, skip if a newer change is there or on its
 * way, open the sealed password, write, record. A transient error is thrown for BullMQ to retry
 * with backoff; a permanent one (or the last attempt) becomes UnrecoverableError with the
 * target's reason, and the change's record says which target refused and why.
 */
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import { finalizeTarget, payloadAad, readChange, recordAttempt } from './changes.ts';
import { JOB_NAME, jobOptions, reapplyJobId, type SyncJobData } from './job.ts';
import type { SyncKeys } from './keys.ts';
import { syncMetrics } from './metrics.ts';
import type { GuardedWrite, SequenceGuard } from './sequence.ts';
import { errorText, isInDoubt, isRetryable, reasonOf, targetError } from './target-error.ts';
import type { SyncTarget } from './targets/types.ts';
import type { Config } from '../config/schema.ts';
import type { TargetState } from '../ports/sync-admin.ts';

export interface ProcessDeps {
  sync: Config['sync'];
  redis: Redis;
  keys: SyncKeys;
  guard: SequenceGuard;
  sealer: Sealer;
  target: SyncTarget;
  queue: Pick<Queue<SyncJobData>, 'add'>;
  logger: Logger;
}

export type JobOutcome = 'done' | 'superseded' | 'already-final' | 'forgotten';

/** The write lock outlives the target's own time limit, so that a slow write still holds it. */
const lockMsOf = (target: SyncTarget) => target.timeoutMs + 5_000;

const withTimeout = async <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(targetError('timeout', `${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
};

export const processSyncJob = async (deps: ProcessDeps, job: Job<SyncJobData>, token: string | undefined): Promise<JobOutcome> => {
  const { changeId, login, sequence, target: name } = job.data;
  const log = deps.logger.child({ target: name, changeId, login, sequence, jobId: job.id });
  const attempts = job.attemptsMade + 1;
  const write: GuardedWrite = { target: name, login, sequence, changeId, attempts, reapply: job.data.reapply };

  const decision = await deps.guard.begin(write, lockMsOf(deps.target));
  if (decision.kind === 'gone') {
    log.warn('change record gone (history expired); nothing to write');
    return 'forgotten';
  }
  if (decision.kind === 'final') return 'already-final';
  if (decision.kind === 'busy') {
    // Another change of this login is being written to this target: come back in a moment,
    // without spending an attempt.
    await job.moveToDelayed(Date.now() + 100 + Math.floor(Math.random() * 300), token);
    throw new DelayedError();
  }
  const finalize = async (state: 'superseded' | 'done' | 'failed', extra: { error?: string; reason?: ReturnType<typeof reasonOf> } = {}) => {
    const now = Date.now();
    await finalizeTarget(deps.redis, deps.keys, changeId, name, { state, attempts, at: now, ...extra }, now);
    syncMetrics.outcomes.inc({ target: name, outcome: state });
  };
  if (decision.kind === 'skip') {
    const state = decision.alreadyApplied ? 'done' : 'superseded';
    await finalize(state);
    log.info({ appliedSequence: decision.appliedSequence, queuedSequence: decision.queuedSequence }, `sync ${state} without writing`);
    return state;
  }

  let password: string;
  try {
    if (!decision.sealed) throw targetError('expired', `the sealed password is no longer held (kept ${deps.sync.payloadTtlHours} h)`, { retry: false });
    password = deps.sealer.open(decision.sealed, payloadAad(changeId));
  } catch (error) {
    await deps.guard.abort(write, decision.token);
    const failure = error instanceof Error && error.name === 'SealError' ? targetError('internal', `sealed password does not open: ${error.message}`, { retry: false }) : error;
    return fail(deps, job, log, failure, attempts, decision.previous, finalize);
  }

  try {
    await withTimeout(deps.target.apply({ changeId, login, password, sequence, changedAt: new Date(job.data.createdAt) }), deps.target.timeoutMs, 'write');
  } catch (error) {
    // A write in doubt (sent, never answered) may still land on the target: a timeout here does
    // not cancel it there, and a connection may close after the server applied it. Its lock is
    // left to expire (lockMsOf: the target's time limit + 5 s) rather than released, so that a
    // newer change of this login cannot write before this one's straggler would have landed
    // (the soak saw an older NT hash land after the newest). This change's own retry may take
    // the lock over. Any other failure carried nothing: the lock goes at once.
    if (!isInDoubt(error)) await deps.guard.abort(write, decision.token);
    return fail(deps, job, log, error, attempts, decision.previous, finalize);
  }

  const released = await deps.guard.release(write, decision.token, { state: 'done', attempts, at: Date.now() });
  if (released.kind === 'lock-lost') {
    log.error({ reapply: released.reapply }, 'write lock expired during the write; a newer change may have been overwritten');
    if (released.reapply) await reapply(deps, released.reapply, log);
  }
  syncMetrics.outcomes.inc({ target: name, outcome: 'done' });
  syncMetrics.lag.observe({ target: name }, Math.max(0, Date.now() - job.data.createdAt) / 1000);
  log.info({ attempts, lagMs: Date.now() - job.data.createdAt }, 'sync done');
  return 'done';
};

/** Records a failed attempt; rethrows for BullMQ (retry) or as UnrecoverableError (final). */
const fail = async (
  deps: ProcessDeps,
  job: Job<SyncJobData>,
  log: Logger,
  error: unknown,
  attempts: number,
  previous: TargetState,
  finalize: (state: 'failed', extra: { error: string; reason: ReturnType<typeof reasonOf> }) => Promise<unknown>,
): Promise<never> => {
  const text = errorText(error);
  const reason = reasonOf(error);
  const final = !isRetryable(error) || attempts >= (job.opts.attempts ?? 1);
  await deps.redis.set(deps.keys.lastError(job.data.target), JSON.stringify({ at: Date.now(), error: text, reason, login: job.data.login, changeId: job.data.changeId }));
  await job.log(`attempt ${attempts}: ${reason}: ${text}${final ? ' (final)' : ''}`).catch(() => undefined);
  if (final) {
    await finalize('failed', { error: text, reason });
    log.error({ attempts, reason, error: text }, 'sync failed for good');
    throw new UnrecoverableError(`${reason}: ${text}`);
  }
  if (previous.state === 'pending') {
    await recordAttempt(deps.redis, deps.keys, job.data.changeId, job.data.target, { ...previous, state: 'pending', attempts, error: text, reason });
  }
  syncMetrics.outcomes.inc({ target: job.data.target, outcome: 'retried' });
  log.warn({ attempts, reason, error: text }, 'sync attempt failed; will retry');
  throw error instanceof Error ? error : new Error(text);
};

/** Queues a change again after a fencing conflict, if its password is still held. */
const reapply = async (deps: ProcessDeps, changeId: string, log: Logger): Promise<void> => {
  const change = await readChange(deps.redis, deps.keys, changeId);
  const held = change ? await deps.redis.exists(deps.keys.payload(changeId)) : 0;
  if (!change || held === 0) {
    log.error({ newerChangeId: changeId }, 'the newer change cannot be written again (password no longer held): the person must change it again');
    return;
  }
  const data: SyncJobData = {
    changeId, login: change.login, sequence: change.sequence, target: deps.target.name, createdAt: change.createdAt, deadline: change.deadline, reapply: true,
  };
  await deps.queue.add(JOB_NAME, data, jobOptions(deps.sync, reapplyJobId(changeId)));
  syncMetrics.outcomes.inc({ target: deps.target.name, outcome: 'reapplied' });
};
