/**
 * The OpenLDAP adapter against real slapd: the directory contract twice (StartTLS + Password
 * Modify exop, and ldaps:// + userPassword modify), the messy fixtures, then a private slapd
 * that is stopped and restarted under the adapter, and TLS set up wrongly on purpose.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenLdapDirectory } from '../../src/adapters/openldap/directory.ts';
import type { OpenLdapConfig } from '../../src/config/directory.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { DirectoryPort } from '../../src/ports/directory.ts';
import { testConfig, type DeepPartial } from '../harness/config.ts';
import { fixture, GROUPS } from '../harness/index.ts';
import { canBind, createPerson, strongPassword } from '../harness/people.ts';
import { freePort } from '../harness/ports.ts';
import { startSlapd, type SlapdHandle, type SlapdInfo } from '../harness/slapd.ts';
import { makeCertificates } from '../harness/tls.ts';
import { expectPasserelleError, runDirectoryContract } from './contracts/directory.contract.ts';

const servers = inject('servers');
const logger = createLogger({ level: 'silent' });

/** The adapter's config for a slapd, as testConfig builds it, with directory overrides. */
const directoryConfig = (slapd: SlapdInfo, overrides: DeepPartial<OpenLdapConfig> = {}): OpenLdapConfig => {
  const { directory } = testConfig({ slapd, redis: servers.redis }, { directory: overrides });
  if (directory.kind !== 'openldap') throw new Error('testConfig must give an openldap directory');
  return directory;
};

const slapdSubject = (name: string, overrides: DeepPartial<OpenLdapConfig>) =>
  runDirectoryContract({
    name,
    makeDirectory: (options = {}) => createOpenLdapDirectory(directoryConfig(servers.slapd, { ...overrides, ...options }), logger),
    makeUnreachableDirectory: async () =>
      createOpenLdapDirectory(directoryConfig(servers.slapd, { ...overrides, url: `ldap://127.0.0.1:${await freePort()}`, startTls: false }), logger),
    makePerson: (options = {}) =>
      createPerson(servers.slapd, {
        ...(options.firstName ? { firstName: options.firstName } : {}),
        ...(options.lastName ? { lastName: options.lastName } : {}),
        ...(options.mail !== undefined ? { mail: options.mail } : {}),
        expired: options.expired ?? false,
        mustChange: options.mustChange ?? false,
        groups: options.inGroup ? ['helpdesk'] : [],
      }),
    canBind: (dn, password) => canBind(servers.slapd.url, dn, password, servers.slapd.caFile),
    strongPassword,
    // The default ppolicy has pwdMinLength 8 (counted in bytes).
    tooShortPassword: 'Ab1!xyz',
    lockoutThreshold: 5,
    lockoutInEffectAfterMs: 1100,
    groupDn: GROUPS.helpdesk,
    resetHonoursHistory: true,
  });

slapdSubject('slapd over StartTLS, Password Modify exop', {});
slapdSubject('slapd over ldaps://, userPassword modify', { url: servers.slapd.ldapsUrl, startTls: false, passwordWrite: 'modify' });

