/**
 * @module flows/reset-mail/confirm
 * The reset link, used. Looking at a token (opening the link) never uses it: mail scanners such
 * as Outlook Safe Links open links before people do. The token is used up only by the write that
 * sets the password: the new password is judged first (a policy failure leaves the token alive),
 * then the token is claimed atomically (two submits cannot both write), then the directory write;
 * if the directory refuses (history, too young…), the token is given back and the person told why.
 */
import { PasserelleError } from '../../errors.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort, ResetOptions } from '../../ports/directory.ts';
import type { NotifierPort } from '../../ports/notifier.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import type { ResetTokenGrant, ResetTokenStore } from '../../ports/reset-tokens.ts';
import type { PreparedSync, SyncPort } from '../../ports/sync.ts';
import { checkNewPassword, type PasswordCheckDeps } from '../password-check.ts';
import { afterFailedWrite, afterPasswordWritten } from '../after-write.ts';
import type { ResetTokenInput } from './input.ts';

export interface ConfirmResetDeps extends PasswordCheckDeps {
  directory: Pick<DirectoryPort, 'findByLogin' | 'resetPassword' | 'precheckPassword'>;
  tokens: Pick<ResetTokenStore, 'peek' | 'claim' | 'release' | 'revokeAll'>;
  limits: Pick<RateLimitPort, 'consume'>;
  sync: Pick<SyncPort, 'precheck' | 'prepare' | 'commit' | 'abandon' | 'release'>;
  audit: Pick<AuditPort, 'record'>;
  notifier?: NotifierPort | undefined;
  /** resetMail.unlock / resetMail.mustChange */
  options: ResetOptions;
}

/** A successful reset, by either forgotten-password route. */
export interface ResetResult {
  login: string;
  sync: PreparedSync;
}

const invalidToken = () => new PasserelleError('token_invalid', 'Reset token unknown, used, replaced or expired');

/**
 * What a token is bound to, without using it (the link page and the form page call this).
 * Throws `token_invalid` for an unknown, used, replaced or expired token.
 */
export const inspectResetToken = async (
  deps: Pick<ConfirmResetDeps, 'tokens' | 'audit'>,
  token: string,
  meta: RequestMeta,
): Promise<ResetTokenGrant> => {
  const grant = await deps.tokens.peek(token);
  if (!grant) {
    await deps.audit.record({ kind: 'reset.expired', ip: meta.ip, requestId: meta.requestId, outcome: 'failure' });
    throw invalidToken();
  }
  return grant;
};

/** Sets the new password of the token's account; the token is used up only if the directory took it. */
export const resetWithToken = async (deps: ConfirmResetDeps, input: ResetTokenInput, meta: RequestMeta): Promise<ResetResult> => {
  await deps.limits.consume('resetTokenPerAddress', meta.ip);
  const grant = await inspectResetToken(deps, input.token, meta);
  const base = { login: grant.login, ip: meta.ip, requestId: meta.requestId };

  const person = await deps.directory.findByLogin(grant.login);
  if (!person) {
    // The account was deleted or renamed since the mail: nothing to reset.
    await deps.tokens.revokeAll(grant.login);
    await deps.audit.record({ kind: 'reset.failed', ...base, outcome: 'failure', detail: { reason: 'account_gone' } });
    throw invalidToken();
  }

  await checkNewPassword(deps, input.newPassword, person);

  const claimed = await deps.tokens.claim(input.token);
  if (!claimed) throw invalidToken();
  let prepared: PreparedSync;
  try {
    prepared = await deps.sync.prepare(person, input.newPassword, 'reset-mail');
  } catch (error) {
    await deps.tokens.release(input.token, claimed);
    throw error;
  }
  try {
    await deps.directory.resetPassword(person, input.newPassword, deps.options);
  } catch (error) {
    await afterFailedWrite(deps.sync, prepared, error);
    // Give the token back even if Redis hiccups now: the person must be able to try another password.
    await deps.tokens.release(input.token, claimed).catch(() => undefined);
    const reason = error instanceof PasserelleError ? error.code : 'internal';
    await deps.audit.record({ kind: 'reset.failed', ...base, outcome: 'failure', detail: { reason, route: 'reset-mail' } });
    throw error;
  }
  await deps.sync.commit(prepared);

  await afterPasswordWritten(deps, person, 'reset-mail', meta, {
    kind: 'reset.used',
    ...base,
    login: person.login,
    outcome: 'success',
    detail: { route: 'reset-mail', targets: prepared.targets.length, unlock: deps.options.unlock, mustChange: deps.options.mustChange },
  });
  return { login: person.login, sync: prepared };
};
