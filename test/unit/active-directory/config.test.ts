/**
 * The Active Directory directory section: plain LDAP refused with a message naming directory.url,
 * and the AD presets filled in as data.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load.ts';
import { rawTestConfig } from '../../harness/config.ts';

const servers = {
  slapd: { url: 'ldap://127.0.0.1:1389', caFile: '/dev/null', service: { dn: 'cn=x', password: 'x' }, peopleBase: 'ou=people,dc=example,dc=org' },
  redis: { url: 'redis://127.0.0.1:1' },
};
/** The test config with its directory section replaced (not merged) by an AD one. */
const ad = (directory: Record<string, unknown>) => ({
  ...rawTestConfig(servers),
  directory: {
    kind: 'active-directory', url: 'ldaps://127.0.0.2:636',
    bindDn: 'CN=passerelle,OU=Services,DC=ac-exemple,DC=test', bindPassword: 'secret',
    base: 'OU=Personnels,DC=ac-exemple,DC=test', ...directory,
  },
});
const problems = (raw: unknown): string[] => {
  try {
    parseConfig(raw, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('directory.kind: active-directory', () => {
  it('refuses plain ldap:// without StartTLS, naming directory.url and both ways out', () => {
    const found = problems(ad({ url: 'ldap://dc1.ac-exemple.test' }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^directory\.url: Active Directory only accepts password writes over LDAPS or StartTLS/);
    expect(found[0]).toContain('ldaps://');
    expect(found[0]).toContain('startTls: true');
  });

  it('accepts ldaps://, and ldap:// with StartTLS', () => {
    expect(problems(ad({}))).toEqual([]);
    expect(problems(ad({ url: 'ldap://dc1.ac-exemple.test', startTls: true }))).toEqual([]);
  });

  it('fills in the AD presets: sAMAccountName, the person filter, policy hints, a 5-minute policy cache', () => {
    const config = parseConfig(ad({}), 'test');
    if (config.directory.kind !== 'active-directory') throw new Error('expected active-directory');
    expect(config.directory.attributes.login).toBe('sAMAccountName');
    expect(config.directory.attributes.displayName).toBe('displayName');
    expect(config.directory.filter).toBe('(&(objectCategory=person)(objectClass=user))');
    expect(config.directory.policyHints).toBe(true);
    expect(config.directory.policyCacheSeconds).toBe(300);
  });
});
