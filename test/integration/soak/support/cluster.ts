/**
 * @module test/integration/soak/support/cluster
 * The soak's Passerelle processes as operators run them: `passerelle serve` (one port each) and
 * `passerelle worker`, each incarnation's output appended to that process's log file (the
 * secrets scan reads them all), killable with any signal and restartable on the same config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Every child still alive when the test file ends is killed (vitest's fork would keep them). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface PasserelleProcess {
  name: string;
  logFile: string;
  /** The web instance's base URL (serve only). */
  url?: string;
  readonly running: boolean;
  /** How many times it was started. */
  readonly starts: number;
  /** Starts it (again) and waits until it is ready. */
  start(): Promise<void>;
  /** Sends `signal` and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  log(): string;
}

/** Writes a raw config as JSON (YAML reads it as is) and returns its path. */
export const writeConfig = (raw: unknown, name: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), `passerelle-soak-${name}-`)), 'passerelle.yml');
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
};

const spawnPasserelle = (command: 'serve' | 'worker', configFile: string, logFile: string): ChildProcess => {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, [join(ROOT, 'src/bin/passerelle.ts'), command, '--config', configFile], { stdio: ['ignore', fd, fd], cwd: ROOT });
    live.add(child);
    child.once('exit', () => live.delete(child));
    return child;
  } finally {
    closeSync(fd);
  }
};

const makeProcess = (
  name: string,
  command: 'serve' | 'worker',
  configFile: string,
  ready: (child: ChildProcess, log: () => string, offset: number) => Promise<boolean>,
  url?: string,
): PasserelleProcess => {
  const logFile = join(mkdtempSync(join(tmpdir(), `passerelle-soak-${name}-`)), `${name}.log`);
  writeFileSync(logFile, '');
  const log = () => readFileSync(logFile, 'utf8');
  let child: ChildProcess | undefined;
  let starts = 0;
  return {
    name,
    logFile,
    url,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    get starts() {
      return starts;
    },
    async start() {
      const offset = log().length;
      child = spawnPasserelle(command, configFile, logFile);
      starts += 1;
      const deadline = Date.now() + 30_000;
      while (!(await ready(child, log, offset))) {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log().slice(offset, offset + 3000)}`);
        if (Date.now() > deadline) throw new Error(`${name} not ready within 30 s:\n${log().slice(-3000)}`);
        await sleep(100);
      }
    },
    async kill(signal) {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolveExit) => current.once('exit', () => resolveExit()));
      current.kill(signal);
      await exited;
    },
    log,
  };
};

/** `passerelle serve` on `port` (the port is in `configFile`); ready when /readyz answers 200. */
export const webProcess = (name: string, configFile: string, port: number): PasserelleProcess => {
  const url = `http://127.0.0.1:${port}`;
  return makeProcess(name, 'serve', configFile, async () => (await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false)), url);
};

/** `passerelle worker`; ready once it logged that it runs. */
export const workerProcess = (name: string, configFile: string): PasserelleProcess =>
  makeProcess(name, 'worker', configFile, async (_child, log, offset) => log().slice(offset).includes('passerelle worker running'));
