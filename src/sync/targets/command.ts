/**
 * @module sync/targets/command
 * `command` target: runs the configured executable, without a shell, with the login as its last
 * argument and the password on standard input (UTF-8, then a newline, then end of input): never
 * in argv (visible to every local user in `ps`) nor in the environment (/proc/<pid>/environ).
 * Exit 0 = done; an exit code listed in `retryExitCodes` (default 75, EX_TEMPFAIL), a timeout or
 * a signal = try again later; any other code = refused for good, with the last line of stderr.
 */
import { spawn } from 'node:child_process';
import { checkKnownPolicy, identityOf } from './policy-check.ts';
import { targetError } from '../target-error.ts';
import type { TargetFactory } from './types.ts';

/** stderr kept for the error message (the rest is dropped). */
const STDERR_LIMIT = 4096;
/** After SIGTERM at the timeout, SIGKILL this much later. */
const KILL_GRACE_MS = 2000;

export const createCommandTarget: TargetFactory<'command'> = (config) => {
  const retryCodes = new Set(config.retryExitCodes);
  return {
    name: config.name,
    kind: 'command',
    timeoutMs: config.timeoutMs + KILL_GRACE_MS + 1000,
    apply: (write) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(config.path, [...config.args, write.login], {
          shell: false,
          stdio: ['pipe', 'ignore', 'pipe'],
          ...(config.cwd ? { cwd: config.cwd } : {}),
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            LANG: process.env.LANG ?? 'C.UTF-8',
            ...config.env,
            PASSERELLE_TARGET: config.name,
            PASSERELLE_CHANGE_ID: write.changeId,
            PASSERELLE_SEQUENCE: String(write.sequence),
            PASSERELLE_CHANGED_AT: write.changedAt.toISOString(),
          },
        });
        let stderr = '';
        let timedOut = false;
        child.stderr.on('data', (chunk: Buffer) => {
          if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
        });
        // A command that exits without reading its input makes the write fail with EPIPE: its exit code decides.
        child.stdin.on('error', () => undefined);
        child.stdin.end(`${write.password}\n`);
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
        }, config.timeoutMs);
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(targetError('refused', `cannot run ${config.path}: ${error.message}`, { retry: false }));
        });
        child.once('close', (code, signal) => {
          clearTimeout(timer);
          // A script that echoes its input must not put the password into our logs.
          const lastLine = stderr.split(write.password).join('[redacted]').trim().split('\n').pop()?.slice(0, 200) ?? '';
          const said = lastLine ? `: ${lastLine}` : '';
          if (timedOut) return reject(targetError('timeout', `${config.path} did not finish within ${config.timeoutMs} ms`));
          if (code === 0) return resolve();
          if (code === null) return reject(targetError('unavailable', `${config.path} was killed by ${signal}${said}`, { inDoubt: true }));
          if (retryCodes.has(code)) return reject(targetError('unavailable', `${config.path} exited with ${code} (try again)${said}`));
          return reject(targetError('refused', `${config.path} exited with ${code}${said}`));
        });
      }),
    precheck: async (password, person) => checkKnownPolicy(password, config.policy, person, identityOf(config)),
    ping: async () => undefined,
    close: async () => undefined,
  };
};
