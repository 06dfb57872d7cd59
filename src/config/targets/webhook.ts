/**
 * @module config/targets/webhook
 * Settings of a `webhook` target: an HTTPS endpoint that receives a signed JSON event per change,
 * with the password only when `includePassword` is on, and then encrypted to `publicKeyFile`.
 */
import { z } from 'zod';

export const webhookTargetSettings = {
  url: z.url().refine((url) => url.startsWith('https://'), { message: 'must be an https:// URL' }),
  /** HMAC-SHA256 key shared with the receiver (header Passerelle-Signature). */
  secret: z.string().min(32, 'at least 32 characters (openssl rand -base64 32)'),
  /** PEM file of the CA that signed the receiver's certificate (else the system store). */
  caFile: z.string().optional(),
  /** Send the new password, encrypted to the receiver's RSA key (compact JWE, RSA-OAEP-256 + A256GCM). */
  includePassword: z.boolean().default(false),
  /** PEM file of the receiver's RSA public key (2048 bits or more); required with includePassword. */
  publicKeyFile: z.string().optional(),
  /** `kid` put in the JWE header, so that the receiver can rotate keys. */
  keyId: z.string().max(64).optional(),
  /** Extra request headers (e.g. an API gateway key). */
  headers: z.record(z.string(), z.string()).default({}),
};

/** Checks that need several keys at once. */
export const webhookTargetRefinement = (settings: { includePassword: boolean; publicKeyFile?: string | undefined }) =>
  !settings.includePassword || settings.publicKeyFile !== undefined;
