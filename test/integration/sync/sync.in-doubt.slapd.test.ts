/**
 * Newest wins when a write is in doubt: a target slower than Passerelle's time limit applies the
 * write Passerelle gave up on. Change 1 times out on the webhook (the receiver is still working on
 * it), change 2 follows at once; change 1 takes effect on the receiver after its time-out. If the
 * per-(target, login) lock were released at the time-out, change 2 would land first and change 1
 * after it (the soak saw exactly that with an NT hash). It is held until it expires instead, so
 * change 2 waits, and the receiver ends with change 2.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPerson, strongPassword, testConfig } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange } from './support/change.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/receivers.ts';
import { waitForStatus } from './support/status.ts';
import { webhookTarget } from './support/targets.ts';

const TIMEOUT_MS = 500;
/** Well past the time-out, well before the lock expires (timeout + 1 s + 5 s). */
const SLOW_MS = 2500;

let webhook: WebhookReceiver;
let app: TestApp;

beforeAll(async () => {
  webhook = await startWebhookReceiver();
  const servers = inject('servers');
  app = await makeApp(
    testConfig(servers, { sync: { attempts: 5, backoffMs: 10_000, inProcessWorker: true, targets: [webhookTarget(webhook, { timeoutMs: TIMEOUT_MS })] } }),
    { keep: true },
  );
});
afterAll(async () => {
  await app?.close();
  await webhook?.close();
});

const sequenceOf = (rawBody: string) => (JSON.parse(rawBody) as { sequence: number }).sequence;

describe('a write in doubt on a target', () => {
  it('keeps the newer change from landing before the older one the target was still applying', async () => {
    const person = await createPerson(inject('servers').slapd);
    const mine = (rawBody: string) => rawBody.includes(`"login":"${person.login}"`);
    webhook.processingMs = (request) => (mine(request.rawBody) && sequenceOf(request.rawBody) === 1 ? SLOW_MS : 0);
    const first = strongPassword();
    const one = await acceptedChange(app, person.login, person.password, first);
    // Change 1's attempt has reached the receiver and is being worked on; Passerelle gives up on it after TIMEOUT_MS.
    await waitForStatus(app, one.ref, (body) => body.targets[0]?.reason === 'timeout', 10_000);
    const two = await acceptedChange(app, person.login, first, strongPassword());
    await waitForStatus(app, two.ref, undefined, 20_000);
    // Whatever the order, wait until the receiver has finished with change 1 too.
    const firstReceived = webhook.received.find((request) => mine(request.rawBody) && sequenceOf(request.rawBody) === 1)!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstReceived.at + SLOW_MS + 300 - Date.now())));

    const applied = webhook.applied.filter((request) => mine(request.rawBody)).map((request) => sequenceOf(request.rawBody));
    expect(applied.at(-1)).toBe(2);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    webhook.processingMs = () => 0;
  }, 60_000);
});
