/**
 * @module flows/reset-mail/input
 * Inputs of the reset-by-mail flow, shared by the pages and the API: the « Mot de passe oublié »
 * request (which fields depend on `resetMail.match`) and the new password sent with a token.
 * Messages are i18n keys; the HTTP layer translates them.
 */
import { z } from 'zod';
import { loginField, passwordField } from '../change/input.ts';

export type ResetMatch = 'name-and-mail' | 'login' | 'mail';

/** No control characters (CR, LF, NUL…): these values end up in LDAP filters, logs and mails. */
const NO_CONTROL = /^[^\p{Cc}\u2028\u2029]*$/u;

const nameField = z
  .string({ error: 'issue.required' })
  .trim()
  .min(1, { error: 'issue.required' })
  .max(128, { error: 'issue.too_long' })
  .regex(NO_CONTROL, { error: 'issue.control_characters' });

/** Loose on purpose (RFC 5321 allows much); the directory decides what exists. */
const mailField = z
  .string({ error: 'issue.required' })
  .trim()
  .min(1, { error: 'issue.required' })
  .max(254, { error: 'issue.too_long' })
  .regex(NO_CONTROL, { error: 'issue.control_characters' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'issue.invalid_mail' });

/** Every field any mode may send, all optional: the API document's body. */
export const forgotFields = z
  .object({
    lastName: z.string().max(1024).optional(),
    firstName: z.string().max(1024).optional(),
    mail: z.string().max(1024).optional(),
    login: z.string().max(1024).optional(),
  })
  .strict();

const schemas = {
  'name-and-mail': z.object({ lastName: nameField, firstName: nameField, mail: mailField }).strict(),
  login: z.object({ login: loginField }).strict(),
  mail: z.object({ mail: mailField }).strict(),
} as const;

/** The request as the configured mode wants it. */
export const forgotInput = <M extends ResetMatch>(match: M) => schemas[match];

export type ForgotInput = { lastName?: string; firstName?: string; mail?: string; login?: string };

/** Fields of each mode, in display order. */
export const FORGOT_FIELDS: Record<ResetMatch, (keyof ForgotInput)[]> = {
  'name-and-mail': ['lastName', 'firstName', 'mail'],
  login: ['login'],
  mail: ['mail'],
};

/** The token is checked by the store (an unknown shape is just an unknown token: `token_invalid`). */
export const resetTokenInput = z
  .object({
    token: z.string({ error: 'issue.required' }).min(1, { error: 'issue.required' }).max(512, { error: 'issue.too_long' }),
    newPassword: passwordField,
  })
  .strict();

export type ResetTokenInput = z.infer<typeof resetTokenInput>;
