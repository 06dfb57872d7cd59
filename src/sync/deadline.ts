/**
 * @module sync/deadline
 * The promise as a deadline: a change accepted at T must be on every target by T + promiseMinutes.
 * Past T + warnAfterMinutes a still-pending target raises an alert once (error log, counter, a
 * flag on the change that the console shows); past the deadline, once more.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import { flagLate, readChange } from './changes.ts';
import type { SyncKeys } from './keys.ts';
import { syncMetrics } from './metrics.ts';
import { periodic, type Periodic } from './timer.ts';

export interface DeadlineDeps {
  sync: Config['sync'];
  redis: Redis;
  keys: SyncKeys;
  logger: Logger;
  now?: () => number;
}

/** Changes looked at per run; the oldest first, so the worst cases are never starved. */
const BATCH = 500;

export interface DeadlineWatch extends Periodic {
  /** One pass; returns how many alerts it raised. */
  runOnce(): Promise<{ warnings: number; missed: number }>;
}

export const createDeadlineWatch = (deps: DeadlineDeps): DeadlineWatch => {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'sync-deadline' });
  const warnMs = deps.sync.warnAfterMinutes * 60_000;

  const runOnce = async () => {
    const at = now();
    let warnings = 0;
    let missed = 0;
    const ids = await deps.redis.zrangebyscore(deps.keys.open, '-inf', at - warnMs, 'LIMIT', 0, BATCH);
    for (const id of ids) {
      const change = await readChange(deps.redis, deps.keys, id);
      if (!change) {
        await deps.redis.zrem(deps.keys.open, id);
        continue;
      }
      for (const target of change.targets) {
        if (change.states[target]?.state !== 'pending') continue;
        const facts = { target, changeId: id, login: change.login, sequence: change.sequence, ageMinutes: Math.floor((at - change.createdAt) / 60_000) };
        if (await flagLate(deps.redis, deps.keys, id, target, 'w', at)) {
          warnings += 1;
          syncMetrics.breaches.inc({ target, level: 'warning' });
          log.error({ ...facts, warnAfterMinutes: deps.sync.warnAfterMinutes }, 'sync change still pending past the warning point');
        }
        if (at > change.deadline && (await flagLate(deps.redis, deps.keys, id, target, 'm', at))) {
          missed += 1;
          syncMetrics.breaches.inc({ target, level: 'missed' });
          log.error({ ...facts, promiseMinutes: deps.sync.promiseMinutes }, 'sync change missed the promised deadline');
        }
      }
    }
    return { warnings, missed };
  };

  return { runOnce, ...periodic('deadline-watch', deps.sync.deadlineCheckSeconds * 1000, runOnce, log) };
};
