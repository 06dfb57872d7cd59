/**
 * @module adapters/active-directory
 * The Active Directory implementation of the directory port, and the writes and error mapping the
 * sync engine's AD target reuses. Re-exports only.
 */
export { createActiveDirectory } from './directory.ts';
export {
  resetAdPassword, changeAdPassword, settleMustChange, advertisedPolicyHints, encodeUnicodePwd, PolicyHintsControl,
  POLICY_HINTS_OID, POLICY_HINTS_DEPRECATED_OID, type AdResetOptions,
} from './write.ts';
export {
  translateAdError, explainRefusal, mustChangeReason, bindDataCode, violationFromConstraintText, protectedAccountError,
  AD_BIND_DATA, type AdOperation, type AdErrorContext,
} from './errors.ts';
export { readDomainPolicy, readResultantPso, readPso, intervalSeconds, type AdPasswordPolicy } from './policy.ts';
export { createPolicyReader, type PolicyReader } from './policy-cache.ts';
export { checkAdPassword, adCategories, displayNameTokens, type AdPasswordRules, type AdAccountNames, type AdViolation } from '../../policy/active-directory.ts';
