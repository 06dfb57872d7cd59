/**
 * @module ports/reset-tokens
 * The slice of the reset-token store other flows need: any password change or reset makes every
 * outstanding reset link of the account useless.
 */
export interface ResetTokenRevoker {
  revokeAll(login: string): Promise<void>;
}
