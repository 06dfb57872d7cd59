/**
 * A password write that slapd applies but whose answer never comes back (the directory stopped, or
 * the network cut, under the write): the soak met it when the primary was stopped mid-change. The
 * person must not be told « nothing was written » (their old password no longer works), and the
 * targets must still get the new password: the answer says the outcome is unknown, and the
 * intent is left to the recovery sweep, which finds that the new password binds and queues it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { startLdapProxy, type LdapProxy } from '../support/ldap-proxy.ts';
import { changePassword } from './support/change.ts';
import { eventually } from './support/status.ts';
import { createTargetEntry, fastSync, ldapTarget } from './support/targets.ts';

const servers = inject('servers');
let target: SlapdHandle;
let proxy: LdapProxy;
let app: TestApp;

beforeAll(async () => {
  target = await startSlapd();
  const upstream = new URL(servers.slapd.url);
  proxy = await startLdapProxy({ host: upstream.hostname, port: Number(upstream.port) });
  // Plain LDAP through the proxy, so that it can read the framing; the primary is the shared slapd.
  const config = testConfig(servers, {
    directory: { url: proxy.url, startTls: false },
    sync: { ...fastSync, inProcessWorker: true, targets: [ldapTarget(target)] },
  });
  app = await makeApp(config, { keep: true });
});
afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await target?.destroy();
});

describe('a password write whose answer is lost', () => {
  it('answers 503 « not confirmed », and the recovery sweep still delivers the new password to the target', async () => {
    const person = await createPerson(servers.slapd);
    const targetDn = await createTargetEntry(target, person.login);
    const newPassword = strongPassword();

    proxy.loseNextWriteAnswer();
    const answer = await changePassword(app, person.login, person.password, newPassword);
    expect(proxy.lost()).toBe(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(503);
    expect(answer.body.error?.code).toBe('write_unconfirmed');
    expect(answer.body.error?.message).toMatch(/n'a pas confirmé l'enregistrement de votre nouveau mot de passe/);

    // slapd took it: the new password binds on the primary, the old one no longer does.
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    expect(await canBind(servers.slapd.url, person.dn, person.password, servers.slapd.caFile)).toBe(false);

    // The sweep asks the primary, sees the password bind, queues the change: the target gets it.
    await eventually('the target to hold the new password', async () => (await canBind(target.url, targetDn, newPassword, target.caFile)) || undefined, 20_000);
    expect(app.logs.some((line) => line.includes('sync intent recovered: the primary holds its password, jobs queued'))).toBe(true);
    const audited = app.logs.map((line) => JSON.parse(line) as { audit?: { kind: string; login?: string; detail?: unknown } }).filter((line) => line.audit?.login === person.login);
    expect(audited.map((line) => [line.audit!.kind, line.audit!.detail])).toEqual([['password.change_failed', { reason: 'write_unconfirmed' }]]);

    // And the person carries on with the new password.
    const next = await changePassword(app, person.login, newPassword, strongPassword());
    expect(next.status, JSON.stringify(next.body)).toBe(200);
  });
});
