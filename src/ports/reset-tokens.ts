/**
 * @module ports/reset-tokens
 * The slice of the reset-token store other flows need: any password change or reset makes every
 * outstanding reset link of the account useless.
 */
export interface ResetTokenRevoker {
  revokeAll(login: string): Promise<void>;
}

/** What a live reset token is bound to. */
export interface ResetTokenGrant {
  login: string;
  expiresAt: Date;
}

/**
 * Reset-link tokens: 32 random bytes (base64url) handed out once; only their SHA-256 is stored,
 * with the TTL. One live token per account: issuing a new one makes the older ones useless.
 * Looking at a token never uses it up; a write claims it, and gives it back if the write fails.
 */
export interface ResetTokenStore extends ResetTokenRevoker {
  /** A new token for the account, valid `ttlSeconds`; every older token of the account stops working. */
  issue(login: string, ttlSeconds: number): Promise<string>;
  /** What the token is bound to, without using it; null when unknown, used, revoked or expired. */
  peek(token: string): Promise<ResetTokenGrant | null>;
  /** Takes the token for one write (atomically: two submits cannot both get it); null when gone. */
  claim(token: string): Promise<ResetTokenGrant | null>;
  /** Gives a claimed token back after a refused write, unless it expired or the account's tokens were revoked meanwhile. */
  release(token: string, grant: ResetTokenGrant): Promise<void>;
}
