/**
 * @module flows/flows
 * The use cases as the HTTP layer (and the metrics wrapper) call them, already wired to their
 * ports by the composition root.
 */
import type { ChangeResult } from './change/change.ts';
import type { ChangeInput } from './change/input.ts';
import type { IdentityInput } from './reset-identity/input.ts';
import type { ResetResult } from './reset-mail/confirm.ts';
import type { ForgotInput, ResetTokenInput } from './reset-mail/input.ts';
import type { RequestMeta } from '../ports/request.ts';
import type { ResetTokenGrant } from '../ports/reset-tokens.ts';

/** The use cases, already wired to their ports by compose.ts. */
export interface Flows {
  change(input: ChangeInput, meta: RequestMeta): Promise<ChangeResult>;
  /** Reset by e-mail link (absent when `resetMail.enabled` is off): queue the request; same answer for everyone. */
  requestReset?: ((input: ForgotInput, meta: RequestMeta) => Promise<void>) | undefined;
  /** What a reset token is bound to, without using it; throws `token_invalid`. */
  inspectResetToken?: ((token: string, meta: RequestMeta) => Promise<ResetTokenGrant>) | undefined;
  /** Sets the password with a reset token; the token is used up only if the directory takes it. */
  resetWithToken?: ((input: ResetTokenInput, meta: RequestMeta) => Promise<ResetResult>) | undefined;
  /** Reset by identity proof (absent when `resetIdentity.enabled` is off). */
  resetByIdentity?: ((input: IdentityInput, meta: RequestMeta) => Promise<ResetResult>) | undefined;
}
