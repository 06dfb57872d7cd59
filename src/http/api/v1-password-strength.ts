/**
 * @module http/api/v1-password-strength
 * POST /api/v1/password/strength: what the meter shows, for integrators. The pages never call it
 * (the browser computes the same thing itself); a password sent here is judged and forgotten.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { loginField, passwordField } from '../../flows/change/input.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { userInputsOf } from '../../policy/user-inputs.ts';
import { verdictOf } from '../../policy/verdict.ts';
import type { AppEnv } from '../env.ts';
import { translateViolation } from '../errors.ts';
import { commonErrors } from './schemas.ts';

const strengthRequest = z
  .object({ password: passwordField, login: loginField.optional() })
  .strict()
  .meta({ id: 'StrengthRequest', example: { password: 'Correct cheval pile agrafe 7', login: 'jdupont2' } });

const strengthResponse = z
  .object({
    score: z.number().int().min(0).max(100).meta({ description: 'What the bar shows, in %.' }),
    level: z.number().int().min(0).max(4),
    label: z.string().meta({ example: 'Bon' }),
    violations: z.array(z.object({ code: z.string(), message: z.string(), source: z.string() })),
  })
  .meta({ id: 'StrengthResponse' });

const route = createRoute({
  method: 'post',
  path: '/api/v1/password/strength',
  tags: ['password'],
  summary: 'Score a candidate password against the policy',
  request: { body: { content: { 'application/json': { schema: strengthRequest } }, required: true } },
  responses: {
    200: { description: 'The score and the rules it breaks.', content: { 'application/json': { schema: strengthResponse } } },
    ...commonErrors,
  },
});

export const registerV1PasswordStrength = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const { password, login } = c.req.valid('json');
    const findings = await c.var.services.estimator.analyse(password, userInputsOf({ login }));
    const { strength, violations } = verdictOf(password, c.var.services.policy, { login }, findings);
    return c.json(
      {
        score: strength.score,
        level: strength.level,
        label: c.var.t(`strength.${strength.level}` as MessageKey),
        violations: violations.map((v) => translateViolation(c.var.t, v)),
      },
      200,
    );
  });
