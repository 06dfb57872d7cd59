/**
 * @module test/harness/process
 * Runs a server binary as a child of this process, its output in a log file, and waits until a
 * probe says it is ready. A failed start throws an error naming the log file and quoting its end.
 * Children still running when this process exits are killed, so a crashed test leaves no server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerSpec {
  /** Shown in errors: "slapd", "redis-server". */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Resolves true once the server answers; called every 50 ms. */
  probe: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  readonly pid: number;
  readonly running: boolean;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash, for fault tests). */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** The last lines of a log file, for error messages. */
export const logTail = (file: string, lines = 30): string =>
  existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log written)';

/** Thrown when a server does not start; `addressInUse` lets the caller retry on other ports. */
export class ServerStartError extends Error {
  readonly addressInUse: boolean;
  constructor(message: string, addressInUse: boolean) {
    super(message);
    this.name = 'ServerStartError';
    this.addressInUse = addressInUse;
  }
}

export const startServer = async (spec: ServerSpec): Promise<ServerProcess> => {
  const fd = openSync(spec.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  live.add(child);
  child.unref();
  let running = true;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => {
      running = false;
      live.delete(child);
      resolve();
    });
  });

  const fail = async (why: string): Promise<never> => {
    if (running) {
      child.kill('SIGKILL');
      await exited;
    }
    const tail = logTail(spec.logFile);
    throw new ServerStartError(
      `${spec.name} did not start: ${why}. Log file: ${spec.logFile}\n--- last lines ---\n${tail}`,
      /address already in use|EADDRINUSE|bind.*failed|errno=98/i.test(tail),
    );
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (spawnError) return fail(`cannot run ${spec.command} (${spawnError.message})`);
    if (!running) return fail(`it exited with code ${child.exitCode ?? child.signalCode}`);
    if (await spec.probe().catch(() => false)) break;
    if (Date.now() > deadline) return fail(`not ready after ${spec.readyTimeoutMs ?? 15_000} ms`);
    await sleep(50);
  }

  const terminate = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    pid: child.pid!,
    get running() {
      return running;
    },
    exited,
    stop: (graceMs = 5_000) => terminate('SIGTERM', graceMs),
    kill: () => terminate('SIGKILL', 0),
  };
};
