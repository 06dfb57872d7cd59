/**
 * @module bench/run
 * `npm run bench`: real slapd and Redis on loopback; the change API against its baseline at 1, 16
 * and 64 clients, the strength endpoint, the server's memory, then the sync section. Prints a table
 * of figures next to their targets and writes bench/results/latest.json.
 */
import { startRedis, startSlapd } from '../test/harness/index.ts';
import { printTable, writeResults } from './lib/table.ts';
import type { BenchRow } from './lib/row.ts';
import { startServerProcess } from './lib/server.ts';
import { CONCURRENCY, changeRows, loadBaseline, loadChangeApi, makeAccounts, strengthRows } from './scenarios/change.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const rows: BenchRow[] = [];
const started = performance.now();

const [slapd, redis] = await Promise.all([startSlapd(), startRedis({ appendonly: true })]);
try {
  const servers = { slapd: slapd.info(), redis: redis.info() };
  const server = await startServerProcess(servers);
  try {
    const accounts = await makeAccounts(slapd, 2 * Math.max(...CONCURRENCY) + 8);
    const baselineAccounts = await makeAccounts(slapd, Math.max(...CONCURRENCY));
    for (const connections of CONCURRENCY) {
      process.stderr.write(`change API and baseline, ${connections} client(s), ${SECONDS} s each…\n`);
      const ours = await loadChangeApi(server, accounts, connections, SECONDS);
      const baseline = await loadBaseline(slapd, baselineAccounts, connections, SECONDS);
      rows.push(...changeRows(connections, ours, baseline));
    }
    process.stderr.write('strength endpoint…\n');
    rows.push(...(await strengthRows(server)));
    const rss = server.rssMiB();
    rows.push({ section: 'memory', metric: 'server RSS after the run', value: rss, unit: 'MiB', target: '< 150 MB', met: rss < 150 });
  } finally {
    await server.stop();
  }
} finally {
  await Promise.all([slapd.destroy(), redis.destroy()]);
}

try {
  const { runSyncBench } = (await import('./scenarios/sync.ts')) as { runSyncBench: () => Promise<BenchRow[]> };
  process.stderr.write('sync…\n');
  rows.push(...(await runSyncBench()));
} catch (error) {
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

printTable(rows);
const file = writeResults(rows);
process.stdout.write(`\n${rows.filter((r) => r.met === false).length} target(s) not met; ${file} written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
