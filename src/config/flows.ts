/**
 * @module config/flows
 * Captcha, rate limits, mail, and the options of the two reset flows.
 */
import { z } from 'zod';
import { limit, localizedText, positiveInt } from './common.ts';

export const captchaSection = z
  .object({
    /** image: distorted text drawn by the server. altcha: proof of work, no image (screen-reader friendly). */
    kind: z.enum(['image', 'altcha']).default('image'),
    ttlSeconds: positiveInt.default(600),
    /** Number of characters in the image. */
    length: z.number().int().min(4).max(8).default(5),
    /** Altcha difficulty: the largest number the browser may have to try. */
    altchaMaxNumber: positiveInt.default(100_000),
    /**
     * TESTS ONLY: serves the answer at /test/captcha/:id so that browser tests can solve it.
     * Start-up refuses it unless NODE_ENV=test or the demo asks for it.
     */
    testHook: z.boolean().default(false),
  })
  .strict();

export const rateLimitsSection = z
  .object({
    /** Change password: per client address, and per login typed. */
    changePerAddress: limit(20, 60, 60),
    changePerLogin: limit(5, 300, 300),
    /** Reset-by-mail requests: per client address, per identity typed, and mails sent per account. */
    resetMailPerAddress: limit(10, 600, 600),
    resetMailPerIdentity: limit(3, 3600, 0),
    resetMailsPerAccount: limit(3, 3600, 0),
    /** Reset-link submissions per client address. */
    resetTokenPerAddress: limit(20, 600, 600),
    /** Identity proof: failures per account (default 5 in 24 h, then locked for `identityLockSeconds`). */
    identityFailuresPerAccount: limit(5, 86_400, 86_400),
    identityFailuresPerAddress: limit(20, 86_400, 3_600),
    /** Captcha challenges drawn per client address (each image is a Redis key until it expires). */
    captchaPerAddress: limit(120, 600, 300),
    /** Admin console log-in attempts per address. */
    adminLoginPerAddress: limit(10, 600, 600),
  })
  .strict();

export const mailSection = z
  .object({
    smtp: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().default(25),
        /** Implicit TLS (port 465). */
        secure: z.boolean().default(false),
        /** Refuse to send without STARTTLS. */
        requireTls: z.boolean().default(false),
        user: z.string().optional(),
        password: z.string().optional(),
        caFile: z.string().optional(),
        rejectUnauthorized: z.boolean().default(true),
      })
      .prefault({}),
    from: z.string().min(3),
    replyTo: z.string().optional(),
    /** Notify the account's address after every change or reset. */
    notifyOnChange: z.boolean().default(true),
    /**
     * Logo in mails: an https URL (linked), or a path under /static (sent inside the mail). PNG shows
     * in more mail clients than SVG. Default: institution.logoUrl, or a PNG of the shipped logo.
     */
    logoUrl: z.string().optional(),
    /** Time zone of the dates written in mails (« le 26 novembre 2026 à 14:05 »). */
    timeZone: z.string().default('Europe/Paris'),
    /** Sending attempts per mail when the SMTP server fails (then the job is kept as failed). */
    attempts: positiveInt.max(50).default(5),
    /** First delay between attempts; doubles each time. */
    backoffMs: positiveInt.default(5000),
    /** Mails sent at once by one worker. */
    concurrency: positiveInt.max(32).default(2),
  })
  .strict();

/** Options shared by the two reset flows: what the administrative write also does. */
const resetWriteOptions = {
  /** Clear a directory lock-out (pwdAccountLockedTime, lockoutTime) on reset. */
  unlock: z.boolean().default(true),
  /** Make the person change the password at next log-in. */
  mustChange: z.boolean().default(false),
};

export const resetMailSection = z
  .object({
    enabled: z.boolean().default(true),
    /** What the person types: last name + first name + e-mail, or the login alone, or the e-mail alone. */
    match: z.enum(['name-and-mail', 'login', 'mail']).default('name-and-mail'),
    /** How long a reset link works, in minutes (fractions are for tests: 0.05 is 3 seconds). */
    tokenTtlMinutes: z.number().positive().max(24 * 60).default(30),
    ...resetWriteOptions,
  })
  .strict();

/** Form fields the identity page already uses: a proof cannot take one of these names. */
const RESERVED_FIELDS = ['login', 'newPassword', 'confirmPassword', 'captchaId', 'captchaAnswer', 'altcha', 'intent', 'lang'];

export const identityProof = z
  .object({
    /** Form field name and API key under `proofs`. */
    name: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/)
      .refine((name) => !RESERVED_FIELDS.includes(name), { message: `must not be one of ${RESERVED_FIELDS.join(', ')}` }),
    /** Directory attributes that may hold it; the first one the person has is compared. */
    attributes: z.array(z.string().min(1)).min(1),
    kind: z.enum(['text', 'date']).default('text'),
    /** For dates: how the directory stores them. */
    storedFormat: z.enum(['YYYYMMDD', 'YYYY-MM-DD', 'DD/MM/YYYY', 'generalizedTime']).default('YYYYMMDD'),
    /** For dates: the browser's date picker instead of a text field typed JJ/MM/AAAA (both are accepted). */
    picker: z.boolean().default(false),
    label: localizedText,
    hint: localizedText.optional(),
  })
  .strict();

export const resetIdentitySection = z
  .object({
    enabled: z.boolean().default(true),
    proofs: z.array(identityProof).min(1).default([
      {
        name: 'staffNumber',
        attributes: ['employeeNumber'],
        kind: 'text',
        storedFormat: 'YYYYMMDD',
        picker: false,
        label: { fr: 'Numen (ou Numéro de personne extérieure)', en: 'NUMEN (or external person number)' },
      },
      {
        name: 'birthDate',
        attributes: ['birthDate'],
        kind: 'date',
        storedFormat: 'YYYYMMDD',
        picker: false,
        label: { fr: 'Date de naissance', en: 'Date of birth' },
      },
    ]),
    help: localizedText.default({
      fr: "Le Numéro de personne extérieure vous a été communiqué à votre arrivée si vous n'avez pas de Numen. Si vous l'avez perdu, demandez-le à votre responsable.",
      en: 'Your external person number was given to you on arrival if you have no NUMEN. If you have lost it, ask your manager.',
    }),
    ...resetWriteOptions,
  })
  .strict();
