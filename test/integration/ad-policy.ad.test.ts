/**
 * The password policy of the Samba AD domain as Passerelle reads it (domain and fine-grained, held
 * against what samba-tool says), the Windows-style pre-check held against what Samba accepts,
 * nested groups, the minimum age, and the refusal of a plain-LDAP configuration.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Attribute, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActiveDirectory } from '../../src/adapters/active-directory/directory.ts';
import { ConfigError, parseConfig } from '../../src/config/load.ts';
import { isPasserelleError } from '../../src/errors.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { checkAdPassword } from '../../src/policy/active-directory.ts';
import type { DirectoryPort, Person } from '../../src/ports/directory.ts';
import { rawTestConfig } from '../harness/config.ts';
import { strongPassword } from '../harness/people.ts';
import { adDirectoryConfig, rawAdDirectory } from '../harness/samba-config.ts';
import { AD_SYSADMIN_POLICY } from '../harness/samba-layout.ts';
import { claimExpiredPerson, createAdGroup, createAdPerson, withAdAdmin } from '../harness/samba-people.ts';
import { expectDirectoryViolation } from './contracts/directory.contract.ts';

const samba = inject('samba');
const servers = inject('servers');
const logger = createLogger({ level: 'silent' });
const asPerson = (person: { dn: string; login: string; displayName?: string }): Person => ({ dn: person.dn, login: person.login, displayName: person.displayName, extra: {} });

/** `samba-tool domain passwordsettings show` (or `pso show <name>`) on the running DC's database, as figures. */
const sambaToolPolicy = (...command: string[]) => {
  const text = execFileSync('samba-tool', ['domain', 'passwordsettings', ...command, '-H', join(samba.dataDir, 'private', 'sam.ldb')], { encoding: 'utf8' });
  const figure = (label: string) => Number(new RegExp(`^${label}: (\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    complexity: /^Password complexity: on/m.test(text),
    historyLength: figure('Password history length'),
    minLength: figure('Minimum password length'),
    minAgeSeconds: figure('Minimum password age \\(days\\)') * 86_400,
    maxAgeSeconds: figure('Maximum password age \\(days\\)') * 86_400,
    lockoutThreshold: figure('Account lockout threshold \\(attempts\\)'),
  };
};

describe('the policy Passerelle reads from AD', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adDirectoryConfig(samba), logger);
  });
  afterAll(() => directory.close());

  it("the domain's figures are the ones samba-tool set", async () => {
    const policy = await directory.readPolicy();
    expect(policy).toMatchObject({ ...sambaToolPolicy('show'), source: 'domain' });
    expect(policy).toMatchObject({ minLength: 7, complexity: true, historyLength: 24 });
  });

  it("a sysadmin gets the fine-grained policy of the sysadmins group, an expired person the one-day one", async () => {
    const claire = await directory.findByLogin('cfontaine');
    const sysadmin = await directory.readPolicy(claire!);
    expect(sysadmin).toMatchObject({ ...sambaToolPolicy('pso', 'show', AD_SYSADMIN_POLICY.name), minLength: 14 });
    expect(String((sysadmin as { source?: string }).source)).toMatch(/^CN=PSO-Administrateurs,CN=Password Settings Container/);
    const expired = claimExpiredPerson(samba);
    expect(await directory.readPolicy(asPerson(expired))).toMatchObject({ maxAgeSeconds: 86_400 });
    const jean = await directory.findByLogin('jdupont');
    expect(await directory.readPolicy(jean!)).toMatchObject({ minLength: 7, source: 'domain' });
  });

  it('the pre-check on the sysadmin policy and Samba agree on a 13-character password', async () => {
    const made = await createAdPerson(samba, { groups: ['sysadmins'] });
    const policy = await directory.readPolicy(asPerson(made));
    const thirteen = 'Court!Mot2026';
    expect(checkAdPassword(thirteen, policy as { minLength: number; complexity: boolean }).map((v) => v.code)).toEqual(['directory_too_short']);
    await expectDirectoryViolation(directory.resetPassword(asPerson(made), thirteen, { unlock: true, mustChange: false }), 'directory_too_short');
    await directory.resetPassword(asPerson(made), `${thirteen}x`, { unlock: true, mustChange: false });
  });
});

describe('the Windows-style pre-check next to what Samba accepts', () => {
  let directory: DirectoryPort;
  let person: Person;
  beforeAll(async () => {
    directory = createActiveDirectory(adDirectoryConfig(samba), logger);
    const made = await createAdPerson(samba, { firstName: 'Camille', lastName: 'Essai' });
    person = asPerson(made);
  });
  afterAll(() => directory.close());

  /** Samba's verdict on an administrative reset (length and complexity; resets skip the history on Samba). */
  const sambaVerdict = async (password: string): Promise<string[]> =>
    directory.resetPassword(person, password, { unlock: true, mustChange: false }).then(
      () => [],
      (error: unknown) => {
        if (isPasserelleError(error) && error.code === 'policy') return (error.details?.violations ?? []).map((v) => v.code);
        throw error;
      },
    );

  // [password, what Samba says, what the pre-check says]
  const agreed: [string, string[], string[]][] = [
    ['Orage!Pivoine73', [], []],
    ['mésange-tilleul-84', [], []],
    ['Éloïse2026', [], []],
    ['ПАРОЛЬ-2026', [], []],
    ['東京Tokyo2026', [], []],
    ['Ab1!xy', ['directory_too_short'], ['directory_too_short']],
    ['abc', ['directory_too_short'], ['directory_too_short', 'directory_complexity']],
    ['abcdefghij', ['directory_complexity'], ['directory_complexity']],
    ['ABCDEFGH12', ['directory_complexity'], ['directory_complexity']],
    ['Sécurité', ['directory_complexity'], ['directory_complexity']],
    ['abcd efgh 12', ['directory_complexity'], ['directory_complexity']],
  ];
  it.each(agreed)('%s: Samba %j, pre-check %j', async (password, bySamba, precheck) => {
    expect(await sambaVerdict(password)).toEqual(bySamba);
    expect(checkAdPassword(password, { minLength: 7, complexity: true }, { accountName: person.login, displayName: person.displayName }).map((v) => v.code)).toEqual(precheck);
  });

  it('where Windows is stricter than Samba, the pre-check follows Windows: the login, a name, € as a category', async () => {
    const differences: [string, string][] = [
      [`${person.login}!Aa1`, 'directory_contains_login'],
      ['Camille!Pivoine7', 'directory_contains_name'],
      ['abcdefg1€', 'directory_complexity'],
    ];
    for (const [password, windows] of differences) {
      expect(await sambaVerdict(password), password).toEqual([]);
      expect(checkAdPassword(password, { minLength: 7, complexity: true }, { accountName: person.login, displayName: person.displayName }).map((v) => v.code), password).toEqual([windows]);
    }
  });
});

describe('memberships, minimum age, encryption', () => {
  let directory: DirectoryPort;
  beforeAll(() => {
    directory = createActiveDirectory(adDirectoryConfig(samba), logger);
  });
  afterAll(() => directory.close());

  it('counts nested groups (LDAP_MATCHING_RULE_IN_CHAIN)', async () => {
    const member = await createAdPerson(samba);
    const other = await createAdPerson(samba);
    const suffix = Date.now().toString(36);
    const inner = await createAdGroup(samba, `equipe-${suffix}`, [member.dn]);
    const outer = await createAdGroup(samba, `service-${suffix}`, [inner]);
    expect(await directory.isMemberOf(asPerson(member), outer)).toBe(true);
    expect(await directory.isMemberOf(asPerson(member), inner)).toBe(true);
    expect(await directory.isMemberOf(asPerson(other), outer)).toBe(false);
  });

  it('a change too soon after the last one (minimum age of a fine-grained policy) is directory_too_young', async () => {
    const made = await createAdPerson(samba);
    const suffix = Date.now().toString(36);
    const group = await createAdGroup(samba, `age-min-${suffix}`, [made.dn]);
    const pso = `CN=PSO-age-${suffix},${samba.passwordSettings}`;
    await withAdAdmin(samba, (client) =>
      client.add(pso, Object.entries({
        objectClass: ['top', 'msDS-PasswordSettings'], 'msDS-PasswordSettingsPrecedence': '5', 'msDS-PasswordReversibleEncryptionEnabled': 'FALSE',
        'msDS-PasswordHistoryLength': '24', 'msDS-PasswordComplexityEnabled': 'TRUE', 'msDS-MinimumPasswordLength': '7',
        'msDS-MinimumPasswordAge': '-864000000000', 'msDS-MaximumPasswordAge': '-9223372036854775808', 'msDS-LockoutThreshold': '0',
        'msDS-LockoutObservationWindow': '-18000000000', 'msDS-LockoutDuration': '-18000000000', 'msDS-PSOAppliesTo': group,
      }).map(([type, value]) => new Attribute({ type, values: Array.isArray(value) ? value : [value] }))),
    );
    try {
      expect(await directory.readPolicy(asPerson(made))).toMatchObject({ minAgeSeconds: 86_400 });
      await expectDirectoryViolation(directory.changePassword(asPerson(made), made.password, strongPassword(), 'ok'), 'directory_too_young');
    } finally {
      await withAdAdmin(samba, (client) => client.del(pso));
    }
  });

  it('refuses a plain-LDAP configuration, naming directory.url; AD itself refuses the clear bind', async () => {
    const raw = { ...rawTestConfig({ slapd: servers.slapd, redis: servers.redis }), directory: rawAdDirectory(samba, { url: samba.startTlsUrl, startTls: false }) };
    const problems = (() => {
      try {
        parseConfig(raw, 'test');
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
    })();
    expect(problems).toEqual([expect.stringMatching(/^directory\.url: Active Directory only accepts password writes over LDAPS or StartTLS/)]);
    // Why: Samba answers a simple bind on a clear connection with 8, strongAuthRequired.
    const clear = new Client({ url: samba.startTlsUrl, timeout: 5000, connectTimeout: 2000 });
    try {
      await expect(clear.bind(samba.service.dn, samba.service.password)).rejects.toMatchObject({ code: 8, message: expect.stringMatching(/Transport encryption required/) });
    } finally {
      await clear.unbind().catch(() => undefined);
    }
    // With StartTLS it is accepted.
    const startTls = createActiveDirectory(adDirectoryConfig(samba, { url: samba.startTlsUrl, startTls: true }), logger);
    try {
      await expect(startTls.ping()).resolves.toBeUndefined();
    } finally {
      await startTls.close();
    }
  });
});
