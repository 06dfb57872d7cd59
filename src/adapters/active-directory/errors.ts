/**
 * @module adapters/active-directory/errors
 * What Active Directory (Windows or Samba) answers, turned into Passerelle's codes. Measured on
 * Samba 4.17 (test/integration/directory.ad.test.ts); Windows texts from its documentation:
 * - a refused bind is 49 with `data <code>` in the text: 52e wrong password, 775 locked (whatever
 *   the password), 533 disabled, 701 account expired, 532 expired / 773 must change (both only
 *   with the right password: the password is proven);
 * - password writes: 19 with `0000052D` (policy; Samba says why in words, Windows does not) or
 *   `00000056` (wrong old password in a delete/add change);
 * - 50 insufficient rights (delegation missing, or an AdminSDHolder-protected account), 53
 *   unwilling to perform (e.g. the NT hash set directly, or unicodePwd over a clear connection).
 */
import { PasserelleError, isPasserelleError, type Violation } from '../../errors.ts';
import { diagnosticOf, isConnectionFailure, resultCodeOf, unavailableError } from '../ldap/errors.ts';

/** The `data` codes of a refused AD bind (hexadecimal Win32 error numbers, as AD prints them). */
export const AD_BIND_DATA = {
  noSuchUser: '525',
  wrongPassword: '52e',
  logonHours: '530',
  workstation: '531',
  passwordExpired: '532',
  disabled: '533',
  logonType: '534',
  accountExpired: '701',
  mustChange: '773',
  locked: '775',
} as const;

export type AdOperation = 'bind' | 'change' | 'reset' | 'read';

/** The `data` code of a refused AD bind ("…AcceptSecurityContext error, data 773, v1db1"). */
export const bindDataCode = (error: unknown): string | undefined =>
  resultCodeOf(error) === 49 ? /\bdata ([0-9a-f]+)\b/i.exec(diagnosticOf(error))?.[1]?.toLowerCase() : undefined;

/**
 * Why a refused bind still proves the password right: 532 (expired) and 773 (must change at next
 * log-on) are only sent for the right password (a wrong one gives 52e, measured on Samba).
 */
export const mustChangeReason = (error: unknown): 'expired' | 'must_change' | undefined => {
  const data = bindDataCode(error);
  if (data === AD_BIND_DATA.passwordExpired) return 'expired';
  if (data === AD_BIND_DATA.mustChange) return 'must_change';
  return undefined;
};

/** Samba's 0000052D texts, one reason each (Windows sends "problem 1005 (CONSTRAINT_ATT_TYPE)" only). */
const CONSTRAINT_TEXTS: [RegExp, string][] = [
  [/already used \(previous password\)/i, 'directory_same_as_current'],
  [/already used|in history/i, 'directory_in_history'],
  [/too young/i, 'directory_too_young'],
  [/too short/i, 'directory_too_short'],
  [/complexity/i, 'directory_complexity'],
];

/**
 * The violation a 0000052D text names, or undefined when it names none (Windows). Samba: "the
 * password is too short. It should be equal or longer than 7 characters!", "…does not meet the
 * complexity criteria!", "…was already used (in history)!", "…(previous password)!", "password
 * is too young to change!".
 */
export const violationFromConstraintText = (diagnostic: string): Violation | undefined => {
  const code = CONSTRAINT_TEXTS.find(([pattern]) => pattern.test(diagnostic))?.[1];
  // Same shape as the OpenLDAP adapter's violations: the code alone (the pages show the rules).
  return code ? { code, source: 'directory' } : undefined;
};

/** Win32 error number at the start of an AD diagnostic ("0000052D: …"). */
const win32Code = (diagnostic: string): string | undefined => /^([0-9A-F]{8}):/i.exec(diagnostic)?.[1]?.toUpperCase();

export interface AdErrorContext {
  operation: AdOperation;
  dn?: string | undefined;
  /** The entry has adminCount=1: a refusal of rights is AdminSDHolder's, say so. */
  protectedAccount?: boolean | undefined;
}

