/**
 * @module adapters/openldap/errors
 * What slapd answers, turned into Passerelle's codes. Measured on slapd 2.5 with the ppolicy
 * overlay (shared/notes/real-servers.md and test/integration/directory.slapd.test.ts):
 * - bind: 49, with the ppolicy response control's error 1 when the account is locked and 0 when
 *   the (right) password has expired;
 * - password writes: 19 constraint violation, with control error 6 (too short), 5 (quality),
 *   7 (too young) or 8 (in history; also sent for "same as current", told apart by the text);
 * - Password Modify exop with a wrong old password: 53 "unwilling to verify old password";
 * - 50 insufficient access (ACLs, or a restricted session after a reset).
 */
import type { PasswordPolicyValue } from 'ldapts';
import { PasserelleError, isPasserelleError, policyError } from '../../errors.ts';
import { diagnosticOf, isConnectionFailure, resultCodeOf, unavailableError } from '../ldap/errors.ts';

export type OpenLdapOperation = 'bind' | 'change' | 'reset' | 'read';

/** ppolicy response-control errors (draft-behera-ldap-password-policy §6.2) that are rules. */
const CONTROL_VIOLATIONS: Record<number, string> = {
  5: 'directory_quality', // insufficientPasswordQuality
  6: 'directory_too_short', // passwordTooShort
  7: 'directory_too_young', // passwordTooYoung
  8: 'directory_in_history', // passwordInHistory
};

/** slapd's diagnostic texts, for when no control came back (or to refine error 8). */
const TEXT_VIOLATIONS: [RegExp, string][] = [
  [/not being changed from existing value/i, 'directory_same_as_current'],
  [/in history of old passwords/i, 'directory_in_history'],
  [/too young/i, 'directory_too_young'],
  [/too short/i, 'directory_too_short'],
  [/fails quality checking/i, 'directory_quality'],
];

const violationCode = (diagnostic: string, policy: PasswordPolicyValue | undefined): string => {
  // "Same as current" comes with error 8 (in history): the text is the only way to tell.
  if (TEXT_VIOLATIONS[0]![0].test(diagnostic)) return TEXT_VIOLATIONS[0]![1];
  const fromControl = policy?.error === undefined ? undefined : CONTROL_VIOLATIONS[policy.error];
  if (fromControl) return fromControl;
  return TEXT_VIOLATIONS.find(([pattern]) => pattern.test(diagnostic))?.[1] ?? 'directory_refused';
};

/**
 * Translates an error raised while talking to slapd. `policy` is the value of the ppolicy
 * response control sent with the failed operation, when there was one.
 */
export const translateOpenLdapError = (
  error: unknown,
  operation: OpenLdapOperation,
  policy?: PasswordPolicyValue,
): PasserelleError => {
  if (isPasserelleError(error)) return error;
  if (isConnectionFailure(error)) return unavailableError('directory', error);
  const code = resultCodeOf(error);
  const diagnostic = diagnosticOf(error);
  const context = { operation, ldapCode: code, diagnostic };
  if (policy?.error === 1) return new PasserelleError('account_locked', 'The directory account is locked', { context, cause: error });
  switch (code) {
    case 49:
      return new PasserelleError('invalid_credentials', 'Wrong login or password', { context, cause: error });
    case 19:
      return policyError([{ code: violationCode(diagnostic, policy), source: 'directory' }], context);
    case 53:
      // In the Password Modify exop, 53 is slapd's answer to a wrong old password.
      if (operation === 'change') return new PasserelleError('invalid_credentials', 'Wrong current password', { context, cause: error });
      return new PasserelleError('write_refused', 'The directory is unwilling to perform the change', { context, cause: error });
    case 50:
    case 32:
      return new PasserelleError('write_refused', 'The directory refused the operation', { context, cause: error });
    default:
      return new PasserelleError('internal', 'Unexpected directory answer', { context, cause: error });
  }
};
