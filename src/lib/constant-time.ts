/**
 * @module lib/constant-time
 * Compares secrets-like values (identity proofs) without the time depending on where they first
 * differ or on their lengths: both sides are hashed to 32 bytes, then compared with
 * crypto.timingSafeEqual.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when `a` and `b` are the same string; the time taken does not depend on their contents.
 * @example constantTimeEqual('19840312', typedDate)
 */
export const constantTimeEqual = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));
