/**
 * @module http/form-body
 * Reads a urlencoded or multipart form as plain strings (files are ignored), and maps the errors a
 * flow throws onto the form's fields, so that each page re-renders with one message per problem.
 */
import type { Context } from 'hono';
import { PasserelleError } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { errorMessage, translateIssues, translateViolation } from './errors.ts';
import type { FieldErrors } from './views/form.ts';

export const readForm = async (c: Context<AppEnv>): Promise<Record<string, string>> => {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new PasserelleError('unsupported_media_type', 'Forms must be urlencoded or multipart');
  }
  // A multipart body that does not parse (no closing boundary, wrong boundary) makes the
  // platform's formData() throw a TypeError: that is the sender's mistake, not ours (found by the fuzz).
  const body = await c.req.parseBody().catch(() => {
    throw new PasserelleError('validation', 'Malformed form body', { details: { issues: [{ path: '', code: 'issue.malformed' }] } });
  });
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') form[key] = value;
  }
  return form;
};

/** Codes a form shows inline; anything else goes to the error page. */
const FORM_CODES = new Set([
  'validation',
  'captcha_invalid',
  'invalid_credentials',
  'identity_mismatch',
  'policy',
  'account_locked',
  'rate_limited',
  'unavailable',
  'write_unconfirmed',
  'write_refused',
  'token_invalid',
]);

export interface FieldMapping {
  /** Field that receives policy violations. */
  password: string;
  /** Field that receives credential / identity errors. */
  credentials: string;
  captcha: string;
}

/**
 * Errors of a failed submission, keyed by field; rethrows what a form cannot show.
 * Validation issues go to their field; the rest to the mapped field or to `_form`.
 */
export const formErrors = (c: Context<AppEnv>, error: unknown, fields: FieldMapping): FieldErrors => {
  if (!(error instanceof PasserelleError) || !FORM_CODES.has(error.code)) throw error;
  const t = c.var.t;
  const errors: FieldErrors = {};
  const add = (name: string, message: string) => {
    (errors[name] ??= []).push(message);
  };
  switch (error.code) {
    case 'validation':
      for (const issue of translateIssues(t, error.details)) add(issue.path || '_form', issue.message);
      break;
    case 'policy':
      for (const violation of error.details?.violations ?? []) add(fields.password, translateViolation(t, violation).message);
      break;
    case 'invalid_credentials':
    case 'identity_mismatch':
      add(fields.credentials, errorMessage(t, error));
      break;
    case 'captcha_invalid':
      add(fields.captcha, c.var.services.captcha.kind === 'altcha' ? t('captcha.altcha_invalid') : errorMessage(t, error));
      break;
    default:
      add('_form', errorMessage(t, error));
  }
  return errors;
};
