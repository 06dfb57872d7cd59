/**
 * @module test/harness/people
 * Test people made on demand, each with a fresh login so that tests never interfere, and helpers
 * to check what the directory holds afterwards (can this password bind? is the account locked?).
 * Everything here writes as slapd's rootdn, which bypasses ppolicy: set-up only, never the code
 * under test.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client, Control } from 'ldapts';
import { EXPIRING_POLICY_DN, GROUPS, type GroupName, personDn } from './fixtures/layout.ts';

/** Where the rootdn can be reached; a SlapdHandle or the SlapdInfo from `inject('servers')`. */
export interface SlapdAdminAccess {
  url: string;
  admin: { dn: string; password: string };
}

export interface NewPerson {
  login?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  /** null: no mail at all. Default `<login>@ac-exemple.fr`. */
  mail?: string | null;
  /** More values of the mail attribute, after `mail` (aliases, an older address). */
  otherMails?: string[];
  /** More values of sn, after `lastName` (a birth name beside the name in use). */
  otherLastNames?: string[];
  employeeNumber?: string;
  /** YYYYMMDD */
  birthDate?: string;
  language?: 'fr' | 'en';
  groups?: GroupName[];
  /** Under the expiring policy, with a pwdChangedTime far in the past: binds report passwordExpired. */
  expired?: boolean;
  /** pwdAccountLockedTime set, as after too many failures. */
  locked?: boolean;
  /** pwdReset TRUE, as after an administrator reset: binds report changeAfterReset. */
  mustChange?: boolean;
}

export interface TestPerson {
  login: string;
  password: string;
  dn: string;
  mail?: string | undefined;
  firstName: string;
  lastName: string;
  displayName: string;
  employeeNumber?: string | undefined;
  birthDate?: string | undefined;
}

/** RFC 4526-era Relax Rules control (OpenLDAP's experimental OID): lets the rootdn set pwdChangedTime. */
const RELAX_RULES = '1.3.6.1.4.1.4203.666.5.12';

