/**
 * @module http/api/v1-reset-token
 * POST /api/v1/reset/token: sets a new password with the token of a reset link. The token is used
 * up only when the directory takes the password; a policy refusal leaves it valid.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { resetTokenInput } from '../../flows/reset-mail/input.ts';
import { requireFlow } from '../pages/forgot.ts';
import { apiKeyName, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { requestMeta, syncReceipt } from './request.ts';
import { captchaAnswerSchema, errorBodySchema, passwordErrors, syncReceiptSchema } from './schemas.ts';

const resetTokenRequest = resetTokenInput.extend({ captcha: captchaAnswerSchema.optional() }).meta({
  id: 'ResetTokenRequest',
  description: '`token` is the last part of the link received by mail (`/reset/<token>`).',
  example: { token: 'q3dVx0Zr2m9Lw8cY1o4T7bN6aKfPjHsEuGiR5nXyWzA', newPassword: 'Nouvelle phrase de passe 2026 !' },
});

/** No 401 here: the token is the credential, and a bad one is 410. */
const { 401: _noCredentials, ...tokenErrors } = passwordErrors;

const route = createRoute({
  method: 'post',
  path: '/api/v1/reset/token',
  tags: ['reset'],
  summary: 'Set a new password with a reset-link token',
  description:
    'Applies the policy (ours, the sync targets’ and the directory’s), writes the directory as the service account, then queues the copy to each downstream target. The token is used up only if the write succeeds; every other reset link of the account stops working.',
  request: { body: { content: { 'application/json': { schema: resetTokenRequest } }, required: true } },
  responses: {
    200: {
      description: 'Password set; downstream targets will follow before the deadline.',
      content: { 'application/json': { schema: z.object({ status: z.literal('reset'), login: z.string(), sync: syncReceiptSchema }) } },
    },
    ...tokenErrors,
    410: { description: 'Token unknown, used, replaced by a newer request, or expired (`token_invalid`).', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

export const registerV1ResetToken = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const resetWithToken = requireFlow(c, 'resetWithToken');
    const { captcha, ...input } = c.req.valid('json');
    if (!apiKeyName(c)) await requireCaptcha(c, captcha);
    const result = await resetWithToken(input, requestMeta(c));
    return c.json({ status: 'reset' as const, login: result.login, sync: syncReceipt(c, result.sync) }, 200);
  });
