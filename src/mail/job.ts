/**
 * @module mail/job
 * The payload of a `mail` queue job. What the person typed and who they are is personal data, so
 * the whole job is sealed (AES-256-GCM, lib/seal.ts): Redis, its dumps and BullMQ's failed-job
 * list hold `{ sealed }` only. Opening checks the shape again (zod), as for any input.
 */
import { z } from 'zod';
import type { Sealer } from '../lib/seal.ts';
import type { MailJob } from '../ports/mail-queue.ts';

/** Bound into the seal, so a sealed sync payload can never be opened as a mail job (or the reverse). */
const ASSOCIATED_DATA = 'passerelle:mail-job:v1';

const text = z.string().max(1024);
const language = z.enum(['fr', 'en']);
const origin = z.object({ requestId: text, ip: text.optional(), userAgent: text.optional(), language });
const recipient = z.object({
  login: text,
  mail: text,
  firstName: text.optional(),
  lastName: text.optional(),
  displayName: text.optional(),
  civility: text.optional(),
});
const isoTime = z.iso.datetime();

const mailJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reset-request'),
    query: z.object({ login: text.optional(), mail: text.optional(), firstName: text.optional(), lastName: text.optional() }),
    origin,
  }),
  z.object({
    kind: z.literal('password-changed'),
    recipient,
    language,
    route: z.enum(['change', 'reset-mail', 'reset-identity', 'admin']),
    at: isoTime,
    origin,
  }),
  z.object({ kind: z.literal('identity-lockout'), recipient, language, at: isoTime, until: isoTime, origin }),
]);

/** What BullMQ stores. `kind` stays readable so that an operator can tell jobs apart. */
export interface SealedMailJob {
  kind: MailJob['kind'];
  sealed: string;
}

export const sealMailJob = (sealer: Sealer, job: MailJob): SealedMailJob => ({
  kind: job.kind,
  sealed: sealer.seal(JSON.stringify(job), ASSOCIATED_DATA),
});

/** Opens and checks a job; throws on a tampered, foreign or malformed payload (never worth retrying). */
export const openMailJob = (sealer: Sealer, data: SealedMailJob): MailJob =>
  mailJobSchema.parse(JSON.parse(sealer.open(data.sealed, ASSOCIATED_DATA))) as MailJob;
