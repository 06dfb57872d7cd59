/**
 * @module http/errors
 * THE table: each error code → HTTP status and message key, and the one JSON error shape
 * `{ error: { code, message, details?, requestId } }`. Pages use the same table for their messages.
 */
import type { ErrorCode, ErrorDetails, PasserelleError, Violation } from '../errors.ts';
import type { MessageKey, Translator } from '../i18n/index.ts';

export const ERROR_STATUS: Record<ErrorCode, { status: 400 | 401 | 403 | 404 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 503; key: MessageKey }> = {
  validation: { status: 400, key: 'error.validation' },
  captcha_invalid: { status: 400, key: 'error.captcha_invalid' },
  invalid_credentials: { status: 401, key: 'error.invalid_credentials' },
  identity_mismatch: { status: 401, key: 'error.identity_mismatch' },
  unauthenticated: { status: 401, key: 'error.unauthenticated' },
  csrf: { status: 403, key: 'error.csrf' },
  forbidden: { status: 403, key: 'error.forbidden' },
  not_found: { status: 404, key: 'error.not_found' },
  token_invalid: { status: 410, key: 'error.token_invalid' },
  payload_too_large: { status: 413, key: 'error.payload_too_large' },
  unsupported_media_type: { status: 415, key: 'error.unsupported_media_type' },
  policy: { status: 422, key: 'error.policy' },
  write_refused: { status: 422, key: 'error.write_refused' },
  account_locked: { status: 423, key: 'error.account_locked' },
  rate_limited: { status: 429, key: 'error.rate_limited' },
  internal: { status: 500, key: 'error.internal' },
  unavailable: { status: 503, key: 'error.unavailable' },
  write_unconfirmed: { status: 503, key: 'error.write_unconfirmed' },
};

export interface TranslatedViolation {
  code: string;
  message: string;
  source: string;
}

export interface TranslatedIssue {
  path: string;
  code: string;
  message: string;
}

/** The message of one violation, in the request's language. */
export const translateViolation = (t: Translator, violation: Violation): TranslatedViolation => ({
  code: violation.code,
  message: t(`violation.${violation.code}` as MessageKey, violation.params),
  source: violation.source ?? 'policy',
});

export const translateIssues = (t: Translator, details: ErrorDetails | undefined): TranslatedIssue[] =>
  (details?.issues ?? []).map((issue) => ({ path: issue.path, code: issue.code, message: t(issue.code as MessageKey, issue.params) }));

/** The top-level message: rate limits say when to come back. */
export const errorMessage = (t: Translator, error: Pick<PasserelleError, 'code' | 'details'>): string => {
  const retryAfter = error.details?.retryAfterSeconds;
  // Past an hour and a half, « 1440 minute(s) » reads badly: say hours.
  if (error.code === 'rate_limited' && retryAfter && retryAfter > 90 * 60) return t('error.rate_limited_hours', { hours: Math.ceil(retryAfter / 3600) });
  return t(ERROR_STATUS[error.code].key, retryAfter ? { minutes: Math.max(1, Math.ceil(retryAfter / 60)) } : undefined);
};

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { violations?: TranslatedViolation[]; issues?: TranslatedIssue[]; retryAfterSeconds?: number };
    requestId: string;
  };
}

/** The JSON body of an error, translated; only the details people may see. */
export const errorBody = (t: Translator, error: Pick<PasserelleError, 'code' | 'details'>, requestId: string): ErrorBody => {
  const details: NonNullable<ErrorBody['error']['details']> = {};
  if (error.details?.violations) details.violations = error.details.violations.map((v) => translateViolation(t, v));
  if (error.details?.issues) details.issues = translateIssues(t, error.details);
  if (error.details?.retryAfterSeconds !== undefined) details.retryAfterSeconds = error.details.retryAfterSeconds;
  return {
    error: {
      code: error.code,
      message: errorMessage(t, error),
      ...(Object.keys(details).length > 0 ? { details } : {}),
      requestId,
    },
  };
};
