/**
 * @module sync/targets/ldap-common
 * What the LDAP-speaking targets (`ldap`, `samba-nt`) share on top of adapters/ldap: a pool of
 * service-account connections, finding the entry that holds the login, and turning LDAP result
 * codes into target errors (retry or not).
 */
import type { Client } from 'ldapts';
import { isPasserelleError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  andFilter, createLdapPool, diagnosticOf, equalityFilter, readRootDse, resultCodeOf, searchEntries, type LdapPool, type LdapPoolSettings,
} from '../../adapters/ldap/index.ts';
import { targetError } from '../target-error.ts';

/** RFC 4511 result codes and what they mean for a copy of a password. */
const PERMANENT: Record<number, Parameters<typeof targetError>[0]> = {
  16: 'refused', // noSuchAttribute
  17: 'refused', // undefinedAttributeType: the target's schema lacks the attribute
  19: 'policy', // constraintViolation (ppolicy: quality, history, length)
  21: 'refused', // invalidAttributeSyntax
  32: 'no_entry', // noSuchObject
  34: 'refused', // invalidDNSyntax
  50: 'rights', // insufficientAccessRights
  53: 'refused', // unwillingToPerform
  65: 'refused', // objectClassViolation: the entry lacks the object class
};

/** A server answer or a connection failure, as a target error. `what` names the operation. */
export const ldapTargetError = (error: unknown, what: string) => {
  if (isPasserelleError(error) && error.code === 'write_unconfirmed') {
    return targetError('unavailable', `${what}: no answer to the write (${String(error.context?.reason ?? 'connection lost')})`, { cause: error, inDoubt: true });
  }
  if (isPasserelleError(error) && error.code === 'unavailable') {
    return targetError('unavailable', `${what}: directory unavailable (${String(error.context?.reason ?? 'no answer')})`, { cause: error });
  }
  const code = resultCodeOf(error);
  const text = diagnosticOf(error).split('\n')[0]!.slice(0, 200);
  if (code === undefined) return targetError('unavailable', `${what}: ${text}`, { cause: error });
  const reason = PERMANENT[code];
  if (reason) return targetError(reason, `${what}: LDAP ${code} ${text}`, { cause: error });
  // busy (51), unavailable (52), other (80), operationsError (1) and the rest: worth another try.
  return targetError('unavailable', `${what}: LDAP ${code} ${text}`, { cause: error, retry: true });
};

export interface EntryLocator {
  base: string;
  filter: string;
  loginAttribute: string;
}

/** The DN of the one entry holding `login`; a permanent error when there is none or several. */
export const findEntryDn = async (client: Client, locator: EntryLocator, login: string): Promise<string> => {
  const entries = await searchEntries(client, locator.base, {
    filter: andFilter(locator.filter, equalityFilter(locator.loginAttribute, login)),
    attributes: ['1.1'],
    sizeLimit: 2,
  });
  if (entries.length === 0) throw targetError('no_entry', `no entry with ${locator.loginAttribute}=${login} under ${locator.base}`);
  if (entries.length > 1) throw targetError('ambiguous', `several entries with ${locator.loginAttribute}=${login} under ${locator.base}`);
  return entries[0]!.dn;
};

/** A pool on the target's settings; small, since each job holds a connection for two operations. */
export const targetPool = (settings: LdapPoolSettings, logger: Logger): LdapPool => createLdapPool(settings, logger);

/** Resolves when the service account can bind and read the root DSE. */
export const pingPool = async (pool: LdapPool, what: string): Promise<void> => {
  try {
    await pool.asService((client) => readRootDse(client, ['namingContexts']), { idempotent: true });
  } catch (error) {
    throw ldapTargetError(error, what);
  }
};