describe('OpenLDAP adapter on the fixture people', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createOpenLdapDirectory(directoryConfig(servers.slapd), logger);
  });
  afterAll(() => directory.close());

  it('finds logins with digits or an accent, in any case', async () => {
    expect((await directory.findByLogin('JDUPONT2'))?.firstName).toBe('Jeanne');
    expect((await directory.findByLogin('FBÉRENGER'))?.dn).toBe(fixture('fbérenger').dn);
    expect((await directory.findByLogin('elefevre-dupont'))).toMatchObject({ firstName: 'Éloïse', lastName: 'Lefèvre-Dupont', language: 'fr' });
  });

  it('returns the identity-proof attributes asked for', async () => {
    const person = await directory.findByLogin('elefevre-dupont', ['employeeNumber', 'birthDate']);
    expect(person?.extra).toEqual({ employeeNumber: ['09E0412345ABC'], birthDate: ['19840312'] });
  });

  it('finds both Martin homonyms behind the family mailbox, and an upper-case mail by its lower-case form', async () => {
    const martins = await directory.findCandidates({ mail: 'famille.martin@laposte.net' });
    expect(martins.map((p) => p.login).sort()).toEqual(['rmartin', 'rmartin2']);
    const agnes = await directory.findCandidates({ mail: 'agnes.bernard@ac-exemple.fr' });
    expect(agnes.map((p) => [p.login, p.mail])).toEqual([['abernard', 'Agnes.BERNARD@AC-EXEMPLE.FR']]);
  });

  it('maps a person without mail and an English speaker', async () => {
    expect((await directory.findByLogin('ylegoff'))?.mail).toBeUndefined();
    expect((await directory.findByLogin('tnguyen'))?.language).toBe('en');
  });

  it('sees the expired and the locked fixtures for what they are', async () => {
    const expired = fixture('glambert');
    const locked = fixture('smorel');
    expect(await directory.verifyPassword({ dn: expired.dn, login: expired.login, extra: {} }, expired.password)).toBe('must-change');
    await expectPasserelleError(directory.verifyPassword({ dn: locked.dn, login: locked.login, extra: {} }, locked.password), 'account_locked');
  });

  it("reads the rules of a person's own ppolicy entry; the default policy is not visible", async () => {
    const expired = fixture('glambert');
    const jean = fixture('jdupont');
    expect(await directory.readPolicy({ dn: expired.dn, login: expired.login, extra: {} })).toEqual({ minLength: 8, historyLength: 5 });
    expect(await directory.readPolicy({ dn: jean.dn, login: jean.login, extra: {} })).toEqual({});
    expect(await directory.readPolicy()).toEqual({});
  });

  it('knows the sysadmin and the help desk', async () => {
    const claire = fixture('cfontaine');
    const mohamed = fixture('mbenali');
    expect(await directory.isMemberOf({ dn: claire.dn, login: claire.login, extra: {} }, GROUPS.sysadmins)).toBe(true);
    expect(await directory.isMemberOf({ dn: mohamed.dn, login: mohamed.login, extra: {} }, GROUPS.sysadmins)).toBe(false);
    expect(await directory.isMemberOf({ dn: mohamed.dn, login: mohamed.login, extra: {} }, GROUPS.helpdesk)).toBe(true);
  });

  it('serves many requests at once on its pooled connections', async () => {
    const logins = ['jdupont', 'jdupont2', 'rmartin', 'abernard', 'cfontaine', 'mbenali', 'tnguyen', 'ylegoff'];
    const found = await Promise.all([...logins, ...logins, ...logins].map((login) => directory.findByLogin(login)));
    expect(found.map((p) => p?.login)).toEqual([...logins, ...logins, ...logins]);
    const jean = fixture('jdupont');
    const checks = await Promise.all(Array.from({ length: 12 }, () => directory.verifyPassword({ dn: jean.dn, login: jean.login, extra: {} }, jean.password)));
    expect(new Set(checks)).toEqual(new Set(['ok']));
  });
});

