/**
 * @module compose/keys
 * Sub-keys derived from the configured secrets, one per purpose.
 */
import { createHmac } from 'node:crypto';

/** A sub-key for one purpose, so one configured secret never serves two uses directly. */
export const deriveKey = (secret: string, purpose: string): string => createHmac('sha256', secret).update(purpose).digest('base64url');
