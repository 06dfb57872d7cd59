/**
 * Processes dying at the worst moments: a worker killed with SIGKILL in the middle of a job (the
 * stalled job runs again on another worker and completes), and a web process killed between the
 * primary write and the queueing (the recovery sweep finds the intent, sees the new password
 * binds, and queues it), or before the primary write (the sweep drops the intent).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import {
  canBind, createPerson, deepMerge, rawTestConfig, startRedis, startSlapd, strongPassword, type RedisHandle, type SlapdHandle,
} from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange } from './support/change.ts';
import { crashAfterWrite, startWorkerProcess, writeConfigFile } from './support/processes.ts';
import { makeCommandReceiver, type CommandReceiver } from './support/receivers.ts';
import { eventually, readStatus, stateOf, waitForStatus } from './support/status.ts';
import { commandTarget, createTargetEntry, fastSync, ldapTarget } from './support/targets.ts';

let redis: RedisHandle;
let target: SlapdHandle;
let command: CommandReceiver;
let app: TestApp;
let configFile: string;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  [redis, target] = await Promise.all([startRedis({ appendonly: true }), startSlapd()]);
  command = makeCommandReceiver();
  const raw = deepMerge(rawTestConfig({ slapd: primary(), redis: redis.info() }), {
    sync: { ...fastSync, inProcessWorker: false, targets: [ldapTarget(target), commandTarget(command)] },
    log: { level: 'info' },
  });
  configFile = writeConfigFile(raw);
  // The web side only (no worker in it): the workers are the child processes below.
  app = await makeApp(parseConfig(raw), { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([redis?.destroy(), target?.destroy()]);
});

describe('a worker killed with SIGKILL in the middle of a job', () => {
  it('leaves a stalled job that another worker runs again to completion', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    command.setDelay(30);
    const first = startWorkerProcess(configFile);
    try {
      const newPassword = strongPassword();
      const { ref } = await acceptedChange(app, person.login, person.password, newPassword);
      // The command is running (sleeping) inside worker 1: kill the worker, and its child as a crash would.
      const sleeping = join(command.dir, 'sleeping.1');
      const scriptPid = await eventually('the command to start', () => {
        try {
          return Number(readFileSync(sleeping, 'utf8').trim()) || undefined;
        } catch {
          return undefined;
        }
      });
      first.child.kill('SIGKILL');
      await first.exited;
      process.kill(scriptPid, 'SIGKILL');
      rmSync(sleeping);
      command.setDelay(0);
      expect(stateOf((await readStatus(app, ref)).body, 'script-ent')).toBe('pending');

      const second = startWorkerProcess(configFile);
      try {
        const final = await waitForStatus(app, ref, undefined, 30_000);
        expect(final.targets.map((t) => [t.name, t.state])).toEqual([
          ['annuaire-pedago', 'done'],
          ['script-ent', 'done'],
        ]);
        expect(command.passwordOf(person.login)).toBe(newPassword);
        expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(true);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      command.setDelay(0);
      first.child.kill('SIGKILL');
    }
  });
});

describe('a web process killed between the primary write and the queueing', () => {
  it('is recovered by the sweep: the new password binds on the primary, so it is queued and delivered', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    const ref = await crashAfterWrite(configFile, person.login, newPassword, 'after-write');
    // The primary holds the new password; no job exists yet.
    expect(await canBind(primary().url, person.dn, newPassword, primary().caFile)).toBe(true);
    expect((await readStatus(app, ref)).body.targets.every((t) => t.state === 'pending')).toBe(true);
    expect(await app.runtime.services.syncAdmin!.listJobs({ target: 'annuaire-pedago', login: person.login })).toEqual([]);

    const worker = startWorkerProcess(configFile);
    try {
      const final = await waitForStatus(app, ref, undefined, 30_000);
      expect(final.targets.every((t) => t.state === 'done')).toBe(true);
      expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(true);
      expect(command.passwordOf(person.login)).toBe(newPassword);
      expect(worker.log()).toMatch(/sync intent recovered: the primary holds its password, jobs queued/);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });

  it('drops an intent whose primary write never happened, and writes nothing downstream', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    const ref = await crashAfterWrite(configFile, person.login, newPassword, 'before-write');
    const worker = startWorkerProcess(configFile);
    try {
      // The change is forgotten: its reference no longer answers.
      await eventually('the intent to be dropped', async () => (await readStatus(app, ref)).status === 404, 30_000);
      expect(await canBind(primary().url, person.dn, person.password, primary().caFile)).toBe(true);
      expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(false);
      expect(command.passwordOf(person.login)).toBeUndefined();
      expect(await app.runtime.services.syncAdmin!.personChanges(person.login)).toEqual([]);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
