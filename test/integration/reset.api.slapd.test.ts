/**
 * The API twins of both forgotten-password flows, as an integrator sees them: statuses, the one
 * error shape, the OpenAPI document; the captcha is required without an API key.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, startSmtpSink, strongPassword, testConfig, type SmtpSink } from '../harness/index.ts';
import { expectNoSecretInLogs, makeApp, type TestApp } from './support/app.ts';
import { linkIn, resetMailTo, tokenOf } from './support/reset.ts';

const servers = inject('servers');
let sink: SmtpSink;
let app: TestApp;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await makeApp(
    testConfig({ ...servers, smtp: sink }, { sync: { inProcessWorker: true }, rateLimits: { resetMailPerAddress: { points: 1000, durationSeconds: 600, blockSeconds: 0 } } }),
    { keep: true },
  );
});
afterAll(async () => {
  await app.close();
  await sink.stop();
});

const tokenFor = async (person: { lastName: string; firstName: string; mail?: string | undefined }) => {
  const response = await app.postJson('/api/v1/reset/mail', { lastName: person.lastName, firstName: person.firstName, mail: person.mail });
  expect(response.status).toBe(202);
  return tokenOf(linkIn(await resetMailTo(sink, person.mail!)));
};

describe('POST /api/v1/reset/mail', () => {
  it('answers 202 { status: accepted } for a real account and for nobody alike', async () => {
    const person = await createPerson(servers.slapd);
    const known = await app.postJson('/api/v1/reset/mail', { lastName: person.lastName, firstName: person.firstName, mail: person.mail });
    const unknown = await app.postJson('/api/v1/reset/mail', { lastName: 'Inconnu', firstName: 'Personne', mail: 'personne.inconnue@ac-exemple.fr' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual({ status: 'accepted' });
    expect(await unknown.json()).toEqual({ status: 'accepted' });
    await resetMailTo(sink, person.mail!);
  });

  it('says which field is missing, with the change API’s error shape', async () => {
    const response = await app.postJson('/api/v1/reset/mail', { lastName: 'Dupont' }, { headers: { 'accept-language': 'en' } });
    const body = (await response.json()) as { error: { code: string; requestId: string; details: { issues: { path: string; message: string }[] } } };
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('validation');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['firstName', 'mail']);
    expect(body.error.details.issues[0]!.message).toBe('This field is required.');
  });

  it('needs a captcha without an API key', async () => {
    const response = await app.postJson('/api/v1/reset/mail', { lastName: 'Dupont', firstName: 'Jean', mail: 'jean.dupont@ac-exemple.fr' }, { apiKey: false });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('captcha_invalid');
  });
});

describe('POST /api/v1/reset/token', () => {
  it('sets the password once; a reused token is 410', async () => {
    const person = await createPerson(servers.slapd);
    const token = await tokenFor(person);
    const newPassword = strongPassword();
    const done = await app.postJson('/api/v1/reset/token', { token, newPassword });
    const body = (await done.json()) as { status: string; login: string; sync: { targets: unknown[] } };
    expect(done.status).toBe(200);
    expect(body).toMatchObject({ status: 'reset', login: person.login });
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    const again = await app.postJson('/api/v1/reset/token', { token, newPassword: strongPassword() });
    expect(again.status).toBe(410);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('token_invalid');
    expectNoSecretInLogs(app.logs, [token, newPassword]);
  });

  it('a policy refusal is 422 with the violations, and the token still works afterwards', async () => {
    const person = await createPerson(servers.slapd);
    const token = await tokenFor(person);
    const weak = await app.postJson('/api/v1/reset/token', { token, newPassword: 'motdepasse' });
    const body = (await weak.json()) as { error: { code: string; details: { violations: { code: string }[] } } };
    expect(weak.status).toBe(422);
    expect(body.error.code).toBe('policy');
    expect(body.error.details.violations.length).toBeGreaterThan(0);
    expect((await app.postJson('/api/v1/reset/token', { token, newPassword: strongPassword() })).status).toBe(200);
  });

  it('an unknown or malformed token is 410, an unknown field 400', async () => {
    expect((await app.postJson('/api/v1/reset/token', { token: 'A'.repeat(43), newPassword: strongPassword() })).status).toBe(410);
    expect((await app.postJson('/api/v1/reset/token', { token: '*)(uid=*', newPassword: strongPassword() })).status).toBe(410);
    expect((await app.postJson('/api/v1/reset/token', { token: 'x', newPassword: strongPassword(), login: 'jdupont' })).status).toBe(400);
  });
});

describe('what Redis holds', () => {
  it('no token, password, typed name or address in clear, in any key or value', async () => {
    const person = await createPerson(servers.slapd, { lastName: `Lefèvre-Dupont-${Date.now()}` });
    const token = await tokenFor(person);
    const { redis } = app.runtime;
    const keys = await redis.keys(`${app.config.redis.keyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    const dump: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') dump.push((await redis.get(key)) ?? '');
      if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    const everything = dump.join('\n');
    for (const secret of [token, person.mail!, person.lastName, person.password]) expect(everything).not.toContain(secret);
  });
});

describe('OpenAPI document', () => {
  it('describes the three reset endpoints with their answers', async () => {
    const document = (await (await app.get('/api/openapi.json')).json()) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(document.paths['/api/v1/reset/mail']!.post!.responses)).toContain('202');
    expect(Object.keys(document.paths['/api/v1/reset/token']!.post!.responses)).toEqual(expect.arrayContaining(['200', '410', '422']));
    expect(Object.keys(document.paths['/api/v1/reset/identity']!.post!.responses)).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
  });
});
