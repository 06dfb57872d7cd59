/**
 * Sync targets in the config: each kind's own settings are checked by its schema, and every
 * problem names its key, the way an operator reads it at start-up.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load.ts';
import { deepMerge, rawTestConfig } from '../../harness/config.ts';

const base = rawTestConfig({
  slapd: { url: 'ldap://127.0.0.1:1389', caFile: '/etc/ssl/ca.pem', service: { dn: 'cn=svc,dc=example,dc=org', password: 'secret' }, peopleBase: 'ou=people,dc=example,dc=org' },
  redis: { url: 'redis://127.0.0.1:16379' },
});
const ldap = { name: 'annuaire', kind: 'ldap', url: 'ldaps://ldap.example.org', bindDn: 'cn=svc', bindPassword: 'x', base: 'ou=people' };

const problems = (targets: unknown[], sync: Record<string, unknown> = {}): string[] => {
  try {
    parseConfig(deepMerge(base, { sync: { ...sync, targets } }));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('sync targets in the config', () => {
  it('fills each kind’s defaults', () => {
    const config = parseConfig(deepMerge(base, { sync: { targets: [ldap, { name: 'script', kind: 'command', path: '/usr/local/bin/set-pw' }] } }));
    expect(config.sync.targets[0]).toMatchObject({ kind: 'ldap', loginAttribute: 'uid', passwordWrite: 'exop', filter: '(objectClass=*)', concurrency: 2, paused: false });
    expect(config.sync.targets[1]).toMatchObject({ kind: 'command', args: [], retryExitCodes: [75], timeoutMs: 10_000 });
    expect(config.sync).toMatchObject({ historyDays: 30, payloadTtlHours: 72, statusRefMinutes: 120 });
  });

  it('names the key of every problem', () => {
    expect(problems([{ ...ldap, url: 'http://ldap' }])).toEqual(['sync.targets.0.url: must be an ldap:// or ldaps:// URL']);
    expect(problems([{ ...ldap, passwordWirte: 'exop' }])).toEqual(['sync.targets.0: unknown key(s) passwordWirte']);
    expect(problems([{ name: 'hook', kind: 'webhook', url: 'https://hooks.example.org/p', secret: 'x'.repeat(32), includePassword: true }])).toEqual([
      'sync.targets.0.publicKeyFile: includePassword needs publicKeyFile (the receiver’s RSA public key)',
    ]);
    expect(problems([{ name: 'hook', kind: 'webhook', url: 'http://hooks.example.org/p', secret: 'short' }])).toEqual([
      'sync.targets.0.url: must be an https:// URL',
      'sync.targets.0.secret: at least 32 characters (openssl rand -base64 32)',
    ]);
    expect(problems([{ ...ldap, kind: 'active-directory', url: 'ldap://dc.example.org' }])[0]).toMatch(/^sync\.targets\.0\.url: Active Directory only accepts password writes over LDAPS or StartTLS/);
    expect(problems([{ ...ldap, kind: 'ftp' }])[0]).toMatch(/^sync\.targets\.0\.kind: /);
    expect(problems([ldap, ldap])).toEqual(['sync.targets: target names must be unique']);
    expect(problems([{ name: 'script', kind: 'command', path: 'set-pw' }])).toEqual(['sync.targets.0.path: must be an absolute path']);
  });
});
