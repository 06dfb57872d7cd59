/**
 * @module sync/target-error
 * How a target says what went wrong. Retry is a property of the error: the target that met it
 * decides (network, timeout, busy → retry; policy, rights, protected account, no such entry →
 * fail at once). The reason is a short code people see translated (`sync.reason.<code>`); the
 * message is for sysadmins and never holds a secret.
 */
import { PasserelleError, isPasserelleError, type ErrorCode } from '../errors.ts';
import type { SyncReason } from '../ports/sync.ts';

export const SYNC_REASONS = [
  /** The target's password rules refused it. */
  'policy',
  /** The service account may not write there. */
  'rights',
  /** A protected account (AD adminCount / AdminSDHolder) that the service account may not reset. */
  'protected',
  /** No entry for this login on the target. */
  'no_entry',
  /** Several entries for this login on the target. */
  'ambiguous',
  /** The target said no for another reason (a webhook's 4xx, a command's exit code). */
  'refused',
  /** The target could not be reached or was busy. */
  'unavailable',
  /** The target did not answer in time. */
  'timeout',
  /** The sealed password was no longer held (kept `sync.payloadTtlHours`): the person must change it again. */
  'expired',
  /** A sysadmin discarded the job. */
  'discarded',
  /** A bug or an unexpected answer. */
  'internal',
] as const satisfies readonly SyncReason[];
export type { SyncReason };

const CODE_OF: Record<SyncReason, ErrorCode> = {
  policy: 'policy',
  rights: 'write_refused',
  protected: 'write_refused',
  no_entry: 'write_refused',
  ambiguous: 'write_refused',
  refused: 'write_refused',
  unavailable: 'unavailable',
  timeout: 'unavailable',
  expired: 'internal',
  discarded: 'internal',
  internal: 'internal',
};

/** Reasons worth retrying unless the target says otherwise. */
const TRANSIENT = new Set<SyncReason>(['unavailable', 'timeout']);

/**
 * An error met on a target. `message` is for sysadmins (console, logs, job record): say what the
 * target answered, never the password or anything derived from it.
 */
export const targetError = (
  reason: SyncReason,
  message: string,
  options: { retry?: boolean; cause?: unknown; context?: Record<string, unknown>; inDoubt?: boolean } = {},
): PasserelleError =>
  new PasserelleError(CODE_OF[reason], message, {
    retry: options.retry ?? TRANSIENT.has(reason),
    details: { reason, ...(options.inDoubt ? { inDoubt: true } : {}) },
    ...(options.context ? { context: options.context } : {}),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });

const isReason = (value: unknown): value is SyncReason => typeof value === 'string' && (SYNC_REASONS as readonly string[]).includes(value);

/** The person-facing reason of any error thrown by a target. */
export const reasonOf = (error: unknown): SyncReason => {
  if (!isPasserelleError(error)) return 'internal';
  const reason = error.details?.reason;
  if (isReason(reason)) return reason;
  if (error.code === 'policy') return 'policy';
  // An unanswered write on a target is retried like an unreachable one: writes are idempotent.
  if (error.code === 'unavailable' || error.code === 'write_unconfirmed') return 'unavailable';
  if (error.code === 'write_refused') return 'refused';
  return 'internal';
};

/**
 * Whether the write may still land on the target although it failed here: it was sent and no
 * answer came (timeout, connection closed under it, a command killed). Such a write keeps the
 * per-(target, login) lock until it expires, so that no newer change writes before it could land.
 */
export const isInDoubt = (error: unknown): boolean =>
  isPasserelleError(error) && (error.code === 'write_unconfirmed' || error.details?.reason === 'timeout' || error.details?.inDoubt === true);

/** Whether trying again later may help. Unknown errors are retried: attempts are bounded anyway. */
export const isRetryable = (error: unknown): boolean => (isPasserelleError(error) ? error.retry : true);

/** One line for the console and the job record: the message, cut short. */
export const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
