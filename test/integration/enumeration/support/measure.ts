/**
 * @module test/integration/enumeration/support/measure
 * One enumeration measurement: the same request about an existing account and about an unknown
 * one, in pairs sent together (so that whatever else the machine is doing falls on both alike)
 * after a warm-up, a few pairs at a time over a real loopback connection. Each answer is
 * reduced to what an attacker can compare: status, headers (minus date and request id) and body
 * (minus the request id), plus the time it took.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../../support/app.ts';
import { kolmogorovSmirnov, mannWhitneyU, percentile, signTest, wilcoxonSignedRank, type TestResult } from '../../support/two-sample.ts';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** The app on a loopback port, as a client meets it. */
export const listen = async (app: TestApp): Promise<Listening> => {
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server!.close(() => resolve())) };
};

export interface Request {
  path: string;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ClassResult {
  /** Distinct answers (status, headers, body minus request id) and how many times each came. */
  answers: Record<string, number>;
  ms: number[];
}

export interface Comparison {
  existing: ClassResult;
  unknown: ClassResult;
  /** Per pair, existing minus unknown, in ms. */
  differences: number[];
  /** Paired: the verdict. */
  wilcoxon: TestResult;
  sign: TestResult;
  /** Unpaired, printed for comparison with earlier reports. */
  mannWhitney: TestResult;
  ks: TestResult;
}

const IGNORED_HEADERS = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);

/** What an attacker can compare, request id aside. */
const signature = async (response: Response): Promise<string> => {
  const body = (await response.text()).replace(/"requestId":"[^"]*"/g, '"requestId":"…"').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '…');
  const headers = [...response.headers].filter(([name]) => !IGNORED_HEADERS.has(name)).map(([name, value]) => `${name}: ${value}`).sort();
  return `${response.status}\n${headers.join('\n')}\n\n${body}`;
};

export interface MeasureOptions {
  url: string;
  existing: Request;
  unknown: Request;
  /** Pairs: each sends one request of each class. */
  tries: number;
  /** Pairs in flight at once (twice as many requests). */
  pairs: number;
  warmUp: number;
}

/**
 * `tries` pairs, each an existing-account and an unknown-account request sent together, the one
 * sent first drawn at random. The two of a pair meet the same load (another test file's burst, a
 * collection, a slow disk), so their difference holds what the account changes and little else:
 * if nothing leaks, the differences are symmetric about zero. Unpaired samples, compared whole,
 * also measure how the load moved while they were taken, and failed on a busy CI machine with
 * nothing leaking.
 */
export const measure = async (options: MeasureOptions): Promise<Comparison> => {
  const send = async (request: Request) => {
    const started = performance.now();
    const response = await fetch(`${options.url}${request.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
    });
    const text = await signature(response);
    return { ms: performance.now() - started, text };
  };
  const sendPair = async () => {
    const existingFirst = Math.random() < 0.5;
    const [first, second] = existingFirst ? [options.existing, options.unknown] : [options.unknown, options.existing];
    const [a, b] = await Promise.all([send(first), send(second)]);
    return existingFirst ? { existing: a, unknown: b } : { existing: b, unknown: a };
  };
  for (let i = 0; i < options.warmUp; i += 1) await sendPair();

  const results: Record<'existing' | 'unknown', ClassResult> = { existing: { answers: {}, ms: [] }, unknown: { answers: {}, ms: [] } };
  const differences: number[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: options.pairs }, async () => {
      while (started < options.tries) {
        started += 1;
        const pair = await sendPair();
        for (const which of ['existing', 'unknown'] as const) {
          const into = results[which];
          into.ms.push(pair[which].ms);
          into.answers[pair[which].text] = (into.answers[pair[which].text] ?? 0) + 1;
        }
        differences.push(pair.existing.ms - pair.unknown.ms);
      }
    }),
  );
  return {
    ...results,
    differences,
    wilcoxon: wilcoxonSignedRank(differences),
    sign: signTest(differences),
    mannWhitney: mannWhitneyU(results.existing.ms, results.unknown.ms),
    ks: kolmogorovSmirnov(results.existing.ms, results.unknown.ms),
  };
};

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One line per class and one for the tests, for the report. */
export const describeComparison = (name: string, c: Comparison): string =>
  [
    `${name}: ${c.existing.ms.length} tries each`,
    `  existing account: median ${ms(percentile(c.existing.ms, 50))}, p90 ${ms(percentile(c.existing.ms, 90))}, p99 ${ms(percentile(c.existing.ms, 99))}; answers ${Object.values(c.existing.answers).join(' + ')} (${Object.keys(c.existing.answers).map((a) => a.split('\n')[0]).join(', ')})`,
    `  unknown account:  median ${ms(percentile(c.unknown.ms, 50))}, p90 ${ms(percentile(c.unknown.ms, 90))}, p99 ${ms(percentile(c.unknown.ms, 99))}; answers ${Object.values(c.unknown.answers).join(' + ')} (${Object.keys(c.unknown.answers).map((a) => a.split('\n')[0]).join(', ')})`,
    `  paired difference (existing − unknown): median ${ms(percentile(c.differences, 50))}, p10 ${ms(percentile(c.differences, 10))}, p90 ${ms(percentile(c.differences, 90))}`,
    `  paired: Wilcoxon signed-rank p = ${c.wilcoxon.p.toFixed(4)}; sign test ${c.sign.statistic}/${c.differences.length} positive p = ${c.sign.p.toFixed(4)}`,
    `  unpaired: Mann-Whitney U p = ${c.mannWhitney.p.toFixed(4)}; Kolmogorov-Smirnov D ${c.ks.statistic.toFixed(4)} p = ${c.ks.p.toFixed(4)}`,
  ].join('\n');
