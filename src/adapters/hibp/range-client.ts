/**
 * @module adapters/hibp/range-client
 * Have I Been Pwned's Pwned Passwords range API with k-anonymity: only the first 5 hex characters
 * of the password's SHA-1 leave the server, the comparison of the other 35 happens here.
 *
 * Plain `fetch` rather than the `hibp` package or @zxcvbn-ts/matcher-pwned: the protocol is one
 * GET and a line split, and we need our own timeout, padding header and fail-open logging (the
 * zxcvbn matcher is meant to run in the browser, while the person types, which we refuse to do).
 */
import { createHash } from 'node:crypto';
import type { BreachedPasswordPort } from '../../ports/breached.ts';

export interface HibpRangeOptions {
  /** Base URL ending with `/`; the prefix is appended (`https://api.pwnedpasswords.com/range/`). */
  url: string;
  /** Whole request, answer included; past it the check fails open. */
  timeoutMs: number;
}

/** The slice of pino's logger the client uses (a pino `Logger` fits). */
export interface WarnLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** One suffix line of the answer: 35 hex characters, a colon, the count (« 0 » for padding). */
const LINE = /^([0-9A-F]{35}):(\d+)$/;

/**
 * Whether `suffix` (35 upper-case hex characters) is listed with a non-zero count. With
 * `Add-Padding: true` the answer also carries made-up suffixes with a count of 0, so that its size
 * does not reveal the prefix; those never count as a hit.
 */
export const suffixListed = (body: string, suffix: string): boolean => {
  for (const raw of body.split('\n')) {
    const line = LINE.exec(raw.trim().toUpperCase());
    if (line && line[1] === suffix && Number(line[2]) > 0) return true;
  }
  return false;
};

/** What a failure is called in the one warning line (never the password, its hash or prefix). */
const reasonOf = (error: unknown): string => {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'unknown';
};

/**
 * The range client. Fails open: when HIBP is unreachable, slow or answers oddly, `isBreached`
 * resolves `false` after at most `timeoutMs` and logs one warning with the reason and the elapsed
 * time only.
 */
export const createHibpRangeClient = (options: HibpRangeOptions, logger: WarnLogger): BreachedPasswordPort => {
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  return {
    async isBreached(password) {
      const hash = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
      const prefix = hash.slice(0, 5);
      const started = performance.now();
      const warn = (reason: string) =>
        logger.warn({ reason, elapsedMs: Math.round(performance.now() - started) }, 'breached-password check skipped');
      try {
        const response = await fetch(`${base}${prefix}`, {
          headers: { 'add-padding': 'true', 'user-agent': 'Passerelle' },
          // Covers the body too: a server that sends headers and then stalls is cut off as well.
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) {
          await response.body?.cancel();
          warn(`http ${response.status}`);
          return false;
        }
        return suffixListed(await response.text(), hash.slice(5));
      } catch (error) {
        warn(reasonOf(error));
        return false;
      }
    },
  };
};
