/**
 * Password writes on Samba AD beyond the shared contract: people who must change or whose password
 * expired change it here and the flag ends cleared; the reset options; protected accounts and
 * missing rights refused for good; the write the sync engine reuses, into a second domain (the
 * workstations', on 127.0.0.3); and what Samba does with the policy-hints control.
 */
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActiveDirectory } from '../../src/adapters/active-directory/directory.ts';
import { translateAdError } from '../../src/adapters/active-directory/errors.ts';
import { advertisedPolicyHints, encodeUnicodePwd, POLICY_HINTS_OID, resetAdPassword } from '../../src/adapters/active-directory/write.ts';
import { createLdapPool, type LdapPool } from '../../src/adapters/ldap/pool.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { DirectoryPort, Person } from '../../src/ports/directory.ts';
import { fixture } from '../harness/fixtures/people.ts';
import { strongPassword } from '../harness/people.ts';
import { WORKSTATION_DOMAIN, adOnlyPeople } from '../harness/samba-layout.ts';
import {
  canBindAd, claimExpiredPerson, connectAd, createAdPerson, createProtectedAdPerson, lockAdAccount, readAdAccount, withAdAdmin,
} from '../harness/samba-people.ts';
import { adDirectoryConfig } from '../harness/samba-config.ts';
import { startSambaAd, type SambaHandle, type SambaInfo } from '../harness/samba.ts';
import { expectPasserelleError } from './contracts/directory.contract.ts';

const samba = inject('samba');
const logger = createLogger({ level: 'silent' });
const adConfig = () => adDirectoryConfig(samba);
const asPerson = (person: { dn: string; login: string }): Person => ({ dn: person.dn, login: person.login, extra: {} });
const noFlags = { unlock: false, mustChange: false };

/** A service-account pool on any test DC, as the sync engine's AD target would open one. */
const servicePool = (dc: SambaInfo): LdapPool =>
  createLdapPool(
    { url: dc.url, startTls: false, caFile: dc.caFile, tlsServerName: dc.tlsServerName, rejectUnauthorized: true, timeoutMs: 5000, connectTimeoutMs: 2000, bindDn: dc.service.dn, bindPassword: dc.service.password, poolSize: 1 },
    logger,
  );

describe('people who must change their password, or whose password expired, change it here', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adConfig(), logger);
  });
  afterAll(() => directory.close());

  it('must change at next log-on (pwdLastSet 0): changed through the service account, the flag ends cleared', async () => {
    const made = await createAdPerson(samba, { mustChange: true });
    expect((await readAdAccount(samba, made.dn)).mustChange).toBe(true);
    const check = await directory.verifyPassword(asPerson(made), made.password);
    expect(check).toBe('must-change');
    const next = strongPassword();
    await directory.changePassword(asPerson(made), made.password, next, check);
    const after = await readAdAccount(samba, made.dn);
    expect(after.mustChange).toBe(false);
    expect(after.pwdLastSet).not.toBe('-1');
    expect(await directory.verifyPassword(asPerson(made), next)).toBe('ok');
    expect(await canBindAd(samba, made.dn, made.password)).toBe(false);
  });

  it('expired (data 532): the change still checks the history, then the password is no longer expired', async () => {
    const expired = claimExpiredPerson(samba);
    expect(await directory.verifyPassword(asPerson(expired), expired.password)).toBe('must-change');
    const error = await expectPasserelleError(directory.changePassword(asPerson(expired), expired.password, expired.password, 'must-change'), 'policy');
    expect(error.details?.violations).toEqual([{ code: 'directory_same_as_current', source: 'directory' }]);
    const next = strongPassword();
    await directory.changePassword(asPerson(expired), expired.password, next, 'must-change');
    expect(await directory.verifyPassword(asPerson(expired), next)).toBe('ok');
  });

  it('the must-change fixture is seen as such (and left untouched)', async () => {
    const pauline = adOnlyPeople.find((p) => p.login === 'pmercier')!;
    const found = await directory.findByLogin(pauline.login);
    expect(await directory.verifyPassword(found!, pauline.password)).toBe('must-change');
  });
});

describe('administrative reset options', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adConfig(), logger);
  });
  afterAll(() => directory.close());

  it('unlock: lockoutTime 0 clears the lock-out; without it the account stays locked', async () => {
    const kept = await createAdPerson(samba);
    const freed = await createAdPerson(samba);
    await lockAdAccount(samba, kept.dn);
    await lockAdAccount(samba, freed.dn);
    const keptPassword = strongPassword();
    const freedPassword = strongPassword();
    await directory.resetPassword(asPerson(kept), keptPassword, noFlags);
    await directory.resetPassword(asPerson(freed), freedPassword, { unlock: true, mustChange: false });
    expect((await readAdAccount(samba, kept.dn)).locked).toBe(true);
    await expectPasserelleError(directory.verifyPassword(asPerson(kept), keptPassword), 'account_locked');
    expect(await readAdAccount(samba, freed.dn)).toMatchObject({ locked: false, badPwdCount: 0 });
    expect(await directory.verifyPassword(asPerson(freed), freedPassword)).toBe('ok');
  });

  it('mustChange: pwdLastSet 0 set with the password; without it a pending requirement is lifted', async () => {
    const made = await createAdPerson(samba);
    const next = strongPassword();
    await directory.resetPassword(asPerson(made), next, { unlock: true, mustChange: true });
    expect((await readAdAccount(samba, made.dn)).mustChange).toBe(true);
    expect(await directory.verifyPassword(asPerson(made), next)).toBe('must-change');
    const again = strongPassword();
    await directory.resetPassword(asPerson(made), again, noFlags);
    expect((await readAdAccount(samba, made.dn)).mustChange).toBe(false);
    expect(await directory.verifyPassword(asPerson(made), again)).toBe('ok');
  });
});

