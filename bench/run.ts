/**
 * @module bench/run
 * `npm run bench`: real slapd and Redis on loopback; the change API against its baseline at 1, 16
 * and 64 clients, the strength endpoint, the server's memory, one web instance against two, then
 * the sync section. Prints a table of figures next to their targets and writes
 * bench/results/latest.json.
 */
import { startRedis, startSlapd } from '../test/harness/index.ts';
import { printTable, writeResults } from './lib/table.ts';
import type { BenchRow } from './lib/row.ts';
import { startServerProcess } from './lib/server.ts';
import { CONCURRENCY, changeRows, loadBaseline, loadChangeApi, makeAccounts, strengthRows } from './scenarios/change.ts';
import { scaleOutRows } from './scenarios/scale-out.ts';
import { runSyncBench } from './scenarios/sync.ts';

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
      const ours = await loadChangeApi(server, slapd, accounts, connections, SECONDS);
      const baseline = await loadBaseline(slapd, baselineAccounts, connections, SECONDS);
      rows.push(...changeRows(connections, ours, baseline));
    }
    process.stderr.write('strength endpoint…\n');
    rows.push(...(await strengthRows(server)));
    const rss = server.rssMiB();
    rows.push({ section: 'memory', metric: 'server RSS after the run', value: rss, unit: 'MiB', target: '< 150 MB', met: rss < 150 });
    process.stderr.write(`scale-out: one web instance, then two, ${SECONDS} s each…\n`);
    const second = await startServerProcess(servers);
    try {
      rows.push(...(await scaleOutRows([server, second], slapd, accounts, SECONDS)));
    } finally {
      await second.stop();
    }
  } finally {
    await server.stop();
  }
} finally {
  await Promise.all([slapd.destroy(), redis.destroy()]);
}

process.stderr.write('sync…\n');
rows.push(...(await runSyncBench()));

printTable(rows);
const file = writeResults(rows);
process.stdout.write(`\n${rows.filter((r) => r.met === false).length} target(s) not met; ${file} written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
