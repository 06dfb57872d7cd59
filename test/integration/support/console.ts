/**
 * @module test/integration/support/console
 * Helpers of the console, metrics and CLI tests: a sync target of kind `ldap` on a second slapd,
 * a change that fails on it (target stopped, one attempt), a console log-in over app.request with
 * its cookie and CSRF token, and a config written as a YAML file for the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ConfigInput } from '../../../src/config/schema.ts';
import type { JobView } from '../../../src/ports/sync-admin.ts';
import { deepMerge, rawTestConfig, type ConfigServers, type DeepPartial, type SlapdInfo } from '../../harness/index.ts';
import type { TestApp } from './app.ts';

/** The raw config of an `ldap` target writing to the given slapd with its service account. */
export const ldapTarget = (slapd: Pick<SlapdInfo, 'url' | 'caFile' | 'service' | 'peopleBase'>, name = 'annuaire-secours') => ({
  name,
  kind: 'ldap' as const,
  label: { fr: 'Annuaire de secours', en: 'Backup directory' },
  url: slapd.url,
  startTls: true,
  caFile: slapd.caFile,
  bindDn: slapd.service.dn,
  bindPassword: slapd.service.password,
  base: slapd.peopleBase,
  // A stopped target must fail fast: tests wait on it.
  timeoutMs: 2000,
  connectTimeoutMs: 1000,
});

/** Test config input (unparsed) with overrides, for the YAML file the CLI reads. */
export const rawConfig = (servers: ConfigServers, overrides: DeepPartial<ConfigInput> = {}): ConfigInput => deepMerge(rawTestConfig(servers), overrides);

/** Writes a config as YAML in a temp dir; returns its path. */
export const writeConfigFile = (config: ConfigInput): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'passerelle-cli-')), 'passerelle.yml');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
};

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs` saying what it waited for. */
export const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

/** Changes a password through the API (test API key: no captcha); throws unless 200. */
export const changePassword = async (app: TestApp, login: string, currentPassword: string, newPassword: string): Promise<void> => {
  const response = await app.postJson('/api/v1/password/change', { login, currentPassword, newPassword });
  if (response.status !== 200) throw new Error(`change of ${login} answered ${response.status}: ${await response.text()}`);
};

/** The job of `login` on `target` once it is in `state`. */
export const jobInState = (app: TestApp, target: string, login: string, state: string, timeoutMs?: number): Promise<JobView> =>
  waitFor(
    `the job of ${login} on ${target} to be ${state}`,
    async () => (await app.runtime.services.syncAdmin!.listJobs({ target, login })).find((job) => job.state === state),
    timeoutMs,
  );

/** A signed-in console session over app.request: its cookie and CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

const ORIGIN = 'http://127.0.0.1';

/** The `name=value` of the console cookie from a response's Set-Cookie. */
export const sessionCookie = (response: Response): string | undefined =>
  response.headers.getSetCookie().map((line) => line.split(';')[0]!).find((pair) => pair.startsWith('passerelle_admin=') && pair.length > 'passerelle_admin='.length);

/** Logs in; returns the response (303 on success). */
export const postLogin = (app: TestApp, login: string, password: string, headers: Record<string, string> = {}) =>
  app.postForm('/admin/login', { login, password }, headers);

/** Logs in and reads the CSRF token from the overview page; throws when refused. */
export const signIn = async (app: TestApp, login: string, password: string): Promise<ConsoleSession> => {
  const response = await postLogin(app, login, password);
  const cookie = sessionCookie(response);
  if (response.status !== 303 || !cookie) throw new Error(`log-in of ${login} answered ${response.status}`);
  const page = await (await app.get('/admin', { cookie })).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on the overview page');
  return { cookie, csrf };
};

/** GET with the session cookie. */
export const consoleGet = (app: TestApp, session: ConsoleSession, path: string) => app.get(path, { cookie: session.cookie });

/** A console form post as a same-origin browser sends it, with the session's token unless told otherwise. */
export const consolePost = (app: TestApp, session: ConsoleSession, path: string, fields: Record<string, string>, options: { csrf?: boolean; headers?: Record<string, string> } = {}) =>
  app.postForm(path, { ...(options.csrf === false ? {} : { _csrf: session.csrf }), ...fields }, { cookie: session.cookie, ...(options.headers ?? {}) });

export { ORIGIN };
