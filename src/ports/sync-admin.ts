/**
 * @module ports/sync-admin
 * What the sysadmins' console and CLI ask of the sync engine (implemented by sync/admin.ts):
 * per-target counts and health, jobs by target / state / login, one job's history without
 * secrets, retry, discard with a reason, pause / resume, a person's recent changes.
 */
import type { SyncReason } from './sync.ts';

/** One target's record in a change, as sysadmins see it (error text included, never a secret). */
export interface TargetState {
  state: 'pending' | 'done' | 'failed' | 'superseded' | 'discarded';
  /** Attempts started so far. */
  attempts: number;
  /** When it became final (ms since 1970). */
  at?: number | undefined;
  /** Last error, for sysadmins. */
  error?: string | undefined;
  reason?: SyncReason | undefined;
}

export interface TargetOverview {
  name: string;
  kind: string;
  paused: boolean;
  counts: { waiting: number; delayed: number; active: number; failed: number };
  done: { lastHour: number; lastDay: number };
  failedLastDay: number;
  /** done / (done + failed) over the last day; null without outcomes. */
  successRate: number | null;
  /** Seconds since the oldest pending change was accepted (0 = none), and seconds left before its deadline (negative = missed). */
  oldestPendingSeconds: number;
  oldestPendingSecondsToDeadline: number | null;
  /** Changes still pending past the warning point / past the promised deadline. */
  late: { warning: number; missed: number };
  lastError?: { at: string; error: string; reason: SyncReason; login: string; changeId: string } | undefined;
}

export type JobStateFilter = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed';

export interface JobView {
  id: string;
  target: string;
  changeId: string;
  login: string;
  sequence: number;
  state: string;
  attemptsMade: number;
  createdAt: string;
  deadline: string;
  processedAt?: string | undefined;
  finishedAt?: string | undefined;
  failedReason?: string | undefined;
}

export interface JobHistory extends JobView {
  /** One line per attempt ("attempt 2: unavailable: …"); never a secret. */
  log: string[];
  /** The change's record for this target. */
  targetState?: TargetState | undefined;
}

export interface PersonChange {
  changeId: string;
  sequence: number;
  route: string;
  createdAt: string;
  deadline: string;
  phase: 'intent' | 'committed';
  targets: (TargetState & { name: string; warnedAt?: string | undefined; missedAt?: string | undefined })[];
}

export interface SyncAdmin {
  overview(): Promise<TargetOverview[]>;
  listJobs(query: { target: string; state?: JobStateFilter; login?: string; offset?: number; limit?: number }): Promise<JobView[]>;
  jobHistory(target: string, jobId: string): Promise<JobHistory>;
  /** A failed job runs again with a full set of attempts; `expired` when its password is gone. */
  retryJob(target: string, jobId: string): Promise<'retried' | 'expired'>;
  retryAllFailed(target: string): Promise<{ retried: number; expired: number }>;
  /** Removes a waiting, delayed or failed job and records it as discarded with the reason. */
  discardJob(target: string, jobId: string, reason: string, actor: string): Promise<void>;
  pause(target: string): Promise<void>;
  resume(target: string): Promise<void>;
  personChanges(login: string, limit?: number): Promise<PersonChange[]>;
}

