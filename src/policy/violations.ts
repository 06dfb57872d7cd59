/**
 * @module policy/violations
 * Rule results as violations for `policyError`. Its own module, importing nothing heavy: the web
 * process uses it without loading the dictionaries (they live on the estimator's thread).
 */
import type { Violation } from '../errors.ts';
import type { RuleResult } from './types.ts';

/**
 * The broken rules as violations for `policyError` (src/errors.ts), source `policy`. Their params
 * come from the policy only, never from the password, so they are safe to log and to show.
 */
export const violationsOf = (results: readonly RuleResult[]): Violation[] =>
  results
    .filter((result) => !result.ok)
    .map((result) => ({ code: result.code, params: { ...result.params }, source: 'policy' }));

/** The violation for a password found by the breached-password check (server only). */
export const breachedViolation = (): Violation => ({ code: 'breached', source: 'policy' });
