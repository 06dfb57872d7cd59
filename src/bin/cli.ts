/**
 * @module bin/cli
 * What the operator commands share: exit codes (sysexits.h, so scripts can branch on them),
 * loading the config with a clear message, a logger that keeps stdout for the output, and the
 * ✓ / ⚠ / ✗ signs of human output.
 */
import { ConfigError, loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { PasserelleError } from '../errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';

/** Exit codes of every `passerelle` command. */
export const EXIT = {
  ok: 0,
  /** Something unexpected (a bug): see stderr. */
  failure: 1,
  /** EX_USAGE: wrong arguments. */
  usage: 64,
  /** EX_DATAERR: no such target or job, or the job is not in a state that allows the action. */
  data: 65,
  /** EX_UNAVAILABLE: Redis, the directory, SMTP or a sync target did not answer. */
  unavailable: 69,
  /** EX_CONFIG: the configuration file is missing or invalid. */
  config: 78,
} as const;

export const SIGN = { ok: '✓', warn: '⚠', fail: '✗' } as const;

/** A usage mistake: the message is printed with the command's usage, exit 64. */
export class UsageError extends Error {}

export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Loads the config; prints every problem and returns undefined when it is invalid. */
export const loadConfigOrReport = (path: string | undefined): Config | undefined => {
  try {
    return loadConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`${SIGN.fail} ${error.message}`);
      return undefined;
    }
    throw error;
  }
};

/** Logs go to stderr, warnings and worse only: stdout is the command's output. */
export const cliLogger = (): Logger => createLogger({ level: 'warn', name: 'passerelle-cli' }, process.stderr);

/** Who runs the command, for the audit trail (the person behind sudo when there is one). */
export const cliActor = (): string => {
  const user = process.env.SUDO_USER || process.env.USER || process.env.LOGNAME || 'unknown';
  return `cli:${user}`;
};

/** Exit code and message for an error met while running a command. */
export const reportError = (error: unknown): number => {
  if (error instanceof UsageError) {
    err(`${SIGN.fail} ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof PasserelleError) {
    err(`${SIGN.fail} ${error.message}`);
    if (error.code === 'unavailable') return EXIT.unavailable;
    if (error.code === 'not_found' || error.code === 'validation' || error.code === 'forbidden') return EXIT.data;
    return EXIT.failure;
  }
  // ioredis / BullMQ connection failures are plain errors.
  const text = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|not ready|Connection is closed|ETIMEDOUT|EHOSTUNREACH|enableOfflineQueue/i.test(text)) {
    err(`${SIGN.fail} Redis unavailable: ${text}`);
    return EXIT.unavailable;
  }
  err(`${SIGN.fail} ${text}`);
  return EXIT.failure;
};

/** « 2026-11-25 17:20:17 » in the zone: sortable, unambiguous in an SSH session. */
export const stamp = (iso: string | number, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));

/** « 45s », « 3m20s », « 2h05m », « 3d4h ». */
export const duration = (seconds: number): string => {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600)}h`;
};

/** Columns padded to their widest cell, two spaces apart. */
export const table = (rows: string[][]): string[] => {
  const widths = rows.reduce<number[]>((acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, [...cell].length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join('  ').trimEnd());
};
