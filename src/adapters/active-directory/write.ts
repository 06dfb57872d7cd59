/**
 * @module adapters/active-directory/write
 * Password writes on Active Directory, on a connection the caller opened (the primary directory's
 * pool, or a sync target's connection to another domain). AD takes `unicodePwd` only over an
 * encrypted connection, as the password in double quotes, UTF-16LE (MS-ADTS 3.1.1.3.1.5):
 * - a change is ONE modify deleting the old value and adding the new: AD checks the old password
 *   (wrong → 00000056, counted as a failed log-on) and applies the whole policy, history included;
 * - a reset is a replace: AD applies length and complexity but not the history, unless the
 *   policy-hints control is sent (Windows Server 2012 R2 and later; Samba 4.17 neither advertises
 *   nor honours it, measured) — it goes only to servers that advertise it, never critical.
 * Every failure is thrown as a PasserelleError (errors.ts), so callers share one mapping; a
 * password write sent and never answered is `write_unconfirmed` (AD may have applied it).
 */
import { Attribute, BerWriter, Change, Control, type Client } from 'ldapts';
import { PasserelleError } from '../../errors.ts';
import { sendPasswordWrite } from '../ldap/errors.ts';
import { firstValueOf, readEntry, readRootDse, valuesOf } from '../ldap/search.ts';
import { protectedAccountError, translateAdError } from './errors.ts';

/** LDAP_SERVER_POLICY_HINTS_OID (Windows Server 2012 R2+). */
export const POLICY_HINTS_OID = '1.2.840.113556.1.4.2239';
/** LDAP_SERVER_POLICY_HINTS_DEPRECATED_OID (Windows Server 2008 R2 / 2012 with the hotfix). */
export const POLICY_HINTS_DEPRECATED_OID = '1.2.840.113556.1.4.2066';

/** userAccountControl bit ACCOUNTDISABLE. */
const UF_ACCOUNTDISABLE = 0x2;

/** The value AD expects in unicodePwd: `"password"` in UTF-16LE. */
export const encodeUnicodePwd = (password: string): Buffer => Buffer.from(`"${password}"`, 'utf16le');

/**
 * The policy-hints control: value SEQUENCE { Flags INTEGER } with flag 1 = apply the password
 * policy (history, minimum age) to this reset as to a change.
 */
export class PolicyHintsControl extends Control {
  constructor(oid: string = POLICY_HINTS_OID) {
    // Never critical: a server that does not know it must still take the reset (Samba would answer 12).
    super(oid, { critical: false });
  }

  protected override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    value.startSequence();
    value.writeInt(1);
    value.endSequence();
    writer.writeBuffer(value.buffer, 0x04);
  }
}

/** The policy-hints OID this server advertises in its root DSE (the current one first), if any. */
export const advertisedPolicyHints = async (client: Client): Promise<string | undefined> => {
  const rootDse = await readRootDse(client, ['supportedControl']);
  const supported = new Set(valuesOf(rootDse, 'supportedControl'));
  return [POLICY_HINTS_OID, POLICY_HINTS_DEPRECATED_OID].find((oid) => supported.has(oid));
};

const replace = (type: string, value: string | Buffer) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: typeof value === 'string' ? [value] : [value] }) });

export interface AdResetOptions {
  /** Clear a lock-out: lockoutTime 0 (the only value AD accepts there). */
  unlock: boolean;
  /** Must change at next log-on: pwdLastSet 0. Without it AD sets pwdLastSet to now. */
  mustChange: boolean;
  /** The policy-hints OID to send (from advertisedPolicyHints), or undefined not to send it. */
  policyHints?: string | undefined;
  /** Refuse a disabled account (account_locked, reason disabled) instead of setting a password it cannot use. */
  refuseDisabled?: boolean | undefined;
}

/**
 * Administrative reset of `dn`'s password, on a connection bound with the right to reset it.
 * Refuses, before writing, an account protected by AdminSDHolder (adminCount=1: Windows would
 * refuse a delegated reset anyway, and a self-service reset of an administrator is the classic
 * escalation path) and, if asked, a disabled one. The password, the unlock and the must-change
 * flag go in ONE modify, so that AD applies all of it or nothing (Samba keeps pwdLastSet 0 given
 * with the new password, measured).
 * @throws PasserelleError write_refused (protected_account, insufficient_rights…), policy
 *   (directory_too_short, directory_complexity…), account_locked (disabled), unavailable.
 */
export const resetAdPassword = async (client: Client, dn: string, password: string, options: AdResetOptions): Promise<void> => {
  let entry;
  try {
    entry = await readEntry(client, dn, ['adminCount', 'userAccountControl']);
  } catch (error) {
    throw translateAdError(error, { operation: 'read', dn });
  }
  if (!entry) throw new PasserelleError('write_refused', 'No such entry in this directory', { context: { operation: 'reset', dn, reason: 'no_such_entry' }, retry: false });
  const protectedAccount = firstValueOf(entry, 'adminCount') === '1';
  if (protectedAccount) throw protectedAccountError(dn, 'reset');
  const flags = Number(firstValueOf(entry, 'userAccountControl') ?? 0);
  if (options.refuseDisabled && (flags & UF_ACCOUNTDISABLE) !== 0) {
    throw new PasserelleError('account_locked', 'The account is disabled', { context: { operation: 'reset', dn, reason: 'disabled' }, retry: false });
  }
  const changes = [replace('unicodePwd', encodeUnicodePwd(password))];
  if (options.unlock) changes.push(replace('lockoutTime', '0'));
  if (options.mustChange) changes.push(replace('pwdLastSet', '0'));
  try {
    await sendPasswordWrite(() => client.modify(dn, changes, options.policyHints ? [new PolicyHintsControl(options.policyHints)] : undefined));
  } catch (error) {
    throw translateAdError(error, { operation: 'reset', dn, protectedAccount });
  }
};

/**
 * The person's change: one modify deleting the old unicodePwd and adding the new. Sent on the
 * person's own connection normally; on the service account's when AD refuses the person's bind
 * because the password expired or must be changed (532/773): AD still checks the old password
 * and the history there (measured on Samba), so nobody can use that path without the password.
 * @throws PasserelleError invalid_credentials (wrong old password), policy, write_refused, unavailable.
 */
export const changeAdPassword = async (client: Client, dn: string, current: string, next: string): Promise<void> => {
  try {
    await sendPasswordWrite(() =>
      client.modify(dn, [
        new Change({ operation: 'delete', modification: new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(current)] }) }),
        new Change({ operation: 'add', modification: new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(next)] }) }),
      ]),
    );
  } catch (error) {
    throw translateAdError(error, { operation: 'change', dn });
  }
};

/**
 * Makes sure the must-change flag ended cleared after a change made for a person who had to
 * change: AD sets pwdLastSet to the time of the change itself (measured on Samba); if it still
 * reads 0, pwdLastSet -1 sets it to now (needs the Unexpire Password right on Windows).
 * @returns whether a write was needed.
 */
export const settleMustChange = async (client: Client, dn: string): Promise<boolean> => {
  try {
    const entry = await readEntry(client, dn, ['pwdLastSet']);
    if (firstValueOf(entry ?? { dn, attributes: {} }, 'pwdLastSet') !== '0') return false;
    await client.modify(dn, replace('pwdLastSet', '-1'));
    return true;
  } catch (error) {
    throw translateAdError(error, { operation: 'reset', dn });
  }
};
