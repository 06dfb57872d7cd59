/**
 * @module adapters/openldap/write
 * Password writes on slapd: the person's own change (bound as the person, so that ppolicy judges
 * it as theirs: minimum age, history, quality) and the administrative reset by the service
 * account (not the rootdn, so ppolicy's history and quality still apply). The password travels
 * in the RFC 3062 Password Modify exop (slapd hashes it with password-hash) or, with
 * `passwordWrite: modify`, in a replace of userPassword (hashed by ppolicy_hash_cleartext).
 * There is no fallback from one to the other: success is reported only when the write carrying
 * the password succeeded.
 */
import { Attribute, Change, PasswordPolicyControl, type Client } from 'ldapts';
import type { OpenLdapConfig } from '../../config/directory.ts';
import { PasserelleError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { CredentialCheck, Person, ResetOptions } from '../../ports/directory.ts';
import { passwordModify } from '../ldap/password-modify.ts';
import type { LdapPool } from '../ldap/pool.ts';
import { resultCodeOf, sendPasswordWrite } from '../ldap/errors.ts';
import { firstValueOf, readEntry } from '../ldap/search.ts';
import { translateOpenLdapError } from './errors.ts';

/** ppolicy's passwordExpired (draft-behera §6.2): the bind was refused, the password was right. */
export const PPOLICY_PASSWORD_EXPIRED = 0;

export interface WriteContext {
  pool: LdapPool;
  config: OpenLdapConfig;
  logger: Logger;
}

const replace = (type: string, value: string) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
const remove = (type: string) => new Change({ operation: 'delete', modification: new Attribute({ type }) });

/**
 * Writes the password on `client` as whoever it is bound as. A write sent but never answered
 * becomes `write_unconfirmed` (slapd may have applied it), not `unavailable` (nothing written).
 */
const writePassword = (context: WriteContext, client: Client, dn: string, next: string, control: PasswordPolicyControl, old?: string) =>
  sendPasswordWrite(() =>
    context.config.passwordWrite === 'exop'
      ? passwordModify(client, { userIdentity: dn, ...(old === undefined ? {} : { oldPassword: old }), newPassword: next }, [control])
      : client.modify(dn, replace('userPassword', next), [control]),
  );

/**
 * Brings pwdAccountLockedTime and pwdReset to what was asked, with the service account. Deleting
 * pwdAccountLockedTime also makes slapd drop pwdFailureTime (measured), so the count restarts.
 */
const settleAccountFlags = async (client: Client, dn: string, flags: { unlock: boolean; mustChange: boolean }) => {
  const entry = await readEntry(client, dn, ['pwdAccountLockedTime', 'pwdReset']);
  if (!entry) throw new PasserelleError('write_refused', 'The entry vanished during the reset', { context: { dn } });
  const changes: Change[] = [];
  if (flags.unlock && firstValueOf(entry, 'pwdAccountLockedTime') !== undefined) changes.push(remove('pwdAccountLockedTime'));
  const reset = firstValueOf(entry, 'pwdReset') === 'TRUE';
  if (flags.mustChange && !reset) changes.push(replace('pwdReset', 'TRUE'));
  if (!flags.mustChange && reset) changes.push(remove('pwdReset'));
  if (changes.length > 0) await client.modify(dn, changes);
};

/**
 * The person's own change. Bound as the person with the current password; if slapd refuses that
 * bind because the password has expired (it says so only when the password was right), the
 * person cannot bind at all, so the service account makes the change instead, still sending the
 * old password (slapd verifies it: wrong → 53) and still under ppolicy's history and quality
 * rules (the service account is not the rootdn). ppolicy treats that as someone else's change,
 * so a pwdReset it may leave is removed: the person has just chosen their password.
 */
export const changePassword = async (
  context: WriteContext,
  person: Person,
  current: string,
  next: string,
  _check: CredentialCheck,
): Promise<void> => {
  const bindControl = new PasswordPolicyControl();
  const writeControl = new PasswordPolicyControl();
  try {
    await context.pool.asPerson(person.dn, current, (client) => writePassword(context, client, person.dn, next, writeControl, current), [bindControl]);
    return;
  } catch (error) {
    const expired = resultCodeOf(error) === 49 && bindControl.value?.error === PPOLICY_PASSWORD_EXPIRED;
    if (!expired) throw translateOpenLdapError(error, 'change', writeControl.value ?? bindControl.value);
  }
  context.logger.info({ dn: person.dn }, 'expired password: change made by the service account with the old password');
  const serviceControl = new PasswordPolicyControl();
  try {
    await context.pool.asService((client) => writePassword(context, client, person.dn, next, serviceControl, current));
  } catch (error) {
    throw translateOpenLdapError(error, 'change', serviceControl.value);
  }
  await settleFlagsAfterWrite(context, person, { unlock: false, mustChange: false });
};

/**
 * The flags, once the password is written. If they cannot be set, the change still happened: it
 * is reported as done (so that its sync intent is committed and the person does not retry a
 * password that is already theirs), and the sysadmins get an error log to set them by hand.
 */
const settleFlagsAfterWrite = async (context: WriteContext, person: Person, flags: { unlock: boolean; mustChange: boolean }) => {
  try {
    await context.pool.asService((client) => settleAccountFlags(client, person.dn, flags), { idempotent: true });
  } catch (error) {
    const translated = translateOpenLdapError(error, 'reset');
    context.logger.error(
      { dn: person.dn, ...flags, code: translated.code, reason: translated.context?.diagnostic ?? translated.context?.reason },
      'password written, but the lock-out/must-change flags were not updated: set them by hand',
    );
  }
};

/** Administrative reset by the service account, then the lock-out and must-change flags. */
export const resetPassword = async (context: WriteContext, person: Person, next: string, options: ResetOptions): Promise<void> => {
  const control = new PasswordPolicyControl();
  try {
    await context.pool.asService((client) => writePassword(context, client, person.dn, next, control));
  } catch (error) {
    throw translateOpenLdapError(error, 'reset', control.value);
  }
  await settleFlagsAfterWrite(context, person, { unlock: options.unlock, mustChange: options.mustChange });
};
