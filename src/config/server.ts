/**
 * @module config/server
 * HTTP listener, public address, institution branding, secrets for cookies and payload encryption, logs.
 */
import { z } from 'zod';
import { aesKey, localizedText, positiveInt } from './common.ts';

export const serverSection = z
  .object({
    host: z.string().default('0.0.0.0'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** The address people type; used to build links in mails. No trailing slash. */
    publicUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
    /** Trust X-Forwarded-For from a reverse proxy to find the client address (rate limits, audit). */
    trustProxy: z.boolean().default(false),
    bodyLimitBytes: positiveInt.default(16 * 1024),
    /**
     * Failed credential checks answer no sooner than this, so that an unknown login and a wrong
     * password take the same time. Keep it above the directory's slowest bind.
     */
    failureFloorMs: z.number().int().min(0).default(400),
    /** Callers presenting one of these keys (header `X-Api-Key`) skip the captcha on the API. */
    apiKeys: z.array(z.object({ name: z.string().min(1), key: z.string().min(24) })).default([]),
    metrics: z
      .object({
        /** Bearer token required on /metrics; without it /metrics is served only on `listen`. */
        bearerToken: z.string().min(16).optional(),
        listen: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int() }).optional(),
      })
      .prefault({}),
  })
  .strict();

export const institutionSection = z
  .object({
    name: z.string().min(1),
    /** Logo shown on pages and in mails: a path under /static or an https URL. */
    logoUrl: z.string().default('/static/logo.svg'),
    /** Where people log in once their password is set (shown on success pages). */
    loginUrl: z.url().optional(),
    /** Words people of this institution must not put in a password (its name, city…). */
    words: z.array(z.string().min(2)).default([]),
    /** Hint under the login field. */
    loginHint: localizedText.default({
      fr: '1ère lettre du prénom, nom et parfois un nombre',
      en: 'first letter of the first name, last name and sometimes a number',
    }),
    supportText: localizedText.optional(),
  })
  .strict();

export const securitySection = z
  .object({
    /**
     * Keys for AES-256-GCM payloads in Redis (sync intents and jobs). The first encrypts; the
     * others only decrypt, so a key can be rotated by putting the new one first.
     */
    encryptionKeys: z.array(z.object({ id: z.string().min(1).max(16), key: aesKey })).min(1),
    /** Signs cookies (language is not signed; admin session and reset-form cookies are). */
    cookieSecret: z.string().min(32),
    /** Set Secure on cookies; turn off only for a plain-HTTP demo on localhost. */
    secureCookies: z.boolean().default(true),
  })
  .strict();

export const redisSection = z
  .object({
    url: z.string().default('redis://127.0.0.1:6379'),
    /** Sentinel: the master group name and the sentinels; replaces `url` when given. */
    sentinel: z
      .object({
        name: z.string(),
        sentinels: z.array(z.object({ host: z.string(), port: z.number().int() })).min(1),
        password: z.string().optional(),
      })
      .optional(),
    /** Key prefix for everything Passerelle stores; wrap in braces for Redis Cluster. */
    keyPrefix: z.string().default('passerelle'),
    /** Web requests fail fast (503) when Redis does not answer within this. */
    commandTimeoutMs: positiveInt.default(2000),
  })
  .strict();

export const logSection = z
  .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
  .strict();
