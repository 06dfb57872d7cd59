/**
 * @module bench/scenarios/sync
 * The sync section of `npm run bench` (runnable alone: `node bench/scenarios/sync.ts`): a real
 * slapd seeded with 10,000 people as an `ldap` target, Redis with AOF, and `passerelle worker` as
 * a child process (its RSS is its own).
 * - lag at idle: from a change accepted (the primary write done, jobs queued) to the password
 *   written on the target, one change at a time; p50 / p99 (target p99 < 2 s);
 * - drain: a backlog of 10,000 changes (10,000 people) written with 1, 2 and 4 concurrent jobs
 *   (target < 60 s each on 2 cores);
 * - the worker's resident memory, now and at its peak (target < 150 MB).
 * The target slapd runs with mdb `dbnosync`: with an fsync per write, this machine kind's disk
 * alone takes about 5 ms per password write, and the drain would measure the disk. One row gives
 * that figure for reference.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { createLdapPool, passwordModify } from '../../src/adapters/ldap/index.ts';
import { createRedis, waitReady } from '../../src/adapters/redis/connection.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { Person } from '../../src/ports/directory.ts';
import { readChange } from '../../src/sync/changes.ts';
import { syncKeys } from '../../src/sync/keys.ts';
import { createSyncRuntime, type SyncRuntime } from '../../src/sync/runtime.ts';
import { deepMerge, personDn, rawTestConfig, startRedis, startSlapd } from '../../test/harness/index.ts';
import { ldifEntry, sshaHash } from '../../test/harness/ldif.ts';
import type { BenchRow } from '../lib/row.ts';
import { nodeFlagsOf, PASSERELLE_ENTRY } from '../lib/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PEOPLE = Number(process.env.BENCH_SYNC_PEOPLE ?? 10_000);
const LAG_SAMPLES = Number(process.env.BENCH_SYNC_LAG_SAMPLES ?? 300);
const TARGET = 'annuaire-bench';
/** The node flags `npm run worker` uses. */
const WORKER_NODE_FLAGS = nodeFlagsOf('worker', process.env.BENCH_WORKER_FLAGS);
const login = (i: number) => `bench${String(i).padStart(5, '0')}`;

/** The people, offline-seeded with one pre-hashed password (slapadd runs no overlay). */
const seed = (): string => {
  const hash = sshaHash('Ancien-Mot-De-Passe-1!');
  return Array.from({ length: PEOPLE }, (_, i) =>
    ldifEntry(personDn(login(i)), { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid: login(i), cn: login(i), sn: login(i), userPassword: hash }),
  ).join('\n');
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Runs `work` on every item with at most `limit` at once. */
const inParallel = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
};

interface WorkerChild {
  child: ChildProcess;
  memoryMiB(): { rss: number; peak: number };
  stop(): Promise<void>;
}

const startWorker = (raw: unknown): WorkerChild => {
  const file = join(mkdtempSync(join(tmpdir(), 'passerelle-bench-')), 'passerelle.yml');
  writeFileSync(file, JSON.stringify(raw));
  // As `npm run worker` runs it (docs/sync.md: a small young generation keeps the RSS down).
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, join(ROOT, PASSERELLE_ENTRY), 'worker', '--config', file], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return {
    child,
    memoryMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) / 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Waits until `check` is true, polling every `everyMs`. */
const until = async (check: () => Promise<boolean>, everyMs: number, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
};

/** Milliseconds per Password Modify on a slapd that fsyncs each write (the disk's share, for reference). */
const fsyncedWriteMs = async (): Promise<number> => {
  const slapd = await startSlapd({ extraSeed: ldifEntry(personDn('fsync'), { objectClass: ['top', 'person', 'inetOrgPerson'], uid: 'fsync', cn: 'fsync', sn: 'fsync' }) });
  const pool = createLdapPool(
    { url: slapd.url, startTls: true, caFile: slapd.caFile, rejectUnauthorized: true, bindDn: slapd.service.dn, bindPassword: slapd.service.password, timeoutMs: 5000, connectTimeoutMs: 3000, poolSize: 1 },
    createLogger({ level: 'silent' }),
  );
  try {
    await pool.asService((client) => passwordModify(client, { userIdentity: personDn('fsync'), newPassword: 'Echauffement-0-Xy9!' }));
    const started = performance.now();
    for (let i = 1; i <= 200; i += 1) await pool.asService((client) => passwordModify(client, { userIdentity: personDn('fsync'), newPassword: `Reference-${i}-Xy9!` }));
    return (performance.now() - started) / 200;
  } finally {
    await pool.close();
    await slapd.destroy();
  }
};

