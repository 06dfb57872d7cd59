/**
 * The `passerelle` operator commands, spawned as a sysadmin would run them (node
 * src/bin/passerelle.ts … --config <file>), against the real queue: check-config and its exit
 * codes, queue status / jobs / show / retry / discard / pause / resume on a failed job of a
 * stopped `ldap` target, audit search, and Redis out of reach.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import type { ConfigInput } from '../../src/config/schema.ts';
import { canBind, createPerson, freePort, startSlapd, startSmtpSink, strongPassword, type SlapdHandle, type SmtpSink } from '../harness/index.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { changePassword, jobInState, ldapTarget, rawConfig, waitFor, writeConfigFile } from './support/console.ts';

const { slapd, redis } = inject('servers');
const TARGET = 'annuaire-secours';
const BIN = resolve(import.meta.dirname, '../../src/bin/passerelle.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `passerelle <args>` with Node 24 (this process's), as a person in a shell would. */
const passerelle = (...args: string[]): Promise<Run> =>
  new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, USER: 'operateur', SUDO_USER: '' };
    delete env.PASSERELLE_CONFIG;
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });

let target: SlapdHandle;
let sink: SmtpSink;
let raw: ConfigInput;
let file: string;
let app: TestApp;

/** A person in both directories whose change the stopped target then refuses (one attempt). */
const failedChange = async () => {
  const person = await createPerson(slapd);
  if (!target.running) await target.start();
  await createPerson(target, { login: person.login, password: person.password });
  await target.stop();
  const password = strongPassword();
  await changePassword(app, person.login, person.password, password);
  const job = await jobInState(app, TARGET, person.login, 'failed');
  return { person, password, jobId: job.id };
};

beforeAll(async () => {
  [target, sink] = await Promise.all([startSlapd(), startSmtpSink()]);
  raw = rawConfig({ slapd, redis, smtp: sink }, { server: { failureFloorMs: 0 }, sync: { attempts: 1, inProcessWorker: true, targets: [ldapTarget(target.info(), TARGET)] } });
  file = writeConfigFile(raw);
  app = await makeApp(parseConfig(raw), { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([target?.destroy(), sink?.stop()]);
});

describe('passerelle check-config', () => {
  it('validates the file, tries every connection, one ✓/⚠/✗ line each, exit 0', async () => {
    const [human, json] = await Promise.all([passerelle('check-config', '--config', file), passerelle('check-config', '--config', file, '--json')]);
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toBe(`✓ configuration: ${file}`);
    expect(lines).toContain('✓ directory');
    expect(lines).toContain('✓ redis');
    // The harness's Redis runs without AOF: a warning, not a failure.
    expect(lines.some((line) => line.startsWith('⚠ redis-persistence: AOF is off'))).toBe(true);
    expect(lines).toContain(`✓ smtp: ${sink.host}:${sink.port}`);
    expect(lines).toContain(`✓ sync-target:${TARGET}: ldap`);
    expect(lines.at(-1)).toBe('✓ all connections answered');
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'ok', checks: expect.arrayContaining([{ name: 'directory', status: 'ok' }]) });
  });

  it('exits 69 naming the service that does not answer, and 78 naming each bad key', async () => {
    await target.stop();
    const broken = writeConfigFile({ ...raw, server: { ...raw.server, port: 'huit' as unknown as number }, unknownSection: {} } as ConfigInput);
    const [down, invalid] = await Promise.all([passerelle('check-config', '--config', file), passerelle('check-config', '--config', broken)]);
    expect(down.code).toBe(69);
    expect(down.stdout).toMatch(new RegExp(`^✗ sync-target:${TARGET}: ldap: .+$`, 'm'));
    expect(down.stdout).toContain('✓ directory');
    expect(invalid.code).toBe(78);
    expect(invalid.stderr).toContain('server.port');
    expect(invalid.stderr).toContain('unknown key(s) unknownSection');
  });
});