describe('refusals that no retry will fix', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adConfig(), logger);
  });
  afterAll(() => directory.close());

  it('a protected account (adminCount=1) is refused as such, before anything is written', async () => {
    const admin = adOnlyPeople.find((p) => p.login === 'adm-cfontaine')!;
    const found = await directory.findByLogin(admin.login);
    const before = await readAdAccount(samba, found!.dn);
    expect(before.adminCount).toBe('1');
    const error = await expectPasserelleError(directory.resetPassword(found!, strongPassword(), { unlock: true, mustChange: false }), 'write_refused');
    expect([error.retry, error.context?.reason]).toEqual([false, 'protected_account']);
    expect(await canBindAd(samba, found!.dn, admin.password)).toBe(true);
  });

  it('AD itself refuses the delegated reset of a protected account (50), reported the same way', async () => {
    const made = await createProtectedAdPerson(samba);
    const pool = servicePool(samba);
    try {
      const raw = await pool.asService((client) => client.modify(made.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(strongPassword())] }) })))
        .then(() => undefined, (reason: unknown) => reason);
      expect((raw as { code?: number }).code).toBe(50);
      const mapped = translateAdError(raw, { operation: 'reset', dn: made.dn, protectedAccount: true });
      expect([mapped.code, mapped.retry, mapped.context?.reason]).toEqual(['write_refused', false, 'protected_account']);
    } finally {
      await pool.close();
    }
    // The person's own change with the old password still works (Change Password for Everyone).
    const next = strongPassword();
    await directory.changePassword(asPerson(made), made.password, next, 'ok');
    expect(await canBindAd(samba, made.dn, next)).toBe(true);
  });

  it('an account outside the delegated OU: write_refused for insufficient rights, nothing written', async () => {
    const login = `hors${Date.now().toString(36)}`;
    const dn = `CN=${login},CN=Users,${samba.baseDn}`;
    const password = strongPassword();
    await withAdAdmin(samba, (client) =>
      client.add(dn, [
        new Attribute({ type: 'objectClass', values: ['top', 'person', 'organizationalPerson', 'user'] }),
        new Attribute({ type: 'sAMAccountName', values: [login] }),
        new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(password)] }),
        new Attribute({ type: 'userAccountControl', values: ['512'] }),
      ]),
    );
    const error = await expectPasserelleError(directory.resetPassword({ dn, login, extra: {} }, strongPassword(), noFlags), 'write_refused');
    expect([error.retry, error.context?.reason, error.context?.ldapCode]).toEqual([false, 'insufficient_rights', 50]);
    expect(await canBindAd(samba, dn, password)).toBe(true);
  });
});

describe('the write the sync engine reuses, into a second domain (workstations, 127.0.0.3 or next free)', () => {
  let workstations: SambaHandle;
  let pool: LdapPool;
  // The first run on a machine (or after a change to the seed) builds this domain's template:
  // ≈ 20 s alone, minutes on a loaded machine while another process holds the build lock.
  beforeAll(async () => {
    workstations = await startSambaAd({ domain: WORKSTATION_DOMAIN });
    pool = servicePool(workstations.info());
  }, 300_000);
  afterAll(async () => {
    await pool?.close();
    await workstations?.destroy();
  });

  it('resets a person of the other domain with the same options and the same error mapping', async () => {
    expect(workstations.realm).toBe('POSTES.AC-EXEMPLE.TEST');
    const person = await createAdPerson(workstations.info());
    await lockAdAccount(workstations.info(), person.dn);
    const next = strongPassword();
    await pool.asService((client) => resetAdPassword(client, person.dn, next, { unlock: true, mustChange: false }));
    expect(await canBindAd(workstations.info(), person.dn, next)).toBe(true);

    const tooShort = await pool.asService((client) => resetAdPassword(client, person.dn, 'Ab1!', noFlags)).catch((e: unknown) => e);
    expect(tooShort).toMatchObject({ code: 'policy', retry: false, details: { violations: [{ code: 'directory_too_short', source: 'directory' }] } });
    const missing = await pool.asService((client) => resetAdPassword(client, `CN=Personne,${workstations.peopleBase}`, next, noFlags)).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'write_refused', retry: false, context: { reason: 'no_such_entry' } });
    const jean = fixture('jdupont');
    const jeanDn = `CN=${jean.displayName},${workstations.peopleBase}`;
    await pool.asService((client) => resetAdPassword(client, jeanDn, next, { unlock: false, mustChange: true }));
    expect((await readAdAccount(workstations.info(), jeanDn)).mustChange).toBe(true);
    // The academy's DC still has Jean's own password: two domains, two passwords.
    expect(await canBindAd(samba, `CN=${jean.displayName},${samba.peopleBase}`, jean.password)).toBe(true);
  });

  it('Samba advertises no policy-hints control; sent anyway (non-critical) it is ignored and history is not checked', async () => {
    expect(await pool.asService((client) => advertisedPolicyHints(client))).toBeUndefined();
    const person = await createAdPerson(workstations.info());
    const connection = connectAd(workstations.info());
    try {
      await connection.bind(person.dn, person.password);
      const second = strongPassword();
      await connection.modify(person.dn, [
        new Change({ operation: 'delete', modification: new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(person.password)] }) }),
        new Change({ operation: 'add', modification: new Attribute({ type: 'unicodePwd', values: [encodeUnicodePwd(second)] }) }),
      ]);
    } finally {
      await connection.unbind().catch(() => undefined);
    }
    await pool.asService((client) => resetAdPassword(client, person.dn, person.password, { ...noFlags, policyHints: POLICY_HINTS_OID }));
    expect(await canBindAd(workstations.info(), person.dn, person.password)).toBe(true);
  });
});