export const runSyncBench = async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const fsyncMs = await fsyncedWriteMs();
  rows.push({ section: 'sync', metric: 'reference: one password write on a slapd that fsyncs (not Passerelle)', value: fsyncMs, unit: 'ms' });
  const [slapd, redis] = await Promise.all([startSlapd({ extraSeed: seed(), dbNoSync: true }), startRedis({ appendonly: true })]);
  const base = rawTestConfig({ slapd: slapd.info(), redis: redis.info() });
  const rawFor = (concurrency: number) =>
    deepMerge(base, {
      sync: {
        targets: [{
          name: TARGET, kind: 'ldap', url: slapd.url, startTls: true, caFile: slapd.caFile, bindDn: slapd.service.dn,
          bindPassword: slapd.service.password, base: slapd.peopleBase, concurrency, poolSize: Math.max(2, concurrency),
        }],
      },
      log: { level: 'warn' },
    });
  const config: Config = parseConfig(rawFor(1));
  const keys = syncKeys(config.redis.keyPrefix);
  const observer = new Redis(redis.url);
  const webRedis = createRedis(config.redis, 'web');
  let runtime: SyncRuntime | undefined;
  let worker: WorkerChild | undefined;
  try {
    await waitReady(webRedis);
    // The web side: intents and jobs, as after a primary write. The directory is not asked
    // (no `appliesTo`, no sweep in this role).
    const directory = {
      matchesFilter: async () => true,
      isMemberOf: async () => true,
      verifyPassword: async () => {
        throw new Error('not used by the bench');
      },
    };
    runtime = createSyncRuntime({ config, logger: createLogger({ level: 'silent' }), directory, role: 'web', redis: webRedis });
    const person = (i: number): Person => ({ dn: personDn(login(i)), login: login(i), extra: {} });
    const pending = () => observer.zcard(keys.pending(TARGET));

    for (const concurrency of [1, 2, 4]) {
      process.stderr.write(`sync: queueing ${PEOPLE} changes, then draining them with concurrency ${concurrency}…\n`);
      await runtime.admin.pause(TARGET);
      const queued = performance.now();
      await inParallel(
        Array.from({ length: PEOPLE }, (_, i) => i),
        64,
        async (i) => {
          const prepared = await runtime!.engine.prepare(person(i), `Bench-${concurrency}-${i}-Xy9!`, 'change');
          await runtime!.engine.commit(prepared);
        },
      );
      const queueSeconds = (performance.now() - queued) / 1000;
      worker = startWorker(rawFor(concurrency));
      const probe = new Queue(`sync-${TARGET}`, { connection: observer, prefix: keys.queuePrefix });
      await until(async () => (await probe.getWorkersCount()) > 0, 50, 60_000, 'the worker to start');
      await probe.close();
      const started = performance.now();
      await runtime.admin.resume(TARGET);
      await until(async () => (await pending()) === 0, 50, 300_000, 'the backlog to drain');
      const seconds = (performance.now() - started) / 1000;
      rows.push(
        { section: 'sync', metric: `drain ${PEOPLE} changes to ldap (slapd without fsync), concurrency ${concurrency}`, value: seconds, unit: 's', target: '< 60 s', met: seconds < 60 },
        { section: 'sync', metric: `throughput, concurrency ${concurrency}`, value: PEOPLE / seconds, unit: 'changes/s' },
        { section: 'sync', metric: `queueing ${PEOPLE} changes (web side, 64 at once)`, value: queueSeconds, unit: 's' },
      );
      const failed = (await runtime.admin.overview())[0]?.counts.failed ?? 0;
      if (failed > 0) throw new Error(`bench: ${failed} sync jobs failed; see the worker's output`);
      if (concurrency !== 4) {
        await worker.stop();
        worker = undefined;
      }
    }

    process.stderr.write(`sync: lag at idle, ${LAG_SAMPLES} changes one at a time…\n`);
    const lags: number[] = [];
    for (let n = 0; n < LAG_SAMPLES; n += 1) {
      const i = n % PEOPLE;
      const prepared = await runtime.engine.prepare(person(i), `Lag-${n}-${i}-Xy9!`, 'change');
      const accepted = Date.now();
      await runtime.engine.commit(prepared);
      const id = prepared.ref.split('.')[0]!;
      let at: number | undefined;
      await until(async () => {
        at = (await readChange(observer, keys, id))?.states[TARGET]?.at;
        return at !== undefined;
      }, 2, 10_000, 'a change to land');
      lags.push(at! - accepted);
    }
    lags.sort((a, b) => a - b);
    const p99 = percentile(lags, 99) / 1000;
    rows.push(
      { section: 'sync', metric: 'lag at idle, p50 (accepted → on the target)', value: percentile(lags, 50) / 1000, unit: 's' },
      { section: 'sync', metric: 'lag at idle, p99', value: p99, unit: 's', target: '< 2 s', met: p99 < 2 },
    );
    const memory = worker!.memoryMiB();
    rows.push(
      { section: 'sync', metric: 'worker RSS after the runs', value: memory.rss, unit: 'MiB', target: '< 150 MB', met: memory.rss < 150 },
      { section: 'sync', metric: 'worker peak RSS (VmHWM)', value: memory.peak, unit: 'MiB', target: '< 150 MB', met: memory.peak < 150 },
    );
  } finally {
    await worker?.stop();
    await runtime?.close();
    webRedis.disconnect();
    observer.disconnect();
    await Promise.all([slapd.destroy(), redis.destroy()]);
  }
  return rows;
};

if (import.meta.main) {
  const { printTable } = await import('../lib/table.ts');
  const started = performance.now();
  printTable(await runSyncBench());
  process.stdout.write(`\nsync bench: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
