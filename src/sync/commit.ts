/**
 * @module sync/commit
 * Turning an intent into jobs, once the primary holds the password: marks first (indexes,
 * "highest committed sequence"), then one job per target (job id = change id, so doing it twice
 * adds nothing), then the intent leaves the sweep's index. A crash anywhere in between leaves the
 * intent for the recovery sweep, which runs this again.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import { FINAL_STATES, finalizeTarget, markCommitted, markCommitting, type ChangeRecord, type Lifetimes } from './changes.ts';
import { JOB_NAME, jobOptions, type SyncJobData } from './job.ts';
import type { SyncKeys } from './keys.ts';
import type { SyncQueue } from './queues.ts';

export interface CommitDeps {
  redis: Redis;
  keys: SyncKeys;
  queues: Map<string, SyncQueue>;
  sync: Config['sync'];
  lifetimes: Lifetimes;
  logger: Logger;
}

/** Queues the change's jobs; false when its record is gone. Throws when Redis fails (the sweep retries). */
export const commitChange = async (deps: CommitDeps, change: ChangeRecord): Promise<boolean> => {
  if (!(await markCommitting(deps.redis, deps.keys, change, deps.lifetimes))) return false;
  await Promise.all(
    change.targets.map(async (target) => {
      if (FINAL_STATES.has(change.states[target]?.state ?? 'pending')) return;
      const queue = deps.queues.get(target);
      if (!queue) {
        // The target left the configuration between the intent and now: say so rather than wait forever.
        deps.logger.error({ target, changeId: change.id, login: change.login }, 'sync target no longer configured; change discarded for it');
        await finalizeTarget(deps.redis, deps.keys, change.id, target, {
          state: 'discarded', attempts: 0, at: Date.now(), error: 'target no longer configured', reason: 'discarded',
        });
        return;
      }
      const data: SyncJobData = {
        changeId: change.id, login: change.login, sequence: change.sequence, target, createdAt: change.createdAt, deadline: change.deadline,
      };
      await queue.add(JOB_NAME, data, jobOptions(deps.sync, change.id));
    }),
  );
  await markCommitted(deps.redis, deps.keys, change.id, deps.lifetimes);
  return true;
};
