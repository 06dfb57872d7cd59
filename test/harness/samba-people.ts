/**
 * @module test/harness/samba-people
 * Test people in a Samba AD domain, each with a fresh login so that tests never interfere, and
 * what tests check afterwards (does this password bind? is the account locked, must it change?).
 * Writes as Administrator: set-up only, never the code under test. Expired people cannot be made
 * on a running DC (pwdLastSet takes only 0 and -1 over LDAP): they come from a pool aged in the
 * template, one per claim, claims shared by every process of the run through the instance's dir.
 */
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import type { GroupName } from './fixtures/layout.ts';
import { strongPassword, uniqueLogin, type TestPerson } from './people.ts';
import { AD_EXPIRED_POOL_SIZE, AD_LOCKOUT_THRESHOLD, adPersonDn, expiredPoolPerson } from './samba-layout.ts';
import { addAdPerson, protectLikeAdminSdHolder } from './samba-seed.ts';
import type { SambaInfo } from './samba.ts';

/** What the helpers need of a DC: a SambaHandle or the SambaInfo from `inject('samba')`. */
export type SambaAccess = Pick<SambaInfo, 'url' | 'address' | 'caFile' | 'tlsServerName' | 'admin' | 'peopleBase' | 'groups' | 'realm' | 'dataDir' | 'adminSdHolder'>;

export interface NewAdPerson {
  login?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  /** null: no mail at all. Default `<login>@ac-exemple.fr`. */
  mail?: string | null;
  employeeNumber?: string;
  /** YYYYMMDD */
  birthDate?: string;
  language?: 'fr' | 'en';
  groups?: (GroupName | 'mdp-expire')[];
  /** Must change the password at next log-on (pwdLastSet 0): binds answer data 773. */
  mustChange?: boolean;
  /** userAccountControl 514: binds answer data 533. */
  disabled?: boolean;
}

/** An LDAPS connection to the DC, not yet bound; the certificate is checked against tlsServerName. */
export const connectAd = (samba: Pick<SambaAccess, 'url' | 'address' | 'caFile' | 'tlsServerName'>): Client =>
  new Client({
    url: samba.url,
    timeout: 10_000,
    connectTimeout: 2000,
    tlsOptions: { ca: [readFileSync(samba.caFile)], host: samba.address, servername: samba.tlsServerName },
  });

/** Runs `operation` bound as Administrator. */
export const withAdAdmin = async <T>(samba: SambaAccess, operation: (client: Client) => Promise<T>): Promise<T> => {
  const client = connectAd(samba);
  try {
    await client.bind(samba.admin.dn, samba.admin.password);
    return await operation(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

const replace = (type: string, value: string) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
const addMember = (dn: string) => new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dn] }) });

/** Adds a person to the people OU (CN = display name + login, so homonyms never collide). */
export const createAdPerson = async (samba: SambaAccess, partial: NewAdPerson = {}): Promise<TestPerson> => {
  const login = partial.login ?? uniqueLogin();
  const firstName = partial.firstName ?? 'Camille';
  const lastName = partial.lastName ?? `Essai-${login}`;
  const mail = partial.mail === null ? undefined : (partial.mail ?? `${login}@ac-exemple.fr`);
  const password = partial.password ?? strongPassword();
  const dn = await withAdAdmin(samba, async (client) => {
    const added = await addAdPerson(client, samba, samba.realm, {
      cn: `${firstName} ${lastName} (${login})`, login, password, firstName, lastName, mail,
      employeeNumber: partial.employeeNumber, birthDate: partial.birthDate, language: partial.language, disabled: partial.disabled ?? false,
    });
    if (partial.mustChange) await client.modify(added, replace('pwdLastSet', '0'));
    for (const group of partial.groups ?? []) await client.modify(samba.groups[group], addMember(added));
    return added;
  });
  return { login, password, dn, mail, firstName, lastName, displayName: `${firstName} ${lastName}`, employeeNumber: partial.employeeNumber, birthDate: partial.birthDate };
};

/** A Domain Admins member protected the way Windows' SDProp does it (adminCount=1, no inherited delegation). */
export const createProtectedAdPerson = async (samba: SambaAccess, partial: NewAdPerson = {}): Promise<TestPerson> => {
  const person = await createAdPerson(samba, partial);
  await withAdAdmin(samba, async (client) => {
    await client.modify(samba.groups.domainAdmins, addMember(person.dn));
    await protectLikeAdminSdHolder(client, samba, join(samba.dataDir, 'private'), person.dn);
  });
  return person;
};

