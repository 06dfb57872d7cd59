/**
 * @module test/integration/contracts/directory.contract
 * The DirectoryPort contract, written once and run against every implementation (slapd here,
 * Samba AD in directory.ad.test.ts), the way Hono runs one router suite against each router.
 * A subject says how to make its directory and its people, and states the few places where
 * servers legitimately differ as data (e.g. `resetHonoursHistory`), so every case asserts
 * something on every server: there are no skips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPasserelleError, type ErrorCode } from '../../../src/errors.ts';
import type { DirectoryPort, Person } from '../../../src/ports/directory.ts';

export interface ContractPerson {
  login: string;
  password: string;
  dn: string;
  mail?: string | undefined;
  firstName: string;
  lastName: string;
}

export interface ContractPersonOptions {
  firstName?: string;
  lastName?: string;
  /** A shared address (homonyms); null for none. */
  mail?: string | null;
  /** The password has expired: binds are refused, a change is still allowed. */
  expired?: boolean;
  /** Must change the password at next log-in (as after an administrator reset). */
  mustChange?: boolean;
  /** Member of `subject.groupDn`. */
  inGroup?: boolean;
}

export interface DirectoryContractSubject {
  /** Shown in the suite title: "slapd (StartTLS, exop)". */
  name: string;
  /** The directory as configured for the suite; `loginAlso` as in the config's directory section. */
  makeDirectory(options?: { loginAlso?: string[] }): DirectoryPort | Promise<DirectoryPort>;
  /** A directory configured for a port where nothing listens. */
  makeUnreachableDirectory(): DirectoryPort | Promise<DirectoryPort>;
  /** A new person with a fresh login; never shared with another test. */
  makePerson(options?: ContractPersonOptions): Promise<ContractPerson>;
  /** Checks a password outside the adapter (a plain bind): true, or false for invalid credentials. */
  canBind(dn: string, password: string): Promise<boolean>;
  /** A password meeting the server's rules, different on each call. */
  strongPassword(): string;
  /** A password the server refuses as too short, and nothing else. */
  tooShortPassword: string;
  /** Failed binds after which the server locks the account. */
  lockoutThreshold: number;
  /**
   * How long after the last failure the lock is sure to be in effect. slapd dates the lock to the
   * second and ignores a lock « in the future » against its coarse clock, which can lag a few ms
   * behind: a bind just after a second boundary then passed (measured: 1 in 150–200).
   */
  lockoutInEffectAfterMs: number;
  /** A group that `makePerson({ inGroup: true })` people belong to. */
  groupDn: string;
  /** Whether an administrative reset to a password of the history is refused (slapd yes, Samba no). */
  resetHonoursHistory: boolean;
}

/** Awaits a rejection and checks it is a PasserelleError with `code`; returns it for more checks. */
export const expectPasserelleError = async (promise: Promise<unknown>, code: ErrorCode) => {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a PasserelleError '${code}', got a result: ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  if (!isPasserelleError(error)) throw new Error(`expected a PasserelleError '${code}', got: ${String(error)}`);
  expect(error.code, `${error.message} ${JSON.stringify(error.context)}`).toBe(code);
  return error;
};

/** Checks a policy refusal carrying exactly one directory violation `violation`. */
export const expectDirectoryViolation = async (promise: Promise<unknown>, violation: string) => {
  const error = await expectPasserelleError(promise, 'policy');
  expect(error.details?.violations).toEqual([{ code: violation, source: 'directory' }]);
};

const asPerson = (person: ContractPerson): Person => ({ dn: person.dn, login: person.login, extra: {} });

