/**
 * /metrics after a few real changes, scraped and parsed (Prometheus text format): HTTP requests
 * by route pattern, flow outcomes, policy rules, sync outcomes and lag on a real `ldap` target,
 * lock-outs, console log-ins; the bearer token; 404 without one; the second listener.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveMetricsOn } from '../../src/bin/metrics-listener.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createPerson, fixture, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../harness/index.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { changePassword, jobInState, ldapTarget, postLogin } from './support/console.ts';

const { slapd, redis } = inject('servers');
const TOKEN = 'metrics-token-for-tests-0123456789';
const TARGET = 'annuaire-secours';

/** One sample of the text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the exposition text (HELP/TYPE comments skipped); throws on a line it cannot read. */
const parseMetrics = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });

/** The value of the one sample with this name and these labels (0 when absent: counters start unseen). */
const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

let target: SlapdHandle;
let app: TestApp;

const scrape = async (token: string | null = TOKEN) => app.get('/metrics', token ? { authorization: `Bearer ${token}` } : {});
const samples = async () => parseMetrics(await (await scrape()).text());

beforeAll(async () => {
  target = await startSlapd();
  app = await makeApp(
    testConfig(
      { slapd, redis },
      {
        server: { failureFloorMs: 0, metrics: { bearerToken: TOKEN } },
        sync: { inProcessWorker: true, targets: [ldapTarget(target.info(), TARGET)] },
        rateLimits: { identityFailuresPerAccount: { points: 2, durationSeconds: 600, blockSeconds: 60 } },
      },
    ),
    { keep: true },
  );
});
afterAll(async () => {
  await app?.close();
  await target?.destroy();
});

describe('/metrics', () => {
  it('asks for the bearer token', async () => {
    const none = await scrape(null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
  });

  it('counts changes, refusals, policy rules, sync outcomes, lock-outs and log-ins, without a login in any label', async () => {
    const before = await samples();
    const person = await createPerson(slapd);
    await createPerson(target, { login: person.login, password: person.password });
    const first = strongPassword();
    const second = strongPassword();
    await changePassword(app, person.login, person.password, first);
    await changePassword(app, person.login, first, second);
    expect((await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: 'Pas-Le-Bon-42!x', newPassword: strongPassword() })).status).toBe(401);
    const refused = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: second, newPassword: 'court' });
    expect(refused.status).toBe(422);
    const rules = ((await refused.json()) as { error: { details: { violations: { code: string }[] } } }).error.details.violations.map((v) => v.code);
    for (let i = 0; i < 2; i += 1) {
      await app.postJson('/api/v1/reset/identity', { login: person.login, proofs: { staffNumber: 'FAUX', birthDate: '1984-03-12' }, newPassword: strongPassword() });
    }
    const admin = fixture('cfontaine');
    expect((await postLogin(app, admin.login, admin.password)).status).toBe(303);
    await jobInState(app, TARGET, person.login, 'completed');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the queue gauges are read at most every 500 ms

    const text = await (await scrape()).text();
    const after = parseMetrics(text);
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('passerelle_flow_outcomes_total', { flow: 'change', outcome: 'success' })).toBe(2);
    expect(delta('passerelle_flow_outcomes_total', { flow: 'change', outcome: 'invalid_credentials' })).toBe(1);
    expect(delta('passerelle_flow_outcomes_total', { flow: 'change', outcome: 'policy' })).toBe(1);
    expect(delta('passerelle_flow_outcomes_total', { flow: 'reset-identity', outcome: 'identity_mismatch' })).toBe(1);
    expect(delta('passerelle_flow_outcomes_total', { flow: 'reset-identity', outcome: 'rate_limited' })).toBe(1);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(delta('passerelle_policy_rejections_total', { flow: 'change', rule })).toBe(1);
    expect(delta('passerelle_lockouts_total', { flow: 'reset-identity', scope: 'account' })).toBe(1);
    expect(delta('passerelle_admin_logins_total', { outcome: 'success' })).toBe(1);
    expect(delta('passerelle_http_requests_total', { method: 'POST', route: '/api/v1/password/change', status: '200' })).toBe(2);
    expect(delta('passerelle_http_requests_total', { method: 'POST', route: '/api/v1/password/change', status: '422' })).toBe(1);
    expect(delta('passerelle_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/password/change' })).toBe(4);
    // The second change supersedes or follows the first: both end without failure on the target.
    expect(delta('passerelle_sync_outcomes_total', { target: TARGET, outcome: 'done' }) + delta('passerelle_sync_outcomes_total', { target: TARGET, outcome: 'superseded' })).toBe(2);
    expect(delta('passerelle_sync_outcomes_total', { target: TARGET, outcome: 'failed' })).toBe(0);
    expect(valueOf(after, 'passerelle_sync_lag_seconds_count', { target: TARGET })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'passerelle_sync_queue_jobs', { target: TARGET, state: 'failed' })).toBe(0);
    expect(after.some((s) => s.name === 'passerelle_sync_oldest_pending_seconds' && s.labels.target === TARGET)).toBe(true);
    expect(after.some((s) => s.name === 'passerelle_process_cpu_seconds_total')).toBe(true);
    // The harness's Redis runs without AOF, with the default noeviction policy.
    expect(after.filter((s) => s.name === 'passerelle_redis_aof_enabled').map((s) => s.value)).toEqual([0]);
    expect(after.filter((s) => s.name === 'passerelle_redis_noeviction').map((s) => s.value)).toEqual([1]);
    expect(text).not.toContain(person.login);
    expect(text).not.toContain(admin.login);
  });

  it('is not served on the portal without a bearer token', async () => {
    const open = await makeApp(testConfig({ slapd, redis }));
    const response = await open.get('/metrics');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('is served on the second listener, which also asks for the token when one is set', async () => {
    const logger = createLogger({ level: 'silent' });
    const server = await serveMetricsOn({ host: '127.0.0.1', port: 0 }, TOKEN, logger);
    try {
      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(parseMetrics(await ok.text()).some((s) => s.name === 'passerelle_flow_outcomes_total')).toBe(true);
      expect((await fetch(`${base}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      server.close();
    }
    const open = await serveMetricsOn({ host: '127.0.0.1', port: 0 }, undefined, logger);
    try {
      expect((await fetch(`http://127.0.0.1:${(open.address() as AddressInfo).port}/metrics`)).status).toBe(200);
    } finally {
      open.close();
    }
  });
});
