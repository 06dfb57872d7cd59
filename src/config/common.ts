/**
 * @module config/common
 * Small zod pieces shared by the config sections.
 */
import { z } from 'zod';

/** A duration or size that must be a positive whole number. */
export const positiveInt = z.number().int().positive();

/** Text shown to people, given per language; French is the source language and is required. */
export const localizedText = z.object({ fr: z.string().min(1), en: z.string().min(1).optional() });
export type LocalizedText = z.infer<typeof localizedText>;

/** A Redis-backed limit: at most `points` events per `durationSeconds`, then blocked `blockSeconds`. */
export const limit = (points: number, durationSeconds: number, blockSeconds = 0) =>
  z
    .object({
      points: positiveInt.default(points),
      durationSeconds: positiveInt.default(durationSeconds),
      blockSeconds: z.number().int().min(0).default(blockSeconds),
    })
    .prefault({});
export type LimitConfig = { points: number; durationSeconds: number; blockSeconds: number };

/** An AES-256 key: 32 bytes, base64 (standard or url-safe). */
export const aesKey = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, {
    message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
  });