/** The refusal of a protected account (adminCount=1): permanent, never retried. */
export const protectedAccountError = (dn: string, operation: AdOperation, cause?: unknown): PasserelleError =>
  new PasserelleError('write_refused', 'Protected account (adminCount=1): its password cannot be reset by Passerelle', {
    context: { operation, dn, reason: 'protected_account' },
    retry: false,
    ...(cause === undefined ? {} : { cause }),
  });

/** Translates a refused bind (a credential check or the start of the person's own change). */
const bindError = (error: unknown, context: Record<string, unknown>): PasserelleError => {
  const data = bindDataCode(error);
  const locked = (reason: string) =>
    new PasserelleError('account_locked', 'The directory account cannot log in', { context: { ...context, reason, adData: data }, cause: error });
  switch (data) {
    case AD_BIND_DATA.locked:
      return locked('locked');
    case AD_BIND_DATA.disabled:
      return locked('disabled');
    case AD_BIND_DATA.accountExpired:
      return locked('account_expired');
    case AD_BIND_DATA.logonHours:
    case AD_BIND_DATA.workstation:
    case AD_BIND_DATA.logonType:
      return locked('logon_restricted');
    default:
      // 52e, 525 (no such user) and anything unexpected: one message for all, as for a wrong password.
      return new PasserelleError('invalid_credentials', 'Wrong login or password', { context: { ...context, adData: data }, cause: error });
  }
};

/**
 * Translates anything raised while talking to AD into a PasserelleError. Connection problems
 * become `unavailable` (retry); every refusal of a write is permanent (`retry: false`): the same
 * password sent again would be refused again.
 */
export const translateAdError = (error: unknown, context: AdErrorContext): PasserelleError => {
  if (isPasserelleError(error)) return error;
  if (isConnectionFailure(error)) return unavailableError('directory', error);
  const code = resultCodeOf(error);
  const diagnostic = diagnosticOf(error);
  const safe = { operation: context.operation, dn: context.dn, ldapCode: code, diagnostic: diagnostic.slice(0, 300) };
  const refused = (reason: string, message = 'The directory refused the change') =>
    new PasserelleError('write_refused', message, { context: { ...safe, reason }, retry: false, cause: error });

  if (code === 49) return bindError(error, safe);
  if (code === 19) {
    const win32 = win32Code(diagnostic);
    if (win32 === '00000056') return new PasserelleError('invalid_credentials', 'Wrong current password', { context: safe, cause: error, retry: false });
    if (win32 === '0000052D') {
      const named = violationFromConstraintText(diagnostic);
      return new PasserelleError('policy', 'The new password does not meet the policy', {
        details: { violations: [named ?? { code: 'directory_refused', source: 'directory' }] },
        context: safe,
        retry: false,
        cause: error,
      });
    }
    // Samba's acl module answers a change without the Change Password right with a bare 19.
    return refused('constraint_violation');
  }
  if (code === 50) {
    if (context.protectedAccount && context.dn) return protectedAccountError(context.dn, context.operation, error);
    return refused('insufficient_rights', 'The service account lacks a right on this entry');
  }
  if (code === 53) return refused('unwilling_to_perform');
  if (code === 32) return refused('no_such_entry');
  if (code === 12) return refused('unsupported_critical_control');
  if (code === 8) return refused('transport_encryption_required');
  if (context.operation === 'read') return new PasserelleError('internal', 'Unexpected directory answer', { context: safe, cause: error });
  return refused('unexpected_answer');
};

/**
 * Windows refuses a password with a bare 0000052D (`directory_refused`): when our own check of the
 * domain's rules (checkAdPassword) finds what is wrong, report that instead. Without such findings
 * the reason is the history or the minimum age, which only the server knows.
 */
export const explainRefusal = (error: PasserelleError, findings: readonly Violation[]): PasserelleError => {
  const violations = error.details?.violations ?? [];
  const bare = error.code === 'policy' && violations.length === 1 && violations[0]?.code === 'directory_refused';
  if (!bare || findings.length === 0) return error;
  return new PasserelleError('policy', error.message, {
    details: { ...error.details, violations: [...findings] },
    context: { ...error.context, explainedBy: 'domain policy' },
    retry: false,
    cause: error.cause,
  });
};
