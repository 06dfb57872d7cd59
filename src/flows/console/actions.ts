/**
 * @module flows/console/actions
 * The console's and the CLI's write actions on the sync queues: retry one failed job, retry every
 * failed job of a target, discard a job with a reason, pause and resume a target. Each is checked
 * against the actor's role first and audited (`admin.action`: actor, target, job, person, reason,
 * outcome), refused attempts included.
 */
import { PasserelleError } from '../../errors.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import type { SyncAdmin } from '../../ports/sync-admin.ts';
import { requireAllowed, type AdminRole, type ConsoleActionKind } from './roles.ts';

export type ConsoleAction =
  | { kind: 'retry'; target: string; jobId: string }
  | { kind: 'retry-all'; target: string }
  | { kind: 'discard'; target: string; jobId: string; reason: string }
  | { kind: 'pause'; target: string }
  | { kind: 'resume'; target: string };

export interface Actor {
  login: string;
  role: AdminRole;
  /** Where the action came from, for the audit trail. */
  via: 'console' | 'cli';
}

export interface ActionResult {
  kind: ConsoleActionKind;
  target: string;
  jobId?: string | undefined;
  /** The person whose change the job carries (single-job actions). */
  login?: string | undefined;
  /** retry: `retried`, or `expired` when the sealed password is gone (the person must change it again). */
  outcome: 'retried' | 'expired' | 'discarded' | 'paused' | 'resumed' | 'retried-all';
  /** retry-all: how many were retried and how many had expired. */
  counts?: { retried: number; expired: number } | undefined;
}

export interface ActionDeps {
  /** Absent without sync targets: every action is then `not_found` (after the role check). */
  sync: Pick<SyncAdmin, 'jobHistory' | 'retryJob' | 'retryAllFailed' | 'discardJob' | 'pause' | 'resume'> | undefined;
  audit: Pick<AuditPort, 'record'>;
}

/** Longest discard reason kept (the sync engine keeps 300 characters with the actor's name). */
export const REASON_MAX = 250;

/** A discard needs a reason a colleague can read later: a few characters at least, no control characters. */
export const checkReason = (reason: string): string => {
  const text = reason.trim();
  if (text.length < 3) throw new PasserelleError('validation', 'A reason is required', { details: { issues: [{ path: 'reason', code: 'issue.required' }] } });
  if (text.length > REASON_MAX) throw new PasserelleError('validation', 'Reason too long', { details: { issues: [{ path: 'reason', code: 'issue.too_long', params: { max: REASON_MAX } }] } });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new PasserelleError('validation', 'Control characters', { details: { issues: [{ path: 'reason', code: 'issue.control_characters' }] } });
  return text;
};

const perform = async (deps: ActionDeps, actor: Actor, action: ConsoleAction): Promise<ActionResult> => {
  const base = { kind: action.kind, target: action.target };
  const sync = deps.sync;
  if (!sync) throw new PasserelleError('not_found', 'no sync targets configured');
  switch (action.kind) {
    case 'retry': {
      const job = await sync.jobHistory(action.target, action.jobId);
      const outcome = await sync.retryJob(action.target, action.jobId);
      return { ...base, jobId: action.jobId, login: job.login, outcome };
    }
    case 'discard': {
      const reason = checkReason(action.reason);
      const job = await sync.jobHistory(action.target, action.jobId);
      await sync.discardJob(action.target, action.jobId, reason, actor.login);
      return { ...base, jobId: action.jobId, login: job.login, outcome: 'discarded' };
    }
    case 'retry-all':
      return { ...base, outcome: 'retried-all', counts: await sync.retryAllFailed(action.target) };
    case 'pause':
      await sync.pause(action.target);
      return { ...base, outcome: 'paused' };
    case 'resume':
      await sync.resume(action.target);
      return { ...base, outcome: 'resumed' };
  }
};

/** Runs an action for an actor; throws `forbidden`, `not_found`, `validation` or `unavailable`, each audited. */
export const runConsoleAction = async (deps: ActionDeps, actor: Actor, action: ConsoleAction, meta: Pick<RequestMeta, 'ip' | 'requestId'>): Promise<ActionResult> => {
  const detail: Record<string, string | number | boolean> = { action: action.kind, target: action.target, via: actor.via, role: actor.role };
  if ('jobId' in action) detail.jobId = action.jobId;
  if (action.kind === 'discard') detail.reason = action.reason.trim().slice(0, REASON_MAX);
  const base = { kind: 'admin.action' as const, actor: actor.login, ip: meta.ip, requestId: meta.requestId };
  try {
    requireAllowed(actor.role, action.kind);
    const result = await perform(deps, actor, action);
    await deps.audit.record({
      ...base,
      login: result.login,
      outcome: 'success',
      detail: { ...detail, result: result.outcome, ...(result.counts ? { retried: result.counts.retried, expired: result.counts.expired } : {}) },
    });
    return result;
  } catch (error) {
    const code = error instanceof PasserelleError ? error.code : 'internal';
    await deps.audit.record({ ...base, outcome: 'failure', detail: { ...detail, error: code } });
    throw error;
  }
};
