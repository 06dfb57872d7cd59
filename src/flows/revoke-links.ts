/**
 * @module flows/revoke-links
 * Revoking an account's outstanding reset links once its password is written. That step comes
 * after the directory write, so it must never turn a done change into an error answer: the
 * person would be told « nothing was written, try again » while the directory (and soon every
 * target) holds the new password, and their next try with the old one would fail. The soak found
 * it: Redis restarting between the write and this call answered 503 for changes that happened.
 * When Redis fails here, the links are left to expire by themselves (resetMail.tokenTtlMinutes)
 * and the success's audit event says so (`linksRevoked: false`).
 */
import type { ResetTokenRevoker } from '../ports/reset-tokens.ts';

/** Revokes the links; false when it could not (nothing thrown). */
export const revokeLinksAfterWrite = async (tokens: ResetTokenRevoker | undefined, login: string): Promise<boolean> => {
  if (!tokens) return true;
  try {
    await tokens.revokeAll(login);
    return true;
  } catch {
    return false;
  }
};

/** The audit detail to add: nothing when revoked, `linksRevoked: false` when not. */
export const revokedDetail = (revoked: boolean): { linksRevoked?: false } => (revoked ? {} : { linksRevoked: false });
