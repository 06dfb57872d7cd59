/**
 * @module flows/change/input
 * The change-password input, shared by the page and the API. Messages are i18n keys; the HTTP
 * layer translates them.
 */
import { z } from 'zod';

/** "Required" when the field is missing, "unexpected type" when it holds a number, a list… */
export const requiredText = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'issue.required' : 'issue.invalid_type') };

/** No control characters (CR, LF, NUL…) in identifiers: they end up in filters, logs and mails. */
const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const loginField = z
  .string(requiredText)
  .trim()
  .min(1, { error: 'issue.required' })
  .max(256, { error: 'issue.too_long' })
  .regex(NO_CONTROL, { error: 'issue.control_characters' });

/** Passwords are taken as typed (no trim); the policy judges their content. */
export const passwordField = z
  .string(requiredText)
  .min(1, { error: 'issue.required' })
  .max(1024, { error: 'issue.too_long' });

export const changeInput = z
  .object({
    login: loginField,
    currentPassword: passwordField,
    newPassword: passwordField,
  })
  .strict();

export type ChangeInput = z.infer<typeof changeInput>;
