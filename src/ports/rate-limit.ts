/**
 * @module ports/rate-limit
 * Counters shared by every instance (Redis). A bucket is a named limit from the config; the key is
 * what is counted (a client address, a normalised login).
 */

export type LimitBucket =
  | 'changePerAddress'
  | 'changePerLogin'
  | 'resetMailPerAddress'
  | 'resetMailPerIdentity'
  | 'resetMailsPerAccount'
  | 'resetTokenPerAddress'
  | 'identityFailuresPerAccount'
  | 'identityFailuresPerAddress'
  | 'adminLoginPerAddress'
  | 'captchaPerAddress';

export interface RateLimitPort {
  /** Counts one event; throws PasserelleError('rate_limited') with retryAfterSeconds when over. */
  consume(bucket: LimitBucket, key: string): Promise<void>;
  /** Throws rate_limited if the key is currently blocked, without counting. */
  check(bucket: LimitBucket, key: string): Promise<void>;
  /** Forgets the key (a success resets the failure count). */
  reset(bucket: LimitBucket, key: string): Promise<void>;
}
