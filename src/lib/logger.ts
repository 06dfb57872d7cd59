/**
 * @module lib/logger
 * The pino logger and its redaction list, declared once. Code should never hand a secret to the
 * logger; redaction is the safety net for when someone does (a whole request body, an error).
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line, at the top level and one level down. */
export const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'bindPassword',
  'token',
  'captchaAnswer',
  'answer',
  'proofs',
  'cookie',
  'authorization',
  'x-api-key',
  'sealed',
  'secret',
];

const property = (key: string) => (/^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const redactPaths = SECRET_KEYS.flatMap((key) => {
  const tail = property(key);
  return [tail.startsWith('.') ? key : `this${tail}`.replace(/^this/, ''), `*${tail}`, `*.*${tail}`];
}).filter((path) => !path.startsWith('['));

export type { Logger };

export const createLogger = (options: { level: string; name?: string }, destination?: pino.DestinationStream): Logger => {
  const config: LoggerOptions = {
    level: options.level,
    name: options.name ?? 'passerelle',
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(config, destination) : pino(config);
};