let counter = 0;
/** A login no other test uses: lower-case letters and digits, like real ones. */
export const uniqueLogin = (prefix = 't'): string =>
  `${prefix}${Date.now().toString(36).slice(-5)}${(counter += 1).toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * A password that meets Passerelle's default policy and slapd's (12+ chars, 4 classes). Its random
 * part never holds three letters in a row: the policy refuses a password containing any 3-letter
 * part of the login or names, and a bare hex string once held « fab » of a login (« t…fab2c »).
 * Always 20 characters (tests of length rules count on it): four groups of two hex digits and a
 * decimal one, about 45 random bits.
 */
export const strongPassword = (): string => {
  const hex = randomBytes(4).toString('hex');
  const digits = randomBytes(4);
  const groups = Array.from({ length: 4 }, (_, i) => `${hex.slice(2 * i, 2 * i + 2)}${digits[i]! % 10}`);
  return `Pa5-${groups.join('')}-Zx!`;
};

/** Runs `operation` bound as the rootdn. */
export const withAdmin = async <T>(slapd: SlapdAdminAccess, operation: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ url: slapd.url, timeout: 5000, connectTimeout: 2000 });
  try {
    await client.bind(slapd.admin.dn, slapd.admin.password);
    return await operation(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

/** Adds a person (and their group memberships); returns what tests need to use them. */
export const createPerson = async (slapd: SlapdAdminAccess, partial: NewPerson = {}): Promise<TestPerson> => {
  const login = partial.login ?? uniqueLogin();
  const firstName = partial.firstName ?? 'Camille';
  const lastName = partial.lastName ?? `Essai-${login}`;
  const displayName = `${firstName} ${lastName}`;
  const mail = partial.mail === null ? undefined : (partial.mail ?? `${login}@ac-exemple.fr`);
  const password = partial.password ?? strongPassword();
  const dn = personDn(login);
  const attributes: Record<string, string | string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'passerellePerson'],
    uid: login,
    cn: displayName,
    sn: [lastName, ...(partial.otherLastNames ?? [])],
    givenName: firstName,
    displayName,
    preferredLanguage: partial.language ?? 'fr',
    // In clear: ppolicy_hash_cleartext stores it as {SSHA}.
    userPassword: password,
  };
  if (mail) attributes.mail = [mail, ...(partial.otherMails ?? [])];
  if (partial.employeeNumber) attributes.employeeNumber = partial.employeeNumber;
  if (partial.birthDate) attributes.birthDate = partial.birthDate;
  if (partial.expired) attributes.pwdPolicySubentry = EXPIRING_POLICY_DN;
  await withAdmin(slapd, async (client) => {
    await client.add(dn, attributes);
    const changes: Change[] = [];
    if (partial.expired) changes.push(replace('pwdChangedTime', '20200101000000Z'));
    if (partial.locked) changes.push(replace('pwdAccountLockedTime', generalizedTime(new Date())));
    if (partial.mustChange) changes.push(replace('pwdReset', 'TRUE'));
    if (changes.length > 0) await client.modify(dn, changes, new Control(RELAX_RULES, { critical: true }));
    for (const group of partial.groups ?? []) {
      await client.modify(GROUPS[group], new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dn] }) }));
    }
  });
  return { login, password, dn, mail, firstName, lastName, displayName, employeeNumber: partial.employeeNumber, birthDate: partial.birthDate };
};

const replace = (type: string, value: string) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });

/** YYYYMMDDHHMMSSZ (generalizedTime, UTC). */
export const generalizedTime = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * Whether `password` binds as `dn`: true, false for invalid credentials (49), and an exception for
 * anything else (a test must not read "server down" as "wrong password"). With `caFile`, an
 * ldap:// URL is upgraded with StartTLS and an ldaps:// one checked against that CA.
 */
export const canBind = async (url: string, dn: string, password: string, caFile?: string): Promise<boolean> => {
  const host = new URL(url).hostname;
  const tls = caFile ? { ca: [readFileSync(caFile)], host } : undefined;
  const secure = url.startsWith('ldaps://');
  const client = new Client({ url, timeout: 5000, connectTimeout: 2000, ...(secure && tls ? { tlsOptions: tls } : {}) });
  try {
    if (!secure && tls) await client.startTLS({ ...tls });
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 49) return false;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

/** Locks the account the way ppolicy does after too many failures (pwdAccountLockedTime = now). */
export const lockAccount = (slapd: SlapdAdminAccess, dn: string): Promise<void> =>
  withAdmin(slapd, (client) => client.modify(dn, replace('pwdAccountLockedTime', generalizedTime(new Date()))));

export interface PasswordState {
  pwdAccountLockedTime?: string | undefined;
  pwdChangedTime?: string | undefined;
  pwdReset: boolean;
  pwdFailureTime: string[];
  pwdHistoryCount: number;
  pwdPolicySubentry?: string | undefined;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String));

/** The ppolicy operational attributes of an entry, for assertions. */
export const readPasswordState = (slapd: SlapdAdminAccess, dn: string): Promise<PasswordState> =>
  withAdmin(slapd, async (client) => {
    const { searchEntries } = await client.search(dn, {
      scope: 'base',
      attributes: ['pwdAccountLockedTime', 'pwdChangedTime', 'pwdReset', 'pwdFailureTime', 'pwdHistory', 'pwdPolicySubentry'],
    });
    const entry = searchEntries[0] ?? { dn };
    return {
      pwdAccountLockedTime: asList(entry.pwdAccountLockedTime)[0],
      pwdChangedTime: asList(entry.pwdChangedTime)[0],
      pwdReset: asList(entry.pwdReset)[0] === 'TRUE',
      pwdFailureTime: asList(entry.pwdFailureTime),
      pwdHistoryCount: asList(entry.pwdHistory).length,
      pwdPolicySubentry: asList(entry.pwdPolicySubentry)[0],
    };
  });

/** Deletes a person made by createPerson (optional: each run's slapd is thrown away anyway). */
export const deletePerson = (slapd: SlapdAdminAccess, dn: string): Promise<void> =>
  withAdmin(slapd, (client) => client.del(dn));