export const runDirectoryContract = (subject: DirectoryContractSubject): void => {
  describe(`DirectoryPort contract: ${subject.name}`, () => {
    let directory: DirectoryPort;
    beforeAll(async () => {
      directory = await subject.makeDirectory();
    });
    afterAll(async () => {
      await directory?.close();
    });

    describe('finding people', () => {
      it('finds a person by login and maps names, mail and extra attributes', async () => {
        const made = await subject.makePerson({ firstName: 'Éloïse', lastName: 'Lefèvre-Dupont' });
        const found = await directory.findByLogin(made.login, ['objectClass']);
        expect(found).toMatchObject({ dn: made.dn, login: made.login, firstName: 'Éloïse', lastName: 'Lefèvre-Dupont', mail: made.mail });
        expect(found?.extra.objectClass?.length).toBeGreaterThan(0);
      });

      it('ignores the case of the login', async () => {
        const made = await subject.makePerson();
        expect((await directory.findByLogin(made.login.toUpperCase()))?.dn).toBe(made.dn);
      });

      it('with loginAlso: [mail], finds a person by their address too, their own login winning over another\'s alias', async () => {
        const aliased = await subject.makeDirectory({ loginAlso: ['mail'] });
        try {
          const made = await subject.makePerson();
          expect((await aliased.findByLogin(made.mail!.toUpperCase()))?.login).toBe(made.login);
          expect((await aliased.findByLogin(made.login))?.dn).toBe(made.dn);
          // Someone whose mail attribute holds another person's login: the login's owner is found.
          const other = await subject.makePerson({ mail: made.login });
          expect((await aliased.findByLogin(made.login))?.dn).toBe(made.dn);
          expect((await aliased.findByLogin(other.login))?.dn).toBe(other.dn);
          // Two people behind one family mailbox: the address names nobody.
          const shared = `famille.alias.${Date.now().toString(36)}@laposte.net`;
          await subject.makePerson({ mail: shared });
          await subject.makePerson({ mail: shared });
          expect(await aliased.findByLogin(shared)).toBeNull();
          // Without the setting, an address is not a login.
          expect(await directory.findByLogin(made.mail!)).toBeNull();
        } finally {
          await aliased.close();
        }
      });

      it('finds nobody for an unknown or empty login', async () => {
        expect(await directory.findByLogin('personne-inconnue-0000')).toBeNull();
        expect(await directory.findByLogin('')).toBeNull();
      });

      it('finds nobody with filter-injection logins', async () => {
        const made = await subject.makePerson();
        const attempts = ['*', '*)(uid=*', 'admin)(|(uid=*', '*)(sAMAccountName=*', `${made.login})(|(objectClass=*`, `${made.login}*`, `${made.login.slice(0, 3)}*`, '\\', '(', ')'];
        for (const login of attempts) {
          expect(await directory.findByLogin(login), `login ${JSON.stringify(login)}`).toBeNull();
        }
      });

      it('returns every homonym sharing one mailbox, whatever the case of the address typed', async () => {
        const shared = `famille.martin.${Date.now().toString(36)}@laposte.net`;
        const rene = await subject.makePerson({ firstName: 'René', lastName: 'Martin', mail: shared });
        const rene2 = await subject.makePerson({ firstName: 'Rene', lastName: 'Martin', mail: shared });
        const found = await directory.findCandidates({ mail: shared.toUpperCase(), lastName: 'Martin' });
        expect(found.map((p) => p.dn).sort()).toEqual([rene.dn, rene2.dn].sort());
        expect(found.map((p) => p.firstName).sort()).toEqual(['Rene', 'René']);
      });

      it('finds candidates by login, and none for a wildcard or unknown mail', async () => {
        const made = await subject.makePerson();
        expect((await directory.findCandidates({ login: made.login })).map((p) => p.dn)).toEqual([made.dn]);
        expect(await directory.findCandidates({ mail: '*' })).toEqual([]);
        expect(await directory.findCandidates({ mail: '*@*' })).toEqual([]);
        expect(await directory.findCandidates({ mail: 'personne.inconnue@laposte.net' })).toEqual([]);
        expect(await directory.findCandidates({})).toEqual([]);
      });
    });

    describe('checking a password', () => {
      it('says ok for the right password', async () => {
        const made = await subject.makePerson();
        expect(await directory.verifyPassword(asPerson(made), made.password)).toBe('ok');
      });

      it('refuses a wrong or empty password as invalid credentials', async () => {
        const made = await subject.makePerson();
        await expectPasserelleError(directory.verifyPassword(asPerson(made), `${made.password}x`), 'invalid_credentials');
        await expectPasserelleError(directory.verifyPassword(asPerson(made), ''), 'invalid_credentials');
      });

      it('reports a lock-out after the failures the server allows, even with the right password', async () => {
        const made = await subject.makePerson();
        for (let i = 0; i < subject.lockoutThreshold; i += 1) {
          await expect(directory.verifyPassword(asPerson(made), `faux-${i}`)).rejects.toThrow();
        }
        await new Promise((resolve) => setTimeout(resolve, subject.lockoutInEffectAfterMs));
        await expectPasserelleError(directory.verifyPassword(asPerson(made), made.password), 'account_locked');
      });

      it('says must-change for an expired password, and still refuses a wrong one', async () => {
        const made = await subject.makePerson({ expired: true });
        expect(await directory.verifyPassword(asPerson(made), made.password)).toBe('must-change');
        await expectPasserelleError(directory.verifyPassword(asPerson(made), `${made.password}x`), 'invalid_credentials');
      });

      it('says must-change after a reset that requires a change', async () => {
        const made = await subject.makePerson({ mustChange: true });
        expect(await directory.verifyPassword(asPerson(made), made.password)).toBe('must-change');
      });
    });

    describe("the person's own change", () => {
      it('sets the new password: it binds, the old one no longer does', async () => {
        const made = await subject.makePerson();
        const next = subject.strongPassword();
        await directory.changePassword(asPerson(made), made.password, next, 'ok');
        expect(await subject.canBind(made.dn, next)).toBe(true);
        expect(await subject.canBind(made.dn, made.password)).toBe(false);
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
      });

      it('refuses a wrong current password and writes nothing', async () => {
        const made = await subject.makePerson();
        const next = subject.strongPassword();
        await expectPasserelleError(directory.changePassword(asPerson(made), `${made.password}x`, next, 'ok'), 'invalid_credentials');
        expect(await subject.canBind(made.dn, made.password)).toBe(true);
        expect(await subject.canBind(made.dn, next)).toBe(false);
      });

      it('refuses a password from the history with the directory violation', async () => {
        const made = await subject.makePerson();
        const second = subject.strongPassword();
        await directory.changePassword(asPerson(made), made.password, second, 'ok');
        await expectDirectoryViolation(directory.changePassword(asPerson(made), second, made.password, 'ok'), 'directory_in_history');
        expect(await subject.canBind(made.dn, second)).toBe(true);
      });

      it('refuses the current password as the new one', async () => {
        const made = await subject.makePerson();
        await expectDirectoryViolation(directory.changePassword(asPerson(made), made.password, made.password, 'ok'), 'directory_same_as_current');
      });

      it('refuses a password the directory finds too short', async () => {
        const made = await subject.makePerson();
        await expectDirectoryViolation(directory.changePassword(asPerson(made), made.password, subject.tooShortPassword, 'ok'), 'directory_too_short');
        expect(await subject.canBind(made.dn, made.password)).toBe(true);
      });

      it('lets a person whose password expired change it, with the old password proven', async () => {
        const made = await subject.makePerson({ expired: true });
        const next = subject.strongPassword();
        await expectPasserelleError(directory.changePassword(asPerson(made), `${made.password}x`, next, 'must-change'), 'invalid_credentials');
        await directory.changePassword(asPerson(made), made.password, next, 'must-change');
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
      });

      it('lets a person who must change after a reset change it, and clears the requirement', async () => {
        const made = await subject.makePerson({ mustChange: true });
        const next = subject.strongPassword();
        await directory.changePassword(asPerson(made), made.password, next, 'must-change');
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
      });
    });

    describe('administrative reset', () => {
      it('sets the password without the old one; no change required unless asked', async () => {
        const made = await subject.makePerson();
        const next = subject.strongPassword();
        await directory.resetPassword(asPerson(made), next, { unlock: false, mustChange: false });
        expect(await subject.canBind(made.dn, made.password)).toBe(false);
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
      });

      it('unlocks a locked account when asked', async () => {
        const made = await subject.makePerson();
        for (let i = 0; i < subject.lockoutThreshold; i += 1) {
          await expect(directory.verifyPassword(asPerson(made), `faux-${i}`)).rejects.toThrow();
        }
        await new Promise((resolve) => setTimeout(resolve, subject.lockoutInEffectAfterMs));
        await expectPasserelleError(directory.verifyPassword(asPerson(made), made.password), 'account_locked');
        const next = subject.strongPassword();
        await directory.resetPassword(asPerson(made), next, { unlock: true, mustChange: false });
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
      });

      it('requires a change at next log-in when asked', async () => {
        const made = await subject.makePerson();
        const next = subject.strongPassword();
        await directory.resetPassword(asPerson(made), next, { unlock: true, mustChange: true });
        expect(await directory.verifyPassword(asPerson(made), next)).toBe('must-change');
        const chosen = subject.strongPassword();
        await directory.changePassword(asPerson(made), next, chosen, 'must-change');
        expect(await directory.verifyPassword(asPerson(made), chosen)).toBe('ok');
      });

      it(`${subject.resetHonoursHistory ? 'refuses' : 'accepts'} a reset to a password from the history`, async () => {
        const made = await subject.makePerson();
        const second = subject.strongPassword();
        await directory.changePassword(asPerson(made), made.password, second, 'ok');
        const reset = directory.resetPassword(asPerson(made), made.password, { unlock: true, mustChange: false });
        if (subject.resetHonoursHistory) {
          await expectDirectoryViolation(reset, 'directory_in_history');
          expect(await subject.canBind(made.dn, second)).toBe(true);
        } else {
          await reset;
          expect(await subject.canBind(made.dn, made.password)).toBe(true);
        }
      });
    });

    describe('membership and filters', () => {
      it('tells members of a group from others', async () => {
        const member = await subject.makePerson({ inGroup: true });
        const other = await subject.makePerson();
        expect(await directory.isMemberOf(asPerson(member), subject.groupDn)).toBe(true);
        expect(await directory.isMemberOf(asPerson(other), subject.groupDn)).toBe(false);
        expect(await directory.isMemberOf(asPerson(member), `cn=groupe-inexistant,${subject.groupDn.split(',').slice(1).join(',')}`)).toBe(false);
      });

      it("matches a configured filter against the person's entry", async () => {
        const made = await subject.makePerson();
        expect(await directory.matchesFilter(asPerson(made), '(objectClass=*)')).toBe(true);
        expect(await directory.matchesFilter(asPerson(made), '(mail=personne.inconnue@laposte.net)')).toBe(false);
      });
    });

    describe('availability', () => {
      it('answers ping with the service account', async () => {
        await expect(directory.ping()).resolves.toBeUndefined();
      });

      it('reports an unreachable directory as unavailable, quickly', async () => {
        const unreachable = await subject.makeUnreachableDirectory();
        const started = Date.now();
        try {
          await expectPasserelleError(unreachable.ping(), 'unavailable');
          await expectPasserelleError(unreachable.findByLogin('jdupont'), 'unavailable');
          await expectPasserelleError(unreachable.verifyPassword({ dn: 'uid=x', login: 'x', extra: {} }, 'Mot-de-passe-1!'), 'unavailable');
        } finally {
          await unreachable.close();
        }
        expect(Date.now() - started).toBeLessThan(5_000);
      });
    });
  });
};
