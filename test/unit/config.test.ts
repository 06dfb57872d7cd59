import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';

const env = {
  PASSERELLE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PASSERELLE_COOKIE_SECRET: 'x'.repeat(40),
  PASSERELLE_LDAP_PASSWORD: 'service-secret',
};

const example = () => parse(readFileSync('config/passerelle.example.yml', 'utf8')) as Record<string, any>;

const problemsOf = (raw: unknown, environment: NodeJS.ProcessEnv = env): string[] => {
  try {
    parseConfig(raw, 'test', environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('accepts the annotated example with its secrets from the environment', () => {
    const config = loadConfig('config/passerelle.example.yml', env);
    expect(config.directory.kind).toBe('openldap');
    expect(config.directory.bindPassword).toBe('service-secret');
    expect(config.policy.minLength).toBe(12);
    expect(config.sync.promiseMinutes).toBe(30);
  });

  it('names a missing environment variable with the key that needs it', () => {
    const problems = problemsOf(example(), { ...env, PASSERELLE_LDAP_PASSWORD: undefined });
    expect(problems).toContain('directory.bindPassword: environment variable PASSERELLE_LDAP_PASSWORD is not set');
  });

  it('names an unknown key and a wrong value, all at once', () => {
    const raw = example();
    raw.server.prot = 8080;
    raw.policy.maxLength = 20;
    const problems = problemsOf(raw);
    expect(problems.some((p) => p.startsWith('server: unknown key(s) prot'))).toBe(true);
    expect(problems.some((p) => p.startsWith('policy.maxLength:'))).toBe(true);
  });

  it('refuses an encryption key that is not 32 bytes', () => {
    const problems = problemsOf(example(), { ...env, PASSERELLE_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(problems.some((p) => p.startsWith('security.encryptionKeys.0.key: must be 32 random bytes'))).toBe(true);
  });

  it('refuses Active Directory over plain LDAP, naming directory.url', () => {
    const raw = example();
    raw.directory = { ...raw.directory, kind: 'active-directory', url: 'ldap://dc.example.org', startTls: false };
    delete raw.directory.passwordWrite;
    const problems = problemsOf(raw);
    expect(problems.some((p) => p.startsWith('directory.url: Active Directory only accepts password writes over LDAPS or StartTLS'))).toBe(true);
  });

  it('reports an unreadable file and invalid YAML clearly', () => {
    expect(() => loadConfig('config/does-not-exist.yml', env)).toThrow(/cannot read the file/);
  });
});

describe('environment variables', () => {
  it('reads a value that is exactly one ${VAR} as a number or boolean, but keeps numeric secrets as text', () => {
    const raw = example();
    raw.server.port = '${PORT}';
    raw.security.secureCookies = '${SECURE:-false}';
    raw.directory.bindPassword = '${PASSERELLE_LDAP_PASSWORD}';
    const config = parseConfig(raw, 'test', { ...env, PORT: '9090', PASSERELLE_LDAP_PASSWORD: '123456' });
    expect(config.server.port).toBe(9090);
    expect(config.security.secureCookies).toBe(false);
    expect(config.directory.bindPassword).toBe('123456');
  });
});
