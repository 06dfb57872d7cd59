/**
 * @module test/integration/sync/support/processes
 * Child processes of the fault tests: `passerelle worker` as operators run it, and the web
 * process that dies between the primary write and the queueing. Config files are written as JSON
 * (which YAML reads as is). Every child is killed at the end of the test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Writes a raw config (before parsing) to a file `loadConfig` reads. */
export const writeConfigFile = (raw: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'passerelle-config-')), 'passerelle.yml');
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
};

export interface WorkerProcess {
  child: ChildProcess;
  logFile: string;
  log(): string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
}

/** Starts `node src/bin/passerelle.ts worker --config <file>`, its output in a log file. */
export const startWorkerProcess = (configFile: string): WorkerProcess => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'passerelle-worker-')), 'worker.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(ROOT, 'src/bin/passerelle.ts'), 'worker', '--config', configFile], { stdio: ['ignore', fd, fd], cwd: ROOT });
  children.add(child);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => {
    children.delete(child);
    resolveExit();
  }));
  return { child, logFile, log: () => readFileSync(logFile, 'utf8'), exited };
};

/** Runs the dying web process; resolves with the reference of the intent it left. */
export const crashAfterWrite = (configFile: string, login: string, password: string, phase: 'after-write' | 'before-write'): Promise<string> =>
  new Promise((resolveRef, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/integration/sync/support/crash-after-write.ts'), configFile, login, phase], { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.end(`${password}\n`);
    child.once('exit', (code, signal) => {
      children.delete(child);
      const ref = out.match(/^intent (\S+)$/m)?.[1];
      if (signal === 'SIGKILL' && ref) resolveRef(ref);
      else reject(new Error(`crash-after-write ended with ${code ?? signal}: ${out}${err}`));
    });
  });
