/**
 * @module test/harness/config
 * A valid Passerelle config for tests, built through the real `parseConfig`: directory = the
 * shared slapd over StartTLS with the service account, Redis = the run's own, mail to the given
 * SMTP sink, throwaway secrets, captcha test hook on. Overrides are deep-merged (arrays replaced).
 */
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import type { Config, ConfigInput } from '../../src/config/schema.ts';
import { GROUPS } from './fixtures/layout.ts';
import type { RedisInfo } from './redis.ts';
import type { SlapdInfo } from './slapd.ts';

export interface ConfigServers {
  slapd: Pick<SlapdInfo, 'url' | 'caFile' | 'service' | 'peopleBase'>;
  redis: Pick<RedisInfo, 'url'>;
  /** The SMTP sink (startSmtpSink()); without it mail goes to 127.0.0.1:2525, where nothing listens. */
  smtp?: { host: string; port: number };
}

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges `override` into `base`: objects recursively, anything else (arrays included) replaced. */
export const deepMerge = <T>(base: T, override: unknown): T => {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(merged[key], value);
  return merged as T;
};

/** The raw (unparsed) test config, before overrides: handy to print or to tweak before parsing. */
export const rawTestConfig = (servers: ConfigServers): ConfigInput => ({
  server: { host: '127.0.0.1', port: 0, publicUrl: 'http://127.0.0.1' },
  institution: { name: 'Académie d’Exemple' },
  security: {
    encryptionKeys: [{ id: 'test', key: randomBytes(32).toString('base64') }],
    cookieSecret: randomBytes(32).toString('base64url'),
    secureCookies: false,
  },
  directory: {
    kind: 'openldap',
    url: servers.slapd.url,
    startTls: true,
    caFile: servers.slapd.caFile,
    bindDn: servers.slapd.service.dn,
    bindPassword: servers.slapd.service.password,
    base: servers.slapd.peopleBase,
    filter: '(objectClass=inetOrgPerson)',
  },
  // A prefix of its own per config, so that tests sharing the run's Redis never see each other's keys.
  redis: { url: servers.redis.url, keyPrefix: `passerelle-test-${randomBytes(4).toString('hex')}` },
  mail: {
    smtp: { host: servers.smtp?.host ?? '127.0.0.1', port: servers.smtp?.port ?? 2525 },
    from: 'Passerelle <passerelle@ac-exemple.fr>',
  },
  captcha: { testHook: true },
  admin: { sysadminGroup: GROUPS.sysadmins, helpdeskGroup: GROUPS.helpdesk },
  log: { level: 'silent' },
});

/** A parsed, valid Config pointing at the test servers; throws ConfigError if overrides break it. */
export const testConfig = (servers: ConfigServers, overrides: DeepPartial<ConfigInput> = {}): Config =>
  parseConfig(deepMerge(rawTestConfig(servers), overrides), 'testConfig');
