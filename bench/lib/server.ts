/**
 * @module bench/lib/server
 * Runs `passerelle serve` as a child process on a config file written from the harness's test
 * config, so that the server's CPU and memory are its own (RSS read from /proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { deepMerge, freePort, rawTestConfig, type ConfigServers, type DeepPartial } from '../../test/harness/index.ts';
import type { ConfigInput } from '../../src/config/schema.ts';

/** The bench measures what production runs: the bundle (npm run build:server, run by prebench). */
export const PASSERELLE_ENTRY = 'dist/server/passerelle.js';

/**
 * The node flags of an npm script (`start`, `worker`), read from package.json so that the bench
 * runs each process the way `npm start` / `npm run worker` do. An environment variable
 * (BENCH_SERVER_FLAGS, BENCH_WORKER_FLAGS) replaces them for experiments.
 */
export const nodeFlagsOf = (script: 'start' | 'worker', override?: string): string[] => {
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const words = scripts[script]?.split(/\s+/) ?? [];
  return words.slice(1, words.indexOf(PASSERELLE_ENTRY)).filter((word) => word.startsWith('--'));
};

export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  rssMiB(): number;
  stop(): Promise<void>;
}

const HIGH_LIMIT = { points: 1_000_000_000, durationSeconds: 1, blockSeconds: 0 };

/** A production-like config (info logs, captcha on, API key for the bench) with limits out of the way. */
export const benchConfig = (servers: ConfigServers, port: number, overrides: DeepPartial<ConfigInput> = {}): ConfigInput =>
  deepMerge(rawTestConfig(servers), {
    server: { port, publicUrl: `http://127.0.0.1:${port}`, apiKeys: [{ name: 'bench', key: BENCH_API_KEY }] },
    captcha: { testHook: false },
    rateLimits: { changePerAddress: HIGH_LIMIT, changePerLogin: HIGH_LIMIT },
    log: { level: 'info' },
    ...overrides,
  });

export const startServerProcess = async (servers: ConfigServers, overrides: DeepPartial<ConfigInput> = {}): Promise<ServerProcess> => {
  const port = await freePort();
  const file = join(mkdtempSync(join(tmpdir(), 'passerelle-bench-')), 'passerelle.yml');
  writeFileSync(file, stringify(benchConfig(servers, port, overrides)));
  const child = spawn(process.execPath, [...nodeFlagsOf('start', process.env.BENCH_SERVER_FLAGS), PASSERELLE_ENTRY, 'serve', '--config', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`passerelle serve exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
