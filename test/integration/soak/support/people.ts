/**
 * @module test/integration/soak/support/people
 * The soak's people: seeded offline (slapadd) on the primary and, with the Samba account class,
 * on the target directory, each with a password of their own. `{SSHA}` hashes are computed here
 * (no slappasswd per person), and a stored hash can be checked against a candidate password as
 * the rootdn reads it: the final checks then test refused passwords without a failed bind, which
 * ppolicy would count towards a lock-out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { personDn, withAdmin, type SlapdHandle } from '../../../harness/index.ts';
import { ldifEntry } from '../../../harness/ldif.ts';

export interface SoakPerson {
  login: string;
  dn: string;
  /** The password the person was seeded with. */
  initial: string;
}

/** A password our default policy and slapd's accept, never the same twice. */
export const soakPassword = (): string => `Sk9-${randomBytes(7).toString('hex')}-Wq!`;

/** `{SSHA}` of `password`: SHA-1 of password and salt, then the salt, in base64 (RFC 2307 style). */
export const ssha = (password: string, salt = randomBytes(8)): string =>
  `{SSHA}${Buffer.concat([createHash('sha1').update(password, 'utf8').update(salt).digest(), salt]).toString('base64')}`;

/** Whether an `{SSHA}` value was made from `password`. */
export const sshaMatches = (stored: string, password: string): boolean => {
  if (!stored.startsWith('{SSHA}')) return false;
  const raw = Buffer.from(stored.slice(6), 'base64');
  return ssha(password, raw.subarray(20)) === stored;
};

export const soakLogin = (i: number) => `soak${String(i).padStart(4, '0')}`;

export const makeSoakPeople = (count: number): SoakPerson[] =>
  Array.from({ length: count }, (_, i) => ({ login: soakLogin(i), dn: personDn(soakLogin(i)), initial: soakPassword() }));

/** The primary's entries (extraSeed of startSlapd). */
export const primarySeed = (people: SoakPerson[]): string =>
  people
    .map((p) =>
      ldifEntry(p.dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
        uid: p.login,
        cn: `Soak ${p.login}`,
        sn: p.login,
        givenName: 'Soak',
        mail: `${p.login}@ac-exemple.fr`,
        preferredLanguage: 'fr',
        userPassword: ssha(p.initial),
      }),
    )
    .join('\n');

/** The target directory's copies: same uid, a Samba account with the NT hash to be replaced. */
export const targetSeed = (people: SoakPerson[]): string =>
  people
    .map((p, i) =>
      ldifEntry(p.dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'sambaSamAccount'],
        uid: p.login,
        cn: p.login,
        sn: p.login,
        userPassword: ssha(p.initial),
        sambaSID: `S-1-5-21-1004336348-1177238915-682003330-${3000 + i}`,
      }),
    )
    .join('\n');

/** userPassword (and sambaNTPassword when present) of every entry under the people base, by uid, read as the rootdn. */
export const readStoredPasswords = (slapd: SlapdHandle): Promise<Map<string, { userPassword: string[]; ntPassword?: string }>> =>
  withAdmin(slapd, async (client) => {
    const { searchEntries } = await client.search(slapd.peopleBase, {
      scope: 'one',
      filter: '(uid=soak*)',
      attributes: ['uid', 'userPassword', 'sambaNTPassword'],
      sizeLimit: 0,
    });
    const asList = (value: unknown): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String));
    return new Map(
      searchEntries.map((entry) => [
        String(entry.uid),
        { userPassword: asList(entry.userPassword), ...(entry.sambaNTPassword ? { ntPassword: String(entry.sambaNTPassword) } : {}) },
      ]),
    );
  });
