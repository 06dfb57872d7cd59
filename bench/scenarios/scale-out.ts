/**
 * @module bench/scenarios/scale-out
 * The change API with one web instance, then with two, on the same slapd and the same Redis (as
 * production runs them behind a load balancer): 32 clients in all, on one instance or split 16 +
 * 16 over two. On this 2-core machine both instances, slapd, Redis and the load generator share
 * the same cores, so the figure says how much a second process gains when the machine is not
 * the limit (on one host: little); on separate hosts the instances add up until slapd saturates.
 */
import type { SlapdHandle } from '../../test/harness/index.ts';
import type { BenchRow } from '../lib/row.ts';
import type { ServerProcess } from '../lib/server.ts';
import { loadChangeApi, type Account } from './change.ts';

const CLIENTS = 32;

export const scaleOutRows = async (
  instances: readonly [ServerProcess, ServerProcess],
  slapd: SlapdHandle,
  accounts: Account[],
  seconds: number,
): Promise<BenchRow[]> => {
  const [first, second] = instances;
  const one = await loadChangeApi(first, slapd, accounts, CLIENTS, seconds);
  const half = Math.floor(accounts.length / 2);
  const both = await Promise.all([
    loadChangeApi(first, slapd, accounts.slice(0, half), CLIENTS / 2, seconds),
    loadChangeApi(second, slapd, accounts.slice(half), CLIENTS / 2, seconds),
  ]);
  const twoRps = both[0].rps + both[1].rps;
  const errors = one.errors + both[0].errors + both[1].errors;
  const section = `scale-out c=${CLIENTS}`;
  return [
    { section, metric: 'one web instance', value: one.rps, unit: `req/s (p99 ${one.p99} ms)` },
    { section, metric: 'two web instances, same slapd and Redis', value: twoRps, unit: `req/s (p99 ${Math.max(both[0].p99, both[1].p99)} ms)` },
    { section, metric: 'two / one', value: one.rps > 0 ? twoRps / one.rps : 0, unit: '' },
    { section, metric: 'errors', value: errors, unit: '', target: '0', met: errors === 0 },
  ];
};
