/**
 * @module flows/console/overview
 * The console's first screen: per target, the queue's counts and health, and where its oldest
 * pending change stands against the promise: `ok` (none pending, or younger than the warning
 * point), `warning` (past it) or `missed` (past the deadline). The page shows the level as text
 * and colour; the numbers come from the sync engine (ports/sync-admin).
 */
import type { SyncAdmin, TargetOverview } from '../../ports/sync-admin.ts';

export type DeadlineLevel = 'ok' | 'warning' | 'missed';

export interface TargetHealth extends TargetOverview {
  deadlineLevel: DeadlineLevel;
}

export interface ConsoleOverview {
  /** When it was read (ISO), shown as « mis à jour à … ». */
  at: string;
  promiseMinutes: number;
  warnAfterMinutes: number;
  targets: TargetHealth[];
}

export interface OverviewDeps {
  sync?: Pick<SyncAdmin, 'overview'> | undefined;
  promiseMinutes: number;
  warnAfterMinutes: number;
  now?: () => number;
}

/** The level of a target from its oldest pending change and the changes already flagged late. */
export const deadlineLevel = (target: Pick<TargetOverview, 'oldestPendingSeconds' | 'late'>, warnAfterMinutes: number, promiseMinutes: number): DeadlineLevel => {
  if (target.late.missed > 0 || target.oldestPendingSeconds >= promiseMinutes * 60) return 'missed';
  if (target.late.warning > 0 || target.oldestPendingSeconds >= warnAfterMinutes * 60) return 'warning';
  return 'ok';
};

export const readOverview = async (deps: OverviewDeps): Promise<ConsoleOverview> => {
  const targets = deps.sync ? await deps.sync.overview() : [];
  return {
    at: new Date((deps.now ?? Date.now)()).toISOString(),
    promiseMinutes: deps.promiseMinutes,
    warnAfterMinutes: deps.warnAfterMinutes,
    targets: targets.map((target) => ({ ...target, deadlineLevel: deadlineLevel(target, deps.warnAfterMinutes, deps.promiseMinutes) })),
  };
};