/**
 * A person whose password has expired (binds answer data 532 with the right password), never
 * handed out twice in the same run, whichever process asks.
 */
export const claimExpiredPerson = (samba: Pick<SambaAccess, 'dataDir' | 'peopleBase'>): TestPerson => {
  const claims = join(samba.dataDir, 'claims');
  mkdirSync(claims, { recursive: true });
  for (let n = 1; n <= AD_EXPIRED_POOL_SIZE; n += 1) {
    try {
      closeSync(openSync(join(claims, `expired-${n}`), 'wx'));
    } catch {
      continue; // taken
    }
    const person = expiredPoolPerson(n);
    return {
      ...person, dn: adPersonDn(samba, `${person.firstName} ${person.lastName}`), mail: undefined,
      displayName: `${person.firstName} ${person.lastName}`, employeeNumber: undefined, birthDate: undefined,
    };
  }
  throw new Error(`all ${AD_EXPIRED_POOL_SIZE} expired people of the template are used: raise AD_EXPIRED_POOL_SIZE in samba-layout.ts`);
};

/**
 * Whether `password` is the person's password: true when the bind succeeds or AD answers that the
 * right password has expired / must change (data 532 / 773), false for a wrong one (52e). Throws
 * for locked or disabled accounts (AD does not tell there) and anything else.
 */
export const canBindAd = async (samba: SambaAccess, dn: string, password: string): Promise<boolean> => {
  const client = connectAd(samba);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    const data = /\bdata ([0-9a-f]+)/i.exec((error as Error).message)?.[1];
    if ((error as { code?: unknown }).code === 49 && data === '52e') return false;
    if ((error as { code?: unknown }).code === 49 && (data === '532' || data === '773')) return true;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

/** Locks the account the AD way: failed log-ons up to the domain's threshold. */
export const lockAdAccount = async (samba: SambaAccess, dn: string): Promise<void> => {
  for (let i = 0; i < AD_LOCKOUT_THRESHOLD; i += 1) {
    const client = connectAd(samba);
    await client.bind(dn, `faux-${i}-${Date.now()}`).catch(() => undefined);
    await client.unbind().catch(() => undefined);
  }
};

export interface AdAccountState {
  /** pwdLastSet 0: must change at next log-on. */
  mustChange: boolean;
  pwdLastSet: string;
  /** lockoutTime set and not 0. */
  locked: boolean;
  badPwdCount: number;
  disabled: boolean;
  adminCount?: string | undefined;
}

/** The account-control attributes of an entry, for assertions. */
export const readAdAccount = (samba: SambaAccess, dn: string): Promise<AdAccountState> =>
  withAdAdmin(samba, async (client) => {
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['pwdLastSet', 'lockoutTime', 'badPwdCount', 'userAccountControl', 'adminCount'] });
    const entry = searchEntries[0] ?? { dn };
    const text = (name: string) => {
      const value = entry[name];
      return Array.isArray(value) ? (value[0]?.toString() ?? undefined) : value?.toString();
    };
    return {
      mustChange: text('pwdLastSet') === '0',
      pwdLastSet: text('pwdLastSet') ?? '',
      locked: (text('lockoutTime') ?? '0') !== '0',
      badPwdCount: Number(text('badPwdCount') ?? 0),
      disabled: (Number(text('userAccountControl') ?? 0) & 2) !== 0,
      adminCount: text('adminCount'),
    };
  });

/** Adds a group in the groups OU with these members (people or groups); returns its DN. */
export const createAdGroup = (samba: SambaAccess, name: string, members: string[]): Promise<string> =>
  withAdAdmin(samba, async (client) => {
    const dn = `CN=${name},${samba.groups.sysadmins.split(',').slice(1).join(',')}`;
    await client.add(dn, [new Attribute({ type: 'objectClass', values: ['top', 'group'] }), new Attribute({ type: 'sAMAccountName', values: [name] }), ...(members.length > 0 ? [new Attribute({ type: 'member', values: members })] : [])]);
    return dn;
  });
