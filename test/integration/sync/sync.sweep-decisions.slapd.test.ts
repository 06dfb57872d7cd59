/**
 * Two intents the soak showed the recovery sweep mishandling, both left by a commit that met a
 * Redis restart after a 200:
 * - the person changed again since: the intent's password no longer binds, yet the change is not
 *   « never happened »: it is superseded by the newer one, its reference says so on every
 *   target, and the sweep tries no bind with the old password (a failed bind counts towards the
 *   person's lock-out);
 * - its jobs were queued and ran, only the commit's last step (closing the intent) failed: the
 *   sweep closes it as it is, and its reference keeps answering « done ».
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import { syncKeys } from '../../../src/sync/keys.ts';
import {
  canBind, createPerson, deepMerge, rawTestConfig, readPasswordState, startRedis, startSlapd, strongPassword, type RedisHandle, type SlapdHandle,
} from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange } from './support/change.ts';
import { crashAfterWrite, startWorkerProcess, writeConfigFile } from './support/processes.ts';
import { readStatus, waitForStatus } from './support/status.ts';
import { createTargetEntry, fastSync, ldapTarget } from './support/targets.ts';

let redis: RedisHandle;
let target: SlapdHandle;
let app: TestApp;
let configFile: string;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  [redis, target] = await Promise.all([startRedis(), startSlapd()]);
  const raw = deepMerge(rawTestConfig({ slapd: primary(), redis: redis.info() }), {
    sync: { ...fastSync, inProcessWorker: false, targets: [ldapTarget(target)] },
    log: { level: 'info' },
  });
  configFile = writeConfigFile(raw);
  app = await makeApp(parseConfig(raw), { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([redis?.destroy(), target?.destroy()]);
});

describe('an intent left behind, then a newer change of the same login', () => {
  it('is superseded on every target, with no bind tried with its password, and the newer password lands', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    const first = strongPassword();
    const firstRef = await crashAfterWrite(configFile, person.login, first, 'after-write');
    // The dead process held the login's change lock; it would expire in 20 s: expire it now.
    const client = new Redis(redis.url);
    await client.del(syncKeys(app.config.redis.keyPrefix).changing(person.login));
    client.disconnect();
    const second = strongPassword();
    const { ref: secondRef } = await acceptedChange(app, person.login, first, second);
    const failuresBefore = (await readPasswordState(primary(), person.dn)).pwdFailureTime;

    const worker = startWorkerProcess(configFile);
    try {
      const older = await waitForStatus(app, firstRef, undefined, 30_000);
      expect(older.targets.map((t) => [t.name, t.state])).toEqual([['annuaire-pedago', 'superseded']]);
      const newer = await waitForStatus(app, secondRef, undefined, 30_000);
      expect(newer.targets.map((t) => [t.name, t.state])).toEqual([['annuaire-pedago', 'done']]);
      expect(worker.log()).toMatch(/sync intent superseded by a newer change of the login/);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    expect((await readStatus(app, firstRef)).status).toBe(200);
    expect((await readPasswordState(primary(), person.dn)).pwdFailureTime).toEqual(failuresBefore);
    expect(await canBind(target.url, dn, second, target.caFile)).toBe(true);
  });
});

describe('an intent whose jobs already ran (the commit failed at its very end)', () => {
  it('is closed as it is: its reference still answers « done », and it leaves the sweep', async () => {
    const person = await createPerson(primary());
    await createTargetEntry(target, person.login);
    const worker = startWorkerProcess(configFile);
    const keys = syncKeys(app.config.redis.keyPrefix);
    const client = new Redis(redis.url);
    try {
      const { ref } = await acceptedChange(app, person.login, person.password, strongPassword());
      const done = await waitForStatus(app, ref, undefined, 30_000);
      expect(done.targets.map((t) => t.state)).toEqual(['done']);
      // What the commit leaves when Redis fails between queueing the jobs and closing the intent.
      const id = ref.split('.')[0]!;
      await client.hset(keys.change(id), 'phase', 'intent');
      await client.zadd(keys.intents, Date.parse(done.createdAt), id);

      await waitForStatus(app, ref, () => worker.log().includes('sync intent closed: its jobs had already run'), 30_000);
      expect((await readStatus(app, ref)).body.targets.map((t) => t.state)).toEqual(['done']);
      expect(await client.zscore(keys.intents, id)).toBeNull();
    } finally {
      client.disconnect();
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
