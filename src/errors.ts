/**
 * @module errors
 * The one error family of Passerelle. Flows and adapters throw `PasserelleError` with a code from a
 * closed union; `http/errors.ts` is the only place that turns a code into a status and a message.
 * `context` is logged, so it must never hold a password, token, captcha answer or proof value.
 */

export type ErrorCode =
  /** Malformed input (zod issues in `details.issues`). */
  | 'validation'
  /** Captcha missing, wrong or expired. */
  | 'captcha_invalid'
  /** Wrong login or wrong current password (one message for both). */
  | 'invalid_credentials'
  /** The new password breaks a rule, ours, a sync target's or the directory's (`details.violations`). */
  | 'policy'
  /** The account is locked or disabled in the directory. */
  | 'account_locked'
  /** Too many requests or attempts (`details.retryAfterSeconds`). */
  | 'rate_limited'
  /** Identity-proof flow: wrong proofs or unknown login (one message for both). */
  | 'identity_mismatch'
  /** Reset link unknown, used or expired. */
  | 'token_invalid'
  /** Directory or Redis unreachable: try again, nothing was written. */
  | 'unavailable'
  /**
   * The password write was sent but its answer never came (connection lost, timeout): the
   * directory may hold the new password or the old one. The recovery sweep decides for the sync
   * targets; the person is told to try the new password first.
   */
  | 'write_unconfirmed'
  /** Form post that failed the CSRF check. */
  | 'csrf'
  /** Authentication required (admin console, metrics). */
  | 'unauthenticated'
  /** Authenticated but not allowed. */
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  /** The directory refused a write for a reason that is not a policy (rights, protected account). */
  | 'write_refused'
  | 'internal';

/** A rule the new password breaks; `code` is stable for integrators, `params` fill the message. */
export interface Violation {
  code: string;
  params?: Record<string, string | number>;
  /** Where the rule comes from: our policy, a sync target, or the directory itself. */
  source?: string;
}

export interface ErrorDetails {
  violations?: Violation[];
  issues?: { path: string; code: string; params?: Record<string, string | number> }[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export interface PasserelleErrorOptions {
  details?: ErrorDetails;
  /** Safe, loggable facts (never a secret). */
  context?: Record<string, unknown>;
  /** Whether trying the same operation again later may succeed (sync targets use it). */
  retry?: boolean;
  cause?: unknown;
}

export class PasserelleError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly context: Record<string, unknown> | undefined;
  readonly retry: boolean;

  constructor(code: ErrorCode, message: string, options: PasserelleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PasserelleError';
    this.code = code;
    this.details = options.details;
    this.context = options.context;
    this.retry = options.retry ?? (code === 'unavailable' || code === 'write_unconfirmed');
  }
}

export const isPasserelleError = (error: unknown): error is PasserelleError =>
  error instanceof PasserelleError;

/** Shorthand for the policy error carrying the violations found. */
export const policyError = (violations: Violation[], context?: Record<string, unknown>) =>
  new PasserelleError('policy', 'The new password does not meet the policy', {
    details: { violations },
    ...(context ? { context } : {}),
  });

export const unavailable = (what: string, cause?: unknown) =>
  new PasserelleError('unavailable', `${what} unavailable`, { context: { what }, cause, retry: true });
