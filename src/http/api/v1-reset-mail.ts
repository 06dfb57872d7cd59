/**
 * @module http/api/v1-reset-mail
 * POST /api/v1/reset/mail: « Mot de passe oublié » for integrators. Always 202 once the request
 * is queued, whether or not an account matches; 400 / 429 / 503 depend only on what was sent, the
 * caller's address and our own state, never on the account.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { forgotFields, forgotInput } from '../../flows/reset-mail/input.ts';
import { requireFlow } from '../pages/forgot.ts';
import { apiKeyName, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { parseInput } from '../validation.ts';
import { requestMeta } from './request.ts';
import { captchaAnswerSchema, commonErrors } from './schemas.ts';

const resetMailRequest = forgotFields.extend({ captcha: captchaAnswerSchema.optional() }).meta({
  id: 'ResetMailRequest',
  description:
    'The fields the configuration names (`resetMail.match`): `lastName` + `firstName` + `mail` (default), `login` alone, or `mail` alone. Names compare ignoring case, accents, spaces and hyphens.',
  example: { lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', mail: 'eloise.lefevre-dupont@ac-exemple.fr' },
});

const route = createRoute({
  method: 'post',
  path: '/api/v1/reset/mail',
  tags: ['reset'],
  summary: 'Ask for a reset link by e-mail',
  description:
    'Queues the request and answers at once. If the fields match directory entries, each gets a single-use link (valid `resetMail.tokenTtlMinutes`) at the address the directory holds; several accounts sharing that address get one mail with a link each. The answer is the same whether or not anything matched.',
  request: { body: { content: { 'application/json': { schema: resetMailRequest } }, required: true } },
  responses: {
    202: {
      description: 'Accepted. A mail follows if, and only if, the fields match an account.',
      content: { 'application/json': { schema: z.object({ status: z.literal('accepted') }) } },
    },
    ...commonErrors,
  },
});

export const registerV1ResetMail = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const requestReset = requireFlow(c, 'requestReset');
    const { captcha, ...fields } = c.req.valid('json');
    const input = parseInput(forgotInput(c.var.services.config.resetMail.match), fields);
    if (!apiKeyName(c)) await requireCaptcha(c, captcha);
    await requestReset(input, requestMeta(c));
    return c.json({ status: 'accepted' as const }, 202);
  });
