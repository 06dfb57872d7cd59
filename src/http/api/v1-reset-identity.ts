/**
 * @module http/api/v1-reset-identity
 * POST /api/v1/reset/identity: login + identity proofs + new password. One answer (401
 * `identity_mismatch`) for any mismatch, unknown logins included; 429 with Retry-After once the
 * account or the caller's address is locked out of this flow.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { identityInput } from '../../flows/reset-identity/input.ts';
import { passwordField } from '../../flows/change/input.ts';
import { requireFlow } from '../pages/forgot.ts';
import { apiKeyName, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { parseInput } from '../validation.ts';
import { requestMeta, syncReceipt } from './request.ts';
import { captchaAnswerSchema, errorBodySchema, passwordErrors, syncReceiptSchema } from './schemas.ts';

/** The document's shape; the configured proofs are checked in the handler (they vary per site). */
const resetIdentityRequest = z
  .object({
    login: z.string().max(1024),
    proofs: z.record(z.string().max(64), z.string().max(1024)).meta({
      description: 'One value per proof named in `resetIdentity.proofs` (default `staffNumber`, `birthDate`). Dates as DD/MM/YYYY or YYYY-MM-DD.',
    }),
    newPassword: passwordField,
    captcha: captchaAnswerSchema.optional(),
  })
  .strict()
  .meta({
    id: 'ResetIdentityRequest',
    example: { login: 'jdupont', proofs: { staffNumber: '02E0298765XYZ', birthDate: '15/01/1970' }, newPassword: 'Nouvelle phrase de passe 2026 !' },
  });

const route = createRoute({
  method: 'post',
  path: '/api/v1/reset/identity',
  tags: ['reset'],
  summary: 'Set a new password after proving identity',
  description:
    'Compares each proof with the directory (case and spaces ignored, dates in any accepted format), in constant time. Failures are capped per account and per address (`rateLimits.identityFailuresPerAccount`, `…PerAddress`); a success clears the account’s count. The account’s owner is mailed after a reset and after a lock-out.',
  request: { body: { content: { 'application/json': { schema: resetIdentityRequest } }, required: true } },
  responses: {
    200: {
      description: 'Password set; downstream targets will follow before the deadline.',
      content: { 'application/json': { schema: z.object({ status: z.literal('reset'), login: z.string(), sync: syncReceiptSchema }) } },
    },
    ...passwordErrors,
    401: {
      description: 'A proof does not match, or the login is unknown (one answer for both): `identity_mismatch`.',
      content: { 'application/json': { schema: errorBodySchema } },
    },
  },
});

export const registerV1ResetIdentity = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const resetByIdentity = requireFlow(c, 'resetByIdentity');
    const { captcha, ...body } = c.req.valid('json');
    const input = parseInput(identityInput(c.var.services.config.resetIdentity.proofs), body);
    if (!apiKeyName(c)) await requireCaptcha(c, captcha);
    const result = await resetByIdentity({ ...input, proofs: input.proofs as Record<string, string> }, requestMeta(c));
    return c.json({ status: 'reset' as const, login: result.login, sync: syncReceipt(c, result.sync) }, 200);
  });
