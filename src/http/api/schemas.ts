/**
 * @module http/api/schemas
 * Response schemas shared by the API routes, and the error responses every route documents. The
 * error body is the one shape produced by http/errors.ts.
 */
import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'policy' }),
      message: z.string().meta({ example: 'Le nouveau mot de passe ne respecte pas les règles.' }),
      details: z
        .object({
          violations: z.array(z.object({ code: z.string(), message: z.string(), source: z.string() })).optional(),
          issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
          retryAfterSeconds: z.number().optional(),
        })
        .optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
});

/** Responses of any route that runs a flow. */
export const commonErrors = {
  400: errorResponse('Malformed request (`validation`, with `details.issues`) or wrong captcha (`captcha_invalid`).'),
  413: errorResponse('Body too large.'),
  415: errorResponse('Content-Type must be application/json.'),
  429: errorResponse('Too many requests; see the Retry-After header.'),
  503: errorResponse('Directory or Redis unreachable: nothing was written, try again.'),
};

export const passwordErrors = {
  ...commonErrors,
  401: errorResponse('Wrong login or current password (one answer for both, unknown logins and locked accounts included).'),
  422: errorResponse('The new password breaks a rule (`policy`, with `details.violations`) or the directory refused the write.'),
  423: errorResponse('The account is locked in the directory.'),
};

/** Captcha answer sent by API callers without an API key. */
export const captchaAnswerSchema = z
  .object({ id: z.string().max(512), answer: z.string().max(16_384) })
  .strict()
  .meta({ description: 'Answer to a challenge from GET /api/v1/captcha. Not needed with a valid X-Api-Key header.' });

export const syncReceiptSchema = z
  .object({
    ref: z.string().meta({ description: 'Reference for GET /api/v1/password/sync-status/{ref}; empty when there are no targets.' }),
    deadline: z.string().meta({ description: 'ISO time by which every target will hold the new password.' }),
    targets: z.array(z.object({ name: z.string(), label: z.string() })),
  })
  .meta({ id: 'SyncReceipt' });
