/**
 * Newest wins: two quick changes by one person end with the newer password on every target, even
 * when the older change's first attempt fails and its retry comes after the newer one landed, and
 * when several changes of one login are written by concurrent workers.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ntHash } from '../../../src/sync/targets/md4.ts';
import { canBind, createPerson, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange } from './support/change.ts';
import { loadDocVerifier, type DocVerifier } from './support/doc-verifier.ts';
import { makeCommandReceiver, startWebhookReceiver, type CommandReceiver, type WebhookReceiver } from './support/receivers.ts';
import { stateOf, waitForStatus } from './support/status.ts';
import { commandTarget, createTargetEntry, ldapTarget, readSambaAttributes, sambaTarget, webhookTarget } from './support/targets.ts';

let target: SlapdHandle;
let webhook: WebhookReceiver;
let command: CommandReceiver;
let app: TestApp;
let verifier: DocVerifier;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  [target, webhook] = await Promise.all([startSlapd({ sambaSchema: true }), startWebhookReceiver()]);
  command = makeCommandReceiver();
  verifier = await loadDocVerifier();
  // A retry comes 0.75–1.5 s after a failed attempt: long enough for a newer change to land first.
  const config = testConfig(
    { slapd: primary(), redis: inject('servers').redis },
    {
      sync: {
        attempts: 5,
        backoffMs: 1500,
        inProcessWorker: true,
        targets: [ldapTarget(target, { concurrency: 4 }), sambaTarget(target, { concurrency: 4 }), webhookTarget(webhook, { concurrency: 4 }), commandTarget(command, { concurrency: 4 })],
      },
    },
  );
  app = await makeApp(config, { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([target?.destroy(), webhook?.close()]);
});

/** The webhook events received for `login`, verified and opened, in arrival order. */
const eventsFor = (login: string) =>
  webhook.received
    .filter((request) => request.rawBody.includes(`"login":"${login}"`))
    .map((request) => {
      const event = verifier.verifyPasserelleWebhook({ secret: webhook.secret, rawBody: request.rawBody, headers: request.headers });
      return { sequence: event.sequence, password: verifier.openPassword(event, webhook.privateKeyPem), status: request.status };
    });

/** Sequences the command script wrote (exit 0) for `login`, in order. */
const commandWrites = (login: string) =>
  command
    .calls()
    .map((line) => line.split(' '))
    .filter(([, who, code]) => who === login && code === '0')
    .map(([sequence]) => Number(sequence));

describe('newest wins', () => {
  it('ends two changes made one right after the other with the newer password everywhere', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    const first = strongPassword();
    const second = strongPassword();
    const one = await acceptedChange(app, person.login, person.password, first);
    const two = await acceptedChange(app, person.login, first, second);
    await Promise.all([waitForStatus(app, one.ref), waitForStatus(app, two.ref)]);

    expect(await canBind(target.url, dn, second, target.caFile)).toBe(true);
    expect((await readSambaAttributes(target, dn)).ntPassword).toBe(ntHash(second));
    expect(command.passwordOf(person.login)).toBe(second);
    const events = eventsFor(person.login);
    expect(events.at(-1)).toMatchObject({ sequence: 2, password: second });
    // Change 1 may have landed before change 2 existed, never after it.
    expect(events.map((e) => e.sequence)).toEqual([...events.map((e) => e.sequence)].sort());
    expect(commandWrites(person.login)).toEqual([...commandWrites(person.login)].sort());
  });

  it('does not let change 1’s retry land after change 2, when change 1’s first attempt failed', async () => {
    const person = await createPerson(primary());
    await createTargetEntry(target, person.login);
    // The command and the webhook are busy for change 1's first attempt only.
    command.failNext(1, 75);
    let refusedOnce = false;
    webhook.respond = (request) => {
      if (!refusedOnce && request.rawBody.includes(`"login":"${person.login}"`) && request.rawBody.includes('"sequence":1,')) {
        refusedOnce = true;
        return 503;
      }
      return 200;
    };
    const first = strongPassword();
    const second = strongPassword();
    const one = await acceptedChange(app, person.login, person.password, first);
    const afterOne = await waitForStatus(app, one.ref, (b) => b.targets.find((t) => t.name === 'script-ent')?.reason === 'unavailable' && b.targets.find((t) => t.name === 'messagerie')?.reason === 'unavailable');
    expect(afterOne.targets.find((t) => t.name === 'script-ent')).toMatchObject({ state: 'pending', reason: 'unavailable', reasonText: 'service injoignable pour le moment, nouvelle tentative automatique' });

    const two = await acceptedChange(app, person.login, first, second);
    const doneTwo = await waitForStatus(app, two.ref);
    expect(doneTwo.targets.every((t) => t.state === 'done')).toBe(true);
    // Change 1's retries come after change 2 landed: they must not write.
    const finalOne = await waitForStatus(app, one.ref);
    expect(stateOf(finalOne, 'script-ent')).toBe('superseded');
    expect(stateOf(finalOne, 'messagerie')).toBe('superseded');
    expect(finalOne.targets.find((t) => t.name === 'script-ent')?.stateText).toBe('remplacé par votre changement plus récent');

    expect(command.passwordOf(person.login)).toBe(second);
    expect(command.calls().filter((line) => line.includes(` ${person.login} `))).toEqual([`1 ${person.login} 75`, `2 ${person.login} 0`]);
    expect(eventsFor(person.login).map(({ sequence, status }) => [sequence, status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    webhook.respond = () => 200;
  });

  it('writes changes of one login one at a time, in order, with four workers on the target', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    command.setDelay(0.3);
    try {
      let current = person.password;
      const refs: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const next = strongPassword();
        refs.push((await acceptedChange(app, person.login, current, next)).ref);
        current = next;
      }
      await Promise.all(refs.map((ref) => waitForStatus(app, ref)));
      expect(command.passwordOf(person.login)).toBe(current);
      expect(await canBind(target.url, dn, current, target.caFile)).toBe(true);
      const writes = commandWrites(person.login);
      expect(writes.at(-1)).toBe(5);
      expect(writes).toEqual([...new Set(writes)].sort((a, b) => a - b));
    } finally {
      command.setDelay(0);
    }
  });

  it('orders two resets of one login sent at the same moment: the primary and every target end with the same one', async () => {
    const person = await createPerson(primary(), { employeeNumber: '09E0412345XYZ', birthDate: '19840312' });
    const dn = await createTargetEntry(target, person.login);
    const passwords = [strongPassword(), strongPassword()];
    const responses = await Promise.all(
      passwords.map((newPassword) =>
        app.postJson('/api/v1/reset/identity', { login: person.login, proofs: { staffNumber: '09E0412345XYZ', birthDate: '12/03/1984' }, newPassword }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status), JSON.stringify(bodies)).toEqual([200, 200]);
    await Promise.all(bodies.map((body) => waitForStatus(app, body.sync.ref)));
    const onPrimary = (await canBind(primary().url, person.dn, passwords[0]!, primary().caFile)) ? passwords[0]! : passwords[1]!;
    expect(await canBind(primary().url, person.dn, onPrimary, primary().caFile)).toBe(true);
    expect(await canBind(target.url, dn, onPrimary, target.caFile)).toBe(true);
    expect((await readSambaAttributes(target, dn)).ntPassword).toBe(ntHash(onPrimary));
    expect(command.passwordOf(person.login)).toBe(onPrimary);
    expect(eventsFor(person.login).at(-1)?.password).toBe(onPrimary);
  });

});
