/**
 * A change reaches every kind of target, and the person sees it: a second slapd as `ldap` and
 * `samba-nt` target, an HTTPS receiver as `webhook` (signature and encrypted password checked
 * with the verifier from docs/sync.md), a script as `command` (password on standard input only).
 * Afterwards no key or value of Redis holds the password or its NT hash.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { register } from 'prom-client';
import { ntHash } from '../../../src/sync/targets/md4.ts';
import {
  GROUPS, canBind, createPerson, startRedis, startSlapd, strongPassword, testConfig, type RedisHandle, type SlapdHandle,
} from '../../harness/index.ts';
import { makeApp, expectNoSecretInLogs, type TestApp } from '../support/app.ts';
import { loadDocVerifier, type DocVerifier } from './support/doc-verifier.ts';
import { makeCommandReceiver, startWebhookReceiver, type CommandReceiver, type WebhookReceiver } from './support/receivers.ts';
import { dumpRedis, findSecrets } from './support/redis-scan.ts';
import { readStatus, stateOf, waitForStatus } from './support/status.ts';
import { commandTarget, createTargetEntry, fastSync, ldapTarget, readSambaAttributes, sambaTarget, webhookTarget } from './support/targets.ts';

let redis: RedisHandle;
let target: SlapdHandle;
let webhook: WebhookReceiver;
let command: CommandReceiver;
let app: TestApp;
let verifier: DocVerifier;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  [redis, target, webhook] = await Promise.all([startRedis(), startSlapd({ sambaSchema: true }), startWebhookReceiver()]);
  command = makeCommandReceiver();
  verifier = await loadDocVerifier();
  const config = testConfig(
    { slapd: primary(), redis: redis.info() },
    {
      sync: {
        ...fastSync,
        inProcessWorker: true,
        targets: [
          ldapTarget(target),
          sambaTarget(target),
          webhookTarget(webhook),
          commandTarget(command),
          ldapTarget(target, { name: 'rectorat-seulement', label: { fr: 'Applications du rectorat' }, appliesTo: { memberOf: GROUPS['personnels-rectorat'] } }),
        ],
      },
    },
  );
  app = await makeApp(config, { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([redis?.destroy(), target?.destroy(), webhook?.close()]);
});

const change = async (login: string, currentPassword: string, newPassword: string) => {
  const response = await app.postJson('/api/v1/password/change', { login, currentPassword, newPassword });
  return { status: response.status, body: (await response.json()) as { sync: { ref: string; deadline: string; targets: { name: string; label: string }[] }; error?: { code: string; details?: { violations?: { code: string; message: string; source: string }[] } } } };
};

describe('a change reaches every target', () => {
  it('writes the new password on each kind of target, and the person sees each one done', async () => {
    const person = await createPerson(primary());
    const targetDn = await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    const started = Date.now();
    const { status, body } = await change(person.login, person.password, newPassword);
    expect(status, JSON.stringify(body)).toBe(200);
    // Not in « personnels du rectorat »: that target does not apply.
    expect(body.sync.targets).toEqual([
      { name: 'annuaire-pedago', label: 'Annuaire pédagogique' },
      { name: 'samba-partages', label: 'Partages de fichiers' },
      { name: 'messagerie', label: 'Messagerie' },
      { name: 'script-ent', label: 'ENT' },
    ]);
    expect(Date.parse(body.sync.deadline) - started).toBeGreaterThan(29 * 60_000);

    const final = await waitForStatus(app, body.sync.ref);
    expect(final.targets.map((t) => [t.name, t.state, t.stateText])).toEqual([
      ['annuaire-pedago', 'done', 'à jour'],
      ['samba-partages', 'done', 'à jour'],
      ['messagerie', 'done', 'à jour'],
      ['script-ent', 'done', 'à jour'],
    ]);

    // ldap: the new password binds on the other directory, the old one no longer does.
    expect(await canBind(target.url, targetDn, newPassword, target.caFile)).toBe(true);
    expect(await canBind(target.url, targetDn, 'Ancien-Mot-De-Passe-1!', target.caFile)).toBe(false);
    // samba-nt: the NT hash of the new password, and when it was set.
    const samba = await readSambaAttributes(target, targetDn);
    expect(samba.ntPassword).toBe(ntHash(newPassword));
    expect(Number(samba.pwdLastSet)).toBeGreaterThanOrEqual(Math.floor(started / 1000) - 1);
    // webhook: signed, fresh, and the password opens with the receiver's key only.
    const request = webhook.received.find((r) => r.rawBody.includes(`"login":"${person.login}"`));
    expect(request).toBeDefined();
    const event = verifier.verifyPasserelleWebhook({ secret: webhook.secret, rawBody: request!.rawBody, headers: request!.headers });
    expect(event).toMatchObject({ type: 'password.changed', target: 'messagerie', login: person.login, sequence: 1 });
    expect(request!.rawBody).not.toContain(newPassword);
    expect(verifier.openPassword(event, webhook.privateKeyPem)).toBe(newPassword);
    // command: the password came on standard input, and nowhere in its arguments or environment.
    expect(command.passwordOf(person.login)).toBe(newPassword);
    const seen = command.argvAndEnv(person.login);
    expect(seen).toContain(`argv: ${person.login}`);
    expect(seen).toContain('PASSERELLE_TARGET=script-ent');
    expect(seen).not.toContain(newPassword);
  });

  it('sends a member of « personnels du rectorat » to the target scoped to that group too', async () => {
    const person = await createPerson(primary(), { groups: ['personnels-rectorat'] });
    await createTargetEntry(target, person.login);
    const { body } = await change(person.login, person.password, strongPassword());
    expect(body.sync.targets.map((t) => t.name)).toContain('rectorat-seulement');
    const final = await waitForStatus(app, body.sync.ref);
    expect(stateOf(final, 'rectorat-seulement')).toBe('done');
  });

  it('shows a partial success as exactly that: the target without an entry fails at once, with its reason', async () => {
    const person = await createPerson(primary());
    // No entry on the target directory: ldap and samba-nt cannot find the person.
    const { body } = await change(person.login, person.password, strongPassword());
    const final = await waitForStatus(app, body.sync.ref);
    const ldap = final.targets.find((t) => t.name === 'annuaire-pedago')!;
    expect(ldap).toMatchObject({ state: 'failed', attempts: 1, reason: 'no_entry', stateText: 'échec : l’assistance est prévenue', reasonText: 'aucun compte à votre nom dans ce service' });
    expect(stateOf(final, 'messagerie')).toBe('done');
    expect(stateOf(final, 'script-ent')).toBe('done');

    // Sysadmins see it, with the error text, and can retry it once the entry exists.
    const admin = app.runtime.services.syncAdmin!;
    const overview = (await admin.overview()).find((t) => t.name === 'annuaire-pedago')!;
    expect(overview.counts.failed).toBeGreaterThanOrEqual(1);
    expect(overview.lastError).toMatchObject({ login: person.login, reason: 'no_entry' });
    const [failedJob] = await admin.listJobs({ target: 'annuaire-pedago', state: 'failed', login: person.login });
    expect(failedJob?.failedReason).toMatch(/no_entry: no entry with uid=/);
    const history = await admin.jobHistory('annuaire-pedago', failedJob!.id);
    expect(history.log).toEqual([expect.stringMatching(/^attempt 1: no_entry: .*\(final\)$/)]);
    await createTargetEntry(target, person.login);
    expect(await admin.retryJob('annuaire-pedago', failedJob!.id)).toBe('retried');
    const retried = await waitForStatus(app, body.sync.ref, (b) => stateOf(b, 'annuaire-pedago') === 'done');
    expect(stateOf(retried, 'annuaire-pedago')).toBe('done');
  });

  it('refuses, before writing anything, a password a target is known to refuse', async () => {
    const strict = await makeApp(
      testConfig({ slapd: primary(), redis: redis.info() }, { sync: { targets: [ldapTarget(target, { policy: { minLength: 24 } })] } }),
    );
    const person = await createPerson(primary());
    const tooShort = strongPassword();
    const response = await strict.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword: tooShort });
    const body = (await response.json()) as { error: { code: string; details: { violations: { code: string; message: string; source: string }[] } } };
    expect(response.status).toBe(422);
    expect(body.error.details.violations).toEqual([
      { code: 'target_too_short', message: 'Annuaire pédagogique demande au moins 24 caractères.', source: 'annuaire-pedago' },
    ]);
    expect(await canBind(primary().url, person.dn, person.password, primary().caFile)).toBe(true);
    expect(await canBind(primary().url, person.dn, tooShort, primary().caFile)).toBe(false);
  });

  it('answers 404 alike for a forged, an altered and an unknown reference', async () => {
    const person = await createPerson(primary());
    await createTargetEntry(target, person.login);
    const { body } = await change(person.login, person.password, strongPassword());
    const [id, expiry, signature] = body.sync.ref.split('.') as [string, string, string];
    for (const ref of [`${id}.${expiry}.${signature.slice(1)}A`, `cZZZZZZZZZZZZZZZZ.${expiry}.${signature}`, 'nothing']) {
      expect((await readStatus(app, ref)).status).toBe(404);
    }
    expect((await readStatus(app, body.sync.ref)).status).toBe(200);
  });

  it('counts the lag and outcomes per target in the metrics', async () => {
    const text = await register.metrics();
    expect(text).toMatch(/passerelle_sync_lag_seconds_count\{target="annuaire-pedago"\} [1-9]/);
    expect(text).toMatch(/passerelle_sync_outcomes_total\{target="script-ent",outcome="done"\} [1-9]/);
    expect(text).toMatch(/passerelle_sync_outcomes_total\{target="annuaire-pedago",outcome="failed"\} [1-9]/);
    expect(text).toMatch(/passerelle_sync_queue_jobs\{target="messagerie",state="waiting"\} 0/);
  });

  it('leaves no password and no NT hash anywhere in Redis or in the logs, and no sealed payload once all targets are done', async () => {
    const person = await createPerson(primary());
    await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    const { body } = await change(person.login, person.password, newPassword);
    await waitForStatus(app, body.sync.ref);
    const dump = await dumpRedis(redis.url);
    expect(dump.length).toBeGreaterThan(20);
    expect(findSecrets(dump, [newPassword, ntHash(newPassword), person.password])).toEqual([]);
    const changeId = body.sync.ref.split('.')[0]!;
    expect(dump.filter(({ key }) => key.endsWith(`:sync:payload:${changeId}`))).toEqual([]);
    expectNoSecretInLogs(app.logs, [newPassword, ntHash(newPassword)]);
  });
});
