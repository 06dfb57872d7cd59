/**
 * @module bench/scenarios/change
 * The change API under load (autocannon) against the real slapd, side by side in the same run
 * with the baseline: the same bind + Password Modify done directly with ldapts on the same slapd.
 * Each virtual client owns its people, so that no two requests change one password at once.
 */
import autocannon from 'autocannon';
import { Client } from 'ldapts';
import { readFileSync } from 'node:fs';
import { createPerson, type SlapdHandle, type TestPerson } from '../../test/harness/index.ts';
import { encodePasswordModify, PASSWORD_MODIFY_OID } from '../../src/adapters/ldap/index.ts';
import type { BenchRow } from '../lib/row.ts';
import { BENCH_API_KEY, type ServerProcess } from '../lib/server.ts';

export const CONCURRENCY = [1, 16, 64] as const;

export interface Account {
  person: TestPerson;
  password: string;
  counter: number;
  /** The password a request still in flight when a run stopped may have set. */
  pending?: string | undefined;
}

let serial = 0;
/** Always new, always valid for our policy and slapd's (history never hit). */
const nextPassword = (account: Account) => `Bench-${account.counter++}-${(serial += 1)}xQ!`;

export const makeAccounts = async (slapd: SlapdHandle, count: number): Promise<Account[]> => {
  const accounts: Account[] = [];
  for (let i = 0; i < count; i += 1) {
    const person = await createPerson(slapd);
    accounts.push({ person, password: person.password, counter: 0 });
  }
  return accounts;
};

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** The change API with `connections` clients for `seconds`. */
export const loadChangeApi = async (server: ServerProcess, slapd: SlapdHandle, accounts: Account[], connections: number, seconds: number): Promise<LoadResult> => {
  const free = [...accounts];
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/password/change',
        headers: { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY },
        setupRequest: (request, ctx) => {
          const context = ctx as Record<string, unknown>;
          const account = free.shift();
          if (!account) throw new Error('not enough bench accounts for the connections');
          const newPassword = nextPassword(account);
          context.account = account;
          context.newPassword = newPassword;
          account.pending = newPassword;
          return { ...request, body: JSON.stringify({ login: account.person.login, currentPassword: account.password, newPassword }) };
        },
        onResponse: (status, _body, ctx) => {
          const context = ctx as Record<string, unknown>;
          const account = context.account as Account;
          if (status === 200) account.password = context.newPassword as string;
          account.pending = undefined;
          free.push(account);
        },
      },
    ],
  });
  await settleInFlight(slapd, accounts.filter((account) => account.pending !== undefined));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
};

/**
 * autocannon stops at its deadline without waiting for the requests in flight, which the server
 * still completes: those accounts may hold either password. A bind tells which, so that the next
 * run starts from the truth (else its first requests fail as wrong passwords).
 */
const settleInFlight = async (slapd: SlapdHandle, accounts: Account[]) => {
  if (accounts.length === 0) return;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const ldap = new Client({ url: slapd.url, timeout: 5000, connectTimeout: 3000 });
  await ldap.startTLS({ ca: [readFileSync(slapd.caFile)], host: '127.0.0.1' });
  try {
    for (const account of accounts) {
      const candidate = account.pending!;
      account.pending = undefined;
      const took = await ldap.bind(account.person.dn, candidate).then(() => true, () => false);
      if (took) account.password = candidate;
    }
  } finally {
    await ldap.unbind().catch(() => undefined);
  }
};

/** The baseline: each client binds as its person and sends Password Modify, on its own connection. */
export const loadBaseline = async (slapd: SlapdHandle, accounts: Account[], connections: number, seconds: number): Promise<LoadResult> => {
  const ca = readFileSync(slapd.caFile);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const client = async (mine: Account[]) => {
    const ldap = new Client({ url: slapd.url, timeout: 5000, connectTimeout: 3000 });
    await ldap.startTLS({ ca: [ca], host: '127.0.0.1' });
    let turn = 0;
    while (performance.now() < deadline) {
      const account = mine[turn++ % mine.length]!;
      const newPassword = nextPassword(account);
      const started = performance.now();
      try {
        await ldap.bind(account.person.dn, account.password);
        await ldap.exop(PASSWORD_MODIFY_OID, encodePasswordModify({ oldPassword: account.password, newPassword }));
        account.password = newPassword;
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
    await ldap.unbind().catch(() => undefined);
  };
  const perClient = Math.max(1, Math.floor(accounts.length / connections));
  await Promise.all(Array.from({ length: connections }, (_, i) => client(accounts.slice(i * perClient, (i + 1) * perClient))));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors };
};

export const changeRows = (connections: number, ours: LoadResult, baseline: LoadResult): BenchRow[] => {
  const ratio = baseline.rps > 0 ? ours.rps / baseline.rps : 0;
  return [
    { section: `change c=${connections}`, metric: 'Passerelle API', value: ours.rps, unit: 'req/s' },
    { section: `change c=${connections}`, metric: 'baseline ldapts bind+modify', value: baseline.rps, unit: 'op/s' },
    { section: `change c=${connections}`, metric: 'ratio Passerelle/baseline', value: ratio, unit: '', target: '≥ 0.90', met: ratio >= 0.9 },
    { section: `change c=${connections}`, metric: 'Passerelle p50', value: ours.p50, unit: 'ms' },
    {
      section: `change c=${connections}`,
      metric: 'Passerelle p99',
      value: ours.p99,
      unit: 'ms',
      ...(connections === 16 ? { target: '< 20 ms', met: ours.p99 < 20 } : {}),
    },
    { section: `change c=${connections}`, metric: 'baseline p50 / p99', value: baseline.p50, unit: `ms / ${baseline.p99.toFixed(1)} ms` },
    { section: `change c=${connections}`, metric: 'errors (ours + baseline)', value: ours.errors + baseline.errors, unit: '', target: '0', met: ours.errors + baseline.errors === 0 },
  ];
};

export const strengthRows = async (server: ServerProcess): Promise<BenchRow[]> => {
  const result = await autocannon({
    url: `${server.url}/api/v1/password/strength`,
    method: 'POST',
    connections: 16,
    duration: 5,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'Correct-Cheval-Pile-Agrafe-7', login: 'jdupont2' }),
  });
  return [
    { section: 'strength c=16', metric: 'throughput', value: result.requests.average, unit: 'req/s' },
    { section: 'strength c=16', metric: 'p99', value: result.latency.p99, unit: 'ms', target: '< 5 ms', met: result.latency.p99 < 5 },
  ];
};
