/**
 * @module sync/admin
 * What the sysadmins' console and CLI do with the sync queues: per-target counts and health,
 * jobs by target / state / login, one job's history (without secrets), retry, discard with a
 * reason, pause / resume, and a person's recent changes with each target's state.
 */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import { PasserelleError } from '../errors.ts';
import { finalizeTarget, readChange, reopenTarget } from './changes.ts';
import type { JobHistory, JobView, PersonChange, SyncAdmin, TargetOverview } from '../ports/sync-admin.ts';
import type { SyncReason } from '../ports/sync.ts';
import type { SyncJobData } from './job.ts';
import type { SyncKeys } from './keys.ts';
import type { QueueSnapshot } from './metrics.ts';
import { queueOf, type SyncQueue } from './queues.ts';

export type { JobHistory, JobView, PersonChange, SyncAdmin, TargetOverview };

/** The console's operations, plus the numbers behind the queue gauges (sync/metrics). */
export interface SyncAdminService extends SyncAdmin {
  snapshot(): Promise<QueueSnapshot[]>;
}

export interface SyncAdminDeps {
  sync: Config['sync'];
  redis: Redis;
  keys: SyncKeys;
  queues: Map<string, SyncQueue>;
  now?: () => number;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

const jobView = (job: Job<SyncJobData>, state: string): JobView => ({
  id: job.id ?? '',
  target: job.data.target,
  changeId: job.data.changeId,
  login: job.data.login,
  sequence: job.data.sequence,
  state,
  attemptsMade: job.attemptsMade,
  createdAt: new Date(job.data.createdAt).toISOString(),
  deadline: new Date(job.data.deadline).toISOString(),
  processedAt: iso(job.processedOn),
  finishedAt: iso(job.finishedOn),
  failedReason: job.failedReason || undefined,
});

export const createSyncAdmin = (deps: SyncAdminDeps): SyncAdminService => {
  const now = deps.now ?? Date.now;
  const warnMs = deps.sync.warnAfterMinutes * 60_000;
  const promiseMs = deps.sync.promiseMinutes * 60_000;
  const queue = (target: string) => {
    if (!deps.queues.has(target)) throw new PasserelleError('not_found', `no sync target ${target}`, { context: { target } });
    return queueOf(deps.queues, target);
  };
  const job = async (target: string, jobId: string) => {
    const found = (await queue(target).getJob(jobId)) as Job<SyncJobData> | undefined;
    if (!found) throw new PasserelleError('not_found', `no job ${jobId} on ${target}`, { context: { target, jobId } });
    return found;
  };

  const snapshot = async (): Promise<QueueSnapshot[]> => {
    const at = now();
    return Promise.all(
      deps.sync.targets.map(async ({ name }) => {
        const counts = await queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
        const [, oldest] = await deps.redis.zrange(deps.keys.pending(name), 0, 0, 'WITHSCORES');
        const [warning, missed] = await Promise.all([
          deps.redis.zcount(deps.keys.pending(name), '-inf', at - warnMs),
          deps.redis.zcount(deps.keys.pending(name), '-inf', at - promiseMs),
        ]);
        return {
          target: name,
          counts: {
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            delayed: counts.delayed ?? 0,
            active: counts.active ?? 0,
            failed: counts.failed ?? 0,
          },
          oldestPendingSeconds: oldest ? Math.max(0, Math.round((at - Number(oldest)) / 1000)) : 0,
          late: { warning, missed },
        };
      }),
    );
  };

  const retryJob = async (target: string, jobId: string): Promise<'retried' | 'expired'> => {
    const found = await job(target, jobId);
    const state = await found.getState();
    if (state !== 'failed') throw new PasserelleError('validation', `job ${jobId} is ${state}, not failed`, { context: { target, jobId, state } });
    const change = await readChange(deps.redis, deps.keys, found.data.changeId);
    if (!change || !(await reopenTarget(deps.redis, deps.keys, change, target))) return 'expired';
    await found.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  };

  return {
    snapshot,
    async overview() {
      const at = now();
      const [snapshots, paused] = await Promise.all([snapshot(), Promise.all(deps.sync.targets.map(({ name }) => queue(name).isPaused()))]);
      return Promise.all(
        deps.sync.targets.map(async (target, i): Promise<TargetOverview> => {
          const snap = snapshots[i]!;
          const outcomes = await deps.redis.zrangebyscore(deps.keys.outcomes(target.name), at - 86_400_000, '+inf', 'WITHSCORES');
          let doneHour = 0;
          let doneDay = 0;
          let failedDay = 0;
          for (let k = 0; k < outcomes.length; k += 2) {
            const outcome = outcomes[k]!.split('|')[1];
            const time = Number(outcomes[k + 1]);
            if (outcome === 'done' || outcome === 'superseded') {
              doneDay += 1;
              if (time >= at - 3_600_000) doneHour += 1;
            } else if (outcome === 'failed') failedDay += 1;
          }
          const lastError = await deps.redis.get(deps.keys.lastError(target.name));
          const parsed = lastError ? (JSON.parse(lastError) as { at: number; error: string; reason: SyncReason; login: string; changeId: string }) : undefined;
          return {
            name: target.name,
            kind: target.kind,
            paused: paused[i]!,
            counts: snap.counts,
            done: { lastHour: doneHour, lastDay: doneDay },
            failedLastDay: failedDay,
            successRate: doneDay + failedDay > 0 ? doneDay / (doneDay + failedDay) : null,
            oldestPendingSeconds: snap.oldestPendingSeconds,
            oldestPendingSecondsToDeadline: snap.oldestPendingSeconds > 0 ? Math.round(promiseMs / 1000) - snap.oldestPendingSeconds : null,
            late: snap.late,
            lastError: parsed ? { ...parsed, at: new Date(parsed.at).toISOString() } : undefined,
          };
        }),
      );
    },

    async listJobs({ target, state, login, offset = 0, limit = 50 }) {
      const q = queue(target);
      if (login) {
        // Job ids are change ids: a person's changes lead straight to their jobs.
        const ids = await deps.redis.zrevrange(deps.keys.person(login), 0, -1);
        const jobs = (await Promise.all(ids.map((id) => q.getJob(id)))).filter((j): j is Job<SyncJobData> => j !== undefined);
        const views = await Promise.all(jobs.map(async (j) => jobView(j, await j.getState())));
        return views.filter((view) => !state || view.state === state || (state === 'waiting' && view.state === 'prioritized')).slice(offset, offset + limit);
      }
      const types = state ? [state] : (['active', 'waiting', 'delayed', 'failed', 'completed'] as const);
      const views: JobView[] = [];
      for (const type of types) {
        const jobs = (await q.getJobs([type], offset, offset + limit - 1, true)) as Job<SyncJobData>[];
        views.push(...jobs.map((j) => jobView(j, type)));
      }
      return views.slice(0, limit);
    },

    async jobHistory(target, jobId) {
      const found = await job(target, jobId);
      const [state, logs, change] = await Promise.all([found.getState(), queue(target).getJobLogs(jobId, 0, 99, true), readChange(deps.redis, deps.keys, found.data.changeId)]);
      return { ...jobView(found, state), log: logs.logs, targetState: change?.states[target] };
    },

    retryJob,
    async retryAllFailed(target) {
      let retried = 0;
      let expired = 0;
      // Retried jobs leave the failed set; expired ones stay, so the next page starts after them.
      for (;;) {
        const page = await queue(target).getJobs(['failed'], expired, expired + 99, true);
        if (page.length === 0) return { retried, expired };
        for (const failed of page) {
          if ((await retryJob(target, failed.id ?? '')) === 'retried') retried += 1;
          else expired += 1;
        }
      }
    },

    async discardJob(target, jobId, reason, actor) {
      const found = await job(target, jobId);
      const state = await found.getState();
      if (state === 'active') throw new PasserelleError('validation', `job ${jobId} is running; discard it once it is back in the queue`, { context: { target, jobId } });
      await found.remove();
      const text = `discarded by ${actor}: ${reason}`.slice(0, 300);
      await finalizeTarget(deps.redis, deps.keys, found.data.changeId, target, { state: 'discarded', attempts: found.attemptsMade, at: now(), error: text, reason: 'discarded' });
    },

    pause: (target) => queue(target).pause(),
    resume: (target) => queue(target).resume(),

    async personChanges(login, limit = 20) {
      const ids = await deps.redis.zrevrange(deps.keys.person(login), 0, limit - 1);
      const changes = await Promise.all(ids.map((id) => readChange(deps.redis, deps.keys, id)));
      return changes
        .filter((change) => change !== null)
        .map((change) => ({
          changeId: change.id,
          sequence: change.sequence,
          route: change.route,
          createdAt: new Date(change.createdAt).toISOString(),
          deadline: new Date(change.deadline).toISOString(),
          phase: change.phase,
          targets: change.targets.map((name) => ({
            name,
            ...change.states[name]!,
            warnedAt: iso(change.warnedAt[name]),
            missedAt: iso(change.missedAt[name]),
          })),
        }));
    },
  };
};
