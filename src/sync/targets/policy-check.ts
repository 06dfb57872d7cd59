/**
 * @module sync/targets/policy-check
 * The pre-check of what a target is known to refuse (its `policy` in config, or for an AD target
 * the domain's own rules), before the primary write, so that a password the primary accepts is
 * not refused downstream later. The rules are Windows' (src/policy/active-directory.ts, shared
 * with the AD adapter); violations are renamed `target_*` and name the target, so that the person
 * reads which system asks for what.
 */
import type { TargetConfig } from '../../config/sync.ts';
import type { Violation } from '../../errors.ts';
import type { Person } from '../../ports/directory.ts';
import { checkAdPassword, type AdPasswordRules } from '../../adapters/active-directory/index.ts';

export type KnownPolicy = NonNullable<TargetConfig['policy']>;

/** Who a target is, for the violations it reports. */
export interface TargetIdentity {
  name: string;
  /** What people call it (the config label in French, or the name). */
  label: string;
}

export const identityOf = (config: Pick<TargetConfig, 'name' | 'label'>): TargetIdentity => ({ name: config.name, label: config.label?.fr ?? config.name });

/** AD-style rules (minimum length, complexity with account and display names) as target violations. */
export const checkRules = (password: string, rules: AdPasswordRules, person: Pick<Person, 'login' | 'displayName'>, target: TargetIdentity): Violation[] =>
  checkAdPassword(password, rules, { accountName: person.login, displayName: person.displayName }).map((violation) => ({
    code: violation.code.replace(/^directory_/, 'target_'),
    params: { ...violation.params, target: target.label },
    source: target.name,
  }));

/** Checks `password` against a target's `policy` from config; an empty list when it passes or there is none. */
export const checkKnownPolicy = (password: string, policy: KnownPolicy | undefined, person: Pick<Person, 'login' | 'displayName'>, target: TargetIdentity): Violation[] => {
  if (!policy) return [];
  const violations = checkRules(password, { minLength: policy.minLength ?? 0, complexity: policy.complexity ?? false }, person, target);
  if (policy.maxLength !== undefined && password.length > policy.maxLength) {
    violations.push({ code: 'target_too_long', params: { max: policy.maxLength, target: target.label }, source: target.name });
  }
  return violations;
};
