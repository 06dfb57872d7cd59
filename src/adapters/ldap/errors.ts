/**
 * @module adapters/ldap/errors
 * Sorting ldapts failures into "the server answered with a result code" (left to each adapter's
 * own errors.ts to interpret) and "the server could not be reached or did not answer in time",
 * which becomes PasserelleError('unavailable') here, once for both adapters.
 */
import { ResultCodeError } from 'ldapts';
import { PasserelleError, isPasserelleError } from '../../errors.ts';

/** RFC 4511 result codes that say "try again later" rather than "no". */
const TRANSIENT_RESULT_CODES = new Set([
  51, // busy
  52, // unavailable
]);

/** The LDAP result code of a server answer, or undefined for anything else (socket, TLS, timeout). */
export const resultCodeOf = (error: unknown): number | undefined =>
  error instanceof ResultCodeError ? error.code : undefined;

/**
 * The server's diagnostic message, without the " Code: 0xNN" suffix ldapts appends. It never holds
 * a password (the servers do not echo them), so it may be logged.
 */
export const diagnosticOf = (error: unknown): string =>
  error instanceof Error ? error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '') : String(error);

/** What ldapts and connect.ts say, in plain Errors, when the connection failed or timed out. */
const CONNECTION_MESSAGES =
  /Connection timeout|Operation timed out|Socket error|Connection closed before|connection lost|connect timeout|Socket connection not established/i;

/**
 * True when the error means the directory could not be used at all: refused or reset connection,
 * TLS failure (Node's errors carry a string code: ECONNREFUSED, ERR_TLS_CERT_ALTNAME_INVALID,
 * UNABLE_TO_VERIFY_LEAF_SIGNATURE…), connect or operation timeout, a connection closed under a
 * request, busy/unavailable. A bug (TypeError) or a filter ldapts cannot parse is not one.
 */
export const isConnectionFailure = (error: unknown): boolean => {
  if (isPasserelleError(error)) return error.code === 'unavailable';
  const code = resultCodeOf(error);
  if (code !== undefined) return TRANSIENT_RESULT_CODES.has(code);
  if (!(error instanceof Error)) return false;
  const systemCode = (error as NodeJS.ErrnoException).code;
  if (typeof systemCode === 'string') return !systemCode.startsWith('ERR_') || /^ERR_(TLS|SSL|SOCKET)/.test(systemCode);
  return CONNECTION_MESSAGES.test(error.message);
};

/** Wraps a connection failure as `unavailable`, keeping a short safe reason for the logs. */
export const unavailableError = (what: string, error: unknown): PasserelleError =>
  isPasserelleError(error) && error.code === 'unavailable'
    ? error
    : new PasserelleError('unavailable', `${what} unavailable`, {
        context: { what, reason: diagnosticOf(error).split('\n')[0]?.slice(0, 200) },
        cause: error,
        retry: true,
      });

/** Failures that happen before anything is sent: no connection, no TLS session. */
const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const NEVER_CONNECTED_MESSAGES = /connect timeout|Socket connection not established|ECONNREFUSED/i;

/**
 * True when a write was sent and no answer came back: the connection dropped under it or it timed
 * out. The server may have applied it (slapd stopped with SIGTERM finishes the operation it holds,
 * then closes the connection; measured by the soak). A result code, even 51/52, is an answer; a
 * connection that was never made (refused, unreachable, TLS handshake failed) carried nothing.
 */
export const isUnansweredWrite = (error: unknown): boolean => {
  if (isPasserelleError(error) || resultCodeOf(error) !== undefined || !isConnectionFailure(error)) return false;
  const systemCode = (error as NodeJS.ErrnoException).code;
  if (typeof systemCode === 'string' && (NEVER_CONNECTED_CODES.has(systemCode) || /^ERR_(TLS|SSL)|CERT|SIGNATURE/.test(systemCode))) return false;
  return !NEVER_CONNECTED_MESSAGES.test((error as Error).message);
};

/** A password write whose outcome is unknown (see isUnansweredWrite). */
export const unconfirmedWriteError = (error: unknown): PasserelleError =>
  new PasserelleError('write_unconfirmed', 'The directory did not answer the password write', {
    context: { reason: diagnosticOf(error).split('\n')[0]?.slice(0, 200) },
    cause: error,
    retry: true,
  });

/** Sends a password write; an unanswered one becomes `write_unconfirmed` instead of `unavailable`. */
export const sendPasswordWrite = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    throw isUnansweredWrite(error) ? unconfirmedWriteError(error) : error;
  }
};