describe('OpenLDAP adapter when slapd goes away and comes back (private slapd)', () => {
  let slapd: SlapdHandle;
  let directory: DirectoryPort;
  beforeAll(async () => {
    // 'stats' logs one "ACCEPT" line per TCP connection: what the reuse test counts.
    slapd = await startSlapd({ debug: 'stats' });
    directory = createOpenLdapDirectory(directoryConfig(slapd.info(), { timeoutMs: 2000, connectTimeoutMs: 1000 }), logger);
  });
  const acceptedConnections = () => readFileSync(slapd.logFile, 'utf8').match(/ ACCEPT from /g)?.length ?? 0;

  it('reuses its connections instead of a TCP + TLS handshake per request', async () => {
    const person = await createPerson(slapd);
    const asPerson = { dn: person.dn, login: person.login, extra: {} };
    const round = async () => {
      for (let i = 0; i < 10; i += 1) {
        await directory.findByLogin(person.login);
        await directory.verifyPassword(asPerson, person.password);
      }
    };
    const atStart = acceptedConnections();
    await round(); // opens the service connections (pool size 4) and one person connection
    const afterFirstRound = acceptedConnections();
    expect(afterFirstRound - atStart).toBeLessThanOrEqual(4 + 1);
    await round();
    expect(acceptedConnections() - afterFirstRound).toBe(0);
  });
  afterAll(async () => {
    await directory?.close();
    await slapd?.destroy();
  });

  it('closes at once even when slapd has gone away under its pooled connections', async () => {
    const person = await createPerson(slapd);
    const other = createOpenLdapDirectory(directoryConfig(slapd.info()), logger);
    await Promise.all([other.findByLogin(person.login), other.verifyPassword({ dn: person.dn, login: person.login, extra: {} }, person.password)]);
    await slapd.stop();
    try {
      const started = Date.now();
      await other.close();
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await slapd.start();
    }
  });

  it('answers unavailable while slapd is stopped, then works again on the same adapter', async () => {
    const person = await createPerson(slapd);
    const asPerson = { dn: person.dn, login: person.login, extra: {} };
    expect((await directory.findByLogin(person.login))?.dn).toBe(person.dn);
    expect(await directory.verifyPassword(asPerson, person.password)).toBe('ok');

    await slapd.stop();
    const started = Date.now();
    await expectPasserelleError(directory.findByLogin(person.login), 'unavailable');
    await expectPasserelleError(directory.verifyPassword(asPerson, person.password), 'unavailable');
    await expectPasserelleError(directory.resetPassword(asPerson, strongPassword(), { unlock: false, mustChange: false }), 'unavailable');
    await expectPasserelleError(directory.ping(), 'unavailable');
    // At once, not after the 2 s operation timeout: the pool noticed the closed connections.
    expect(Date.now() - started).toBeLessThan(1_500);

    await slapd.start();
    expect((await directory.findByLogin(person.login))?.dn).toBe(person.dn);
    expect(await directory.verifyPassword(asPerson, person.password)).toBe('ok');
    const next = strongPassword();
    await directory.changePassword(asPerson, person.password, next, 'ok');
    expect(await canBind(slapd.url, person.dn, next)).toBe(true);
  });
});

describe('OpenLDAP adapter TLS checks', () => {
  let otherCaDir: string;
  let otherCa: string;
  beforeAll(() => {
    otherCaDir = mkdtempSync(join(tmpdir(), 'passerelle-other-ca-'));
    otherCa = makeCertificates(otherCaDir).caFile;
  });
  afterAll(() => rmSync(otherCaDir, { recursive: true, force: true }));

  it('refuses a server certificate signed by another CA, over StartTLS and ldaps://', async () => {
    for (const overrides of [{ caFile: otherCa }, { caFile: otherCa, url: servers.slapd.ldapsUrl, startTls: false }]) {
      const directory = createOpenLdapDirectory(directoryConfig(servers.slapd, overrides), logger);
      try {
        const error = await expectPasserelleError(directory.ping(), 'unavailable');
        expect(String(error.context?.reason)).toMatch(/certificate/i);
      } finally {
        await directory.close();
      }
    }
  });

  it('checks the certificate against tlsServerName when given', async () => {
    const good = createOpenLdapDirectory(directoryConfig(servers.slapd, { tlsServerName: 'localhost' }), logger);
    const bad = createOpenLdapDirectory(directoryConfig(servers.slapd, { tlsServerName: 'ldap.ailleurs.example' }), logger);
    try {
      await expect(good.ping()).resolves.toBeUndefined();
      await expectPasserelleError(bad.ping(), 'unavailable');
    } finally {
      await good.close();
      await bad.close();
    }
  });
});