describe('passerelle queue and audit', () => {
  it('shows a failed job in the status, the list and its history', async () => {
    const failed = await failedChange();
    const [status, json, jobs, show] = await Promise.all([
      passerelle('queue', 'status', '--config', file),
      passerelle('queue', 'status', '--config', file, '--json'),
      passerelle('queue', 'jobs', TARGET, '--state', 'failed', '--config', file),
      passerelle('queue', 'show', TARGET, failed.jobId, '--config', file),
    ]);
    expect(status.code).toBe(0);
    const row = status.stdout.split('\n').find((line) => line.startsWith(TARGET))!;
    expect(row.split(/\s{2,}/).slice(0, 6)).toEqual([TARGET, 'running', '0', '0', '0', expect.stringMatching(/^[1-9]\d*$/)]);
    expect(status.stdout).toContain(`last error on ${TARGET}:`);
    const overview = JSON.parse(json.stdout) as { targets: { name: string; counts: { failed: number } }[] };
    expect(overview.targets.find((t) => t.name === TARGET)!.counts.failed).toBeGreaterThanOrEqual(1);
    expect(jobs.stdout).toMatch(new RegExp(`^${failed.jobId}\\s+${failed.person.login}\\s+failed`, 'm'));
    expect(show.stdout).toMatch(/^ {2}attempt 1: (unavailable|timeout): .+\(final\)$/m);
    expect(show.stdout).not.toContain(failed.password);

    // Target back: retry from the shell; the job completes and the password binds there.
    await target.start();
    const retried = await passerelle('queue', 'retry', TARGET, failed.jobId, '--config', file);
    expect(retried.code).toBe(0);
    expect(retried.stdout.trim()).toBe(`✓ job ${failed.jobId} (${failed.person.login}) on ${TARGET}: retried`);
    await jobInState(app, TARGET, failed.person.login, 'completed');
    expect(await canBind(target.url, failed.person.dn, failed.password, target.caFile)).toBe(true);

    const audit = await passerelle('audit', 'search', '--login', failed.person.login, '--kind', 'admin.action', '--json', '--config', file);
    const events = audit.stdout.trim().split('\n').map((line) => JSON.parse(line) as { actor: string; detail: Record<string, unknown> });
    expect(events).toEqual([expect.objectContaining({ actor: 'cli:operateur', detail: expect.objectContaining({ action: 'retry', via: 'cli', result: 'retried' }) })]);
  });

  it('discards only with a reason, and keeps it', async () => {
    const failed = await failedChange();
    const without = await passerelle('queue', 'discard', TARGET, failed.jobId, '--config', file);
    expect(without.code).toBe(64);
    expect(without.stderr).toContain('--reason');
    const done = await passerelle('queue', 'discard', TARGET, failed.jobId, '--reason', 'compte fermé sur le secours', '--config', file);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('discarded');
    const changes = await app.runtime.services.syncAdmin!.personChanges(failed.person.login);
    expect(changes[0]!.targets[0]).toMatchObject({ state: 'discarded', error: 'discarded by cli:operateur: compte fermé sur le secours' });
    const human = await passerelle('audit', 'search', '--login', failed.person.login, '--since', '1h', '--config', file);
    expect(human.stdout).toMatch(/admin\.action\s+\S+\s+cli:operateur\s+success/);
    expect(human.stdout).toContain('reason=compte fermé sur le secours');
  });

  it('pauses and resumes a target', async () => {
    await target.start();
    expect((await passerelle('queue', 'pause', TARGET, '--config', file)).stdout.trim()).toBe(`✓ ${TARGET}: paused`);
    await waitFor('the queue to be paused', async () => ((await app.runtime.services.syncAdmin!.overview())[0]!.paused ? true : undefined));
    const status = await passerelle('queue', 'status', '--config', file);
    expect(status.stdout).toMatch(new RegExp(`^${TARGET}\\s+PAUSED`, 'm'));
    expect((await passerelle('queue', 'resume', TARGET, '--config', file)).code).toBe(0);
    expect((await app.runtime.services.syncAdmin!.overview())[0]!.paused).toBe(false);
  });

  it('exits 65 for an unknown target or job, 64 for bad arguments, 69 when Redis does not answer', async () => {
    const closed = await freePort();
    const away = writeConfigFile({ ...raw, redis: { ...raw.redis, url: `redis://127.0.0.1:${closed}`, commandTimeoutMs: 500 } });
    const [unknownTarget, unknownJob, badState, badSince, noRedis] = await Promise.all([
      passerelle('queue', 'pause', 'nulle-part', '--config', file),
      passerelle('queue', 'show', TARGET, 'c-no-such-job', '--config', file),
      passerelle('queue', 'jobs', TARGET, '--state', 'perdu', '--config', file),
      passerelle('audit', 'search', '--since', 'hier', '--config', file),
      passerelle('queue', 'status', '--config', away),
    ]);
    expect(unknownTarget.code).toBe(65);
    expect(unknownTarget.stderr).toContain(`no sync target named nulle-part (configured: ${TARGET})`);
    expect(unknownJob.code).toBe(65);
    expect(badState.code).toBe(64);
    expect(badSince.code).toBe(64);
    expect(badSince.stderr).toContain('--since');
    expect(noRedis.code).toBe(69);
    expect(noRedis.stderr).toMatch(/^✗ /);
  });
});
