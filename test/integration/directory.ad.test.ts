/**
 * The Active Directory adapter against a real Samba 4.17 AD DC: the shared directory contract over
 * LDAPS and over StartTLS, the fixture people as AD holds them, and each AD answer mapped to what
 * a person or an integrator sees (see ad-writes.ad.test.ts and ad-policy.ad.test.ts for the rest).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActiveDirectory } from '../../src/adapters/active-directory/directory.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { DirectoryPort, Person } from '../../src/ports/directory.ts';
import { fixture } from '../harness/fixtures/people.ts';
import { strongPassword } from '../harness/people.ts';
import { freePort } from '../harness/ports.ts';
import { adDirectoryConfig } from '../harness/samba-config.ts';
import { AD_BIRTH_DATE_ATTRIBUTE, AD_LOCKOUT_THRESHOLD } from '../harness/samba-layout.ts';
import { canBindAd, claimExpiredPerson, createAdPerson, lockAdAccount, readAdAccount } from '../harness/samba-people.ts';
import { expectDirectoryViolation, expectPasserelleError, runDirectoryContract } from './contracts/directory.contract.ts';

const samba = inject('samba');
const logger = createLogger({ level: 'silent' });

const adConfig = (overrides: Record<string, unknown> = {}) => adDirectoryConfig(samba, overrides);

const adSubject = (name: string, overrides: Record<string, unknown>) =>
  runDirectoryContract({
    name,
    makeDirectory: (options = {}) => createActiveDirectory(adConfig({ ...overrides, ...options }), logger),
    makeUnreachableDirectory: async () => createActiveDirectory(adConfig({ ...overrides, url: `ldaps://127.0.0.1:${await freePort()}`, startTls: false }), logger),
    makePerson: async (options = {}) => {
      // AD takes pwdLastSet 0 or -1 only: expired people come from the pool aged in the template.
      if (options.expired) return claimExpiredPerson(samba);
      return createAdPerson(samba, {
        ...(options.firstName ? { firstName: options.firstName } : {}),
        ...(options.lastName ? { lastName: options.lastName } : {}),
        ...(options.mail !== undefined ? { mail: options.mail } : {}),
        mustChange: options.mustChange ?? false,
        groups: options.inGroup ? ['helpdesk'] : [],
      });
    },
    canBind: (dn, password) => canBindAd(samba, dn, password),
    strongPassword,
    // Domain policy: 7 characters minimum, complexity on; this one is complex but 6 long.
    tooShortPassword: 'Ab1!xy',
    lockoutThreshold: AD_LOCKOUT_THRESHOLD,
    lockoutInEffectAfterMs: 0,
    groupDn: samba.groups.helpdesk,
    // Samba neither advertises nor honours the policy-hints control: a reset skips the history.
    resetHonoursHistory: false,
  });

adSubject('Samba AD over ldaps://', {});
adSubject('Samba AD over StartTLS', { url: samba.startTlsUrl, startTls: true });

const asPerson = (person: { dn: string; login: string; displayName?: string }): Person => ({ dn: person.dn, login: person.login, displayName: person.displayName, extra: {} });

describe('Active Directory adapter on the fixture people', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adConfig(), logger);
  });
  afterAll(() => directory.close());

  it('finds sAMAccountNames with digits or an accent, in any case, with their mail and language', async () => {
    expect((await directory.findByLogin('JDUPONT2'))?.firstName).toBe('Jeanne');
    expect((await directory.findByLogin('FBÉRENGER'))?.lastName).toBe('Bérenger');
    expect(await directory.findByLogin('elefevre-dupont')).toMatchObject({ firstName: 'Éloïse', lastName: 'Lefèvre-Dupont', displayName: 'Éloïse Lefèvre-Dupont', language: 'fr' });
    expect((await directory.findByLogin('tnguyen'))?.language).toBe('en');
    expect((await directory.findByLogin('ylegoff'))?.mail).toBeUndefined();
  });

  it('returns the identity-proof attributes: staff number and the birth date kept in a cloud extension attribute', async () => {
    const person = await directory.findByLogin('elefevre-dupont', ['employeeNumber', AD_BIRTH_DATE_ATTRIBUTE]);
    expect(person?.extra).toEqual({ employeeNumber: ['09E0412345ABC'], [AD_BIRTH_DATE_ATTRIBUTE]: ['19840312'] });
  });

  it('finds both Martin homonyms behind the family mailbox, and an upper-case mail by its lower-case form', async () => {
    const martins = await directory.findCandidates({ mail: 'famille.martin@laposte.net' });
    expect(martins.map((p) => [p.login, p.firstName]).sort()).toEqual([['rmartin', 'René'], ['rmartin2', 'Rene']]);
    expect((await directory.findCandidates({ mail: 'agnes.bernard@ac-exemple.fr' })).map((p) => p.mail)).toEqual(['Agnes.BERNARD@AC-EXEMPLE.FR']);
  });

  it('can also find people by userPrincipalName or by mail, as configured', async () => {
    const byUpn = createActiveDirectory(adConfig({ attributes: { login: 'userPrincipalName' } }), logger);
    const byMail = createActiveDirectory(adConfig({ attributes: { login: 'mail' } }), logger);
    try {
      expect((await byUpn.findByLogin('jdupont@ac-exemple.test'))?.login).toBe('jdupont@ac-exemple.test');
      expect(await byUpn.findByLogin('jdupont')).toBeNull();
      expect((await byMail.findByLogin('jean.dupont@ac-exemple.fr'))?.firstName).toBe('Jean');
      // Two people share this mailbox: by mail, nobody is "the" person.
      expect(await byMail.findByLogin('famille.martin@laposte.net')).toBeNull();
    } finally {
      await byUpn.close();
      await byMail.close();
    }
  });

  it('finds « DOMAIN\\login » as people type it at Windows log-ins, for this domain only', async () => {
    expect((await directory.findByLogin('ACEXEMPLE\\jdupont'))?.firstName).toBe('Jean');
    expect((await directory.findByLogin('acexemple\\JDUPONT2'))?.firstName).toBe('Jeanne');
    expect(await directory.findByLogin('POSTES\\jdupont')).toBeNull();
    expect(await directory.findByLogin('ACEXEMPLE\\')).toBeNull();
    expect(await directory.findByLogin('\\jdupont')).toBeNull();
  });

  it('sees the expired, locked, must-change and disabled fixtures for what they are', async () => {
    const expired = fixture('glambert');
    const locked = fixture('smorel');
    const gerard = await directory.findByLogin(expired.login);
    const sylvie = await directory.findByLogin(locked.login);
    expect(await directory.verifyPassword(gerard!, expired.password)).toBe('must-change');
    const lockedError = await expectPasserelleError(directory.verifyPassword(sylvie!, locked.password), 'account_locked');
    expect(lockedError.context?.reason).toBe('locked');
    expect(await directory.verifyPassword((await directory.findByLogin('pmercier'))!, 'Tramontane!Olivier31')).toBe('must-change');
    const disabled = await expectPasserelleError(directory.verifyPassword((await directory.findByLogin('hroux'))!, 'Castor&Rivière62'), 'account_locked');
    expect(disabled.context?.reason).toBe('disabled');
  });

  it('knows nested memberships and the sysadmins of the fixtures', async () => {
    const claire = await directory.findByLogin('cfontaine');
    const mohamed = await directory.findByLogin('mbenali');
    expect(await directory.isMemberOf(claire!, samba.groups.sysadmins)).toBe(true);
    expect(await directory.isMemberOf(mohamed!, samba.groups.sysadmins)).toBe(false);
    expect(await directory.isMemberOf(mohamed!, samba.groups.helpdesk)).toBe(true);
  });
});

describe("AD's refusals, as people and integrators see them", () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adConfig(), logger);
  });
  afterAll(() => directory.close());

  it('too short, not complex enough, already used: one directory violation each, nothing written', async () => {
    const made = await createAdPerson(samba);
    await expectDirectoryViolation(directory.changePassword(asPerson(made), made.password, 'Ab1!xy', 'ok'), 'directory_too_short');
    await expectDirectoryViolation(directory.changePassword(asPerson(made), made.password, 'abcdefghij', 'ok'), 'directory_complexity');
    const second = strongPassword();
    await directory.changePassword(asPerson(made), made.password, second, 'ok');
    await expectDirectoryViolation(directory.changePassword(asPerson(made), second, made.password, 'ok'), 'directory_in_history');
    expect(await canBindAd(samba, made.dn, second)).toBe(true);
  });

  it('a wrong current password is invalid credentials, and AD counts it toward the lock-out', async () => {
    const made = await createAdPerson(samba);
    const error = await expectPasserelleError(directory.changePassword(asPerson(made), `${made.password}x`, strongPassword(), 'ok'), 'invalid_credentials');
    expect(error.context?.adData).toBe('52e');
    // Through the service account (a must-change person), AD's own 00000056 is the answer.
    const expired = claimExpiredPerson(samba);
    const viaService = await expectPasserelleError(directory.changePassword(asPerson(expired), `${expired.password}x`, strongPassword(), 'must-change'), 'invalid_credentials');
    expect(viaService.context?.diagnostic).toMatch(/^00000056/);
    expect((await readAdAccount(samba, expired.dn)).badPwdCount).toBeGreaterThan(0);
  });

  it('locked after the failed log-ons AD allows, even with the right password, until reset with unlock', async () => {
    const made = await createAdPerson(samba);
    await lockAdAccount(samba, made.dn);
    const error = await expectPasserelleError(directory.verifyPassword(asPerson(made), made.password), 'account_locked');
    expect([error.context?.reason, error.context?.adData]).toEqual(['locked', '775']);
    await expectPasserelleError(directory.changePassword(asPerson(made), made.password, strongPassword(), 'ok'), 'account_locked');
  });

  it('disabled: account_locked with reason disabled for the right password, invalid credentials for a wrong one, and no reset', async () => {
    const made = await createAdPerson(samba, { disabled: true });
    const error = await expectPasserelleError(directory.verifyPassword(asPerson(made), made.password), 'account_locked');
    expect([error.context?.reason, error.context?.adData]).toEqual(['disabled', '533']);
    await expectPasserelleError(directory.verifyPassword(asPerson(made), `${made.password}x`), 'invalid_credentials');
    const before = await readAdAccount(samba, made.dn);
    const reset = await expectPasserelleError(directory.resetPassword(asPerson(made), strongPassword(), { unlock: true, mustChange: false }), 'account_locked');
    expect(reset.context?.reason).toBe('disabled');
    expect((await readAdAccount(samba, made.dn)).pwdLastSet).toBe(before.pwdLastSet);
  });
});
