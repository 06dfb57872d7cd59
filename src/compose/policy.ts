/**
 * @module compose/policy
 * The policy people see and the server enforces, from the configuration.
 */
import type { Config } from '../config/schema.ts';
import type { PasswordPolicy } from '../policy/types.ts';

/** Config rules plus the institution's words. */
export const effectivePolicy = (config: Config): PasswordPolicy => {
  const { breached, estimatorThreads: _threads, ...rules } = config.policy;
  // Only whether the breach check is on reaches the pages (help panel); not its URL.
  return { ...rules, words: config.institution.words, breached: { enabled: breached.enabled } };
};
