/**
 * @module flows/reset-identity/reset-identity
 * « Redéfinir mon mot de passe »: login + identity proofs + new password. Birth dates and staff
 * numbers can be guessed, so failures are capped per account (the login typed, whether it exists
 * or not) and per client address; reaching a cap closes this form for a while and says until
 * when, the same way for unknown logins. Any mismatch, unknown login included, is one generic
 * answer, padded to the same minimum time. A success clears the account's failure count.
 */
import { PasserelleError } from '../../errors.ts';
import { withFailureFloor } from '../../lib/timing.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort, Person, ResetOptions } from '../../ports/directory.ts';
import type { NotifierPort, SecurityNotifierPort } from '../../ports/notifier.ts';
import type { LimitBucket, RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import type { ResetTokenRevoker } from '../../ports/reset-tokens.ts';
import type { PreparedSync, SyncPort } from '../../ports/sync.ts';
import { fold } from '../../policy/fold.ts';
import { checkNewPassword, checkTypedPassword, type PasswordCheckDeps } from '../password-check.ts';
import type { ResetResult } from '../reset-mail/confirm.ts';
import type { IdentityInput } from './input.ts';
import { proofAttributes, proofsMatch, type ProofSpec } from './proofs.ts';
import { afterFailedWrite, afterPasswordWritten } from '../after-write.ts';

export interface IdentityResetDeps extends PasswordCheckDeps {
  directory: Pick<DirectoryPort, 'findByLogin' | 'resetPassword' | 'precheckPassword'>;
  limits: Pick<RateLimitPort, 'consume' | 'check' | 'reset'>;
  sync: Pick<SyncPort, 'precheck' | 'prepare' | 'commit' | 'abandon' | 'release'>;
  audit: Pick<AuditPort, 'record'>;
  notifier?: (NotifierPort & Partial<Pick<SecurityNotifierPort, 'identityLockedOut'>>) | undefined;
  tokens?: ResetTokenRevoker | undefined;
  proofs: ProofSpec[];
  /** resetIdentity.unlock / resetIdentity.mustChange */
  options: ResetOptions;
  /** Minimum duration of a failed proof (config server.failureFloorMs). */
  failureFloorMs: number;
}

const mismatch = () => new PasserelleError('identity_mismatch', 'Identity proofs do not match (or unknown login)');

const retryAfterOf = (error: unknown): number | undefined =>
  error instanceof PasserelleError && error.code === 'rate_limited' ? (error.details?.retryAfterSeconds ?? 1) : undefined;

/**
 * Counts one failure in a bucket. Returns the lock's remaining seconds when this failure reached
 * the cap (then a second consume starts the configured block), else undefined.
 */
const countFailure = async (limits: IdentityResetDeps['limits'], bucket: LimitBucket, key: string): Promise<number | undefined> => {
  try {
    await limits.consume(bucket, key);
    await limits.check(bucket, key);
    return undefined;
  } catch (error) {
    if (retryAfterOf(error) === undefined) throw error;
  }
  try {
    await limits.consume(bucket, key);
  } catch (error) {
    const seconds = retryAfterOf(error);
    if (seconds === undefined) throw error;
    return seconds;
  }
  return 1;
};

const lockedError = (seconds: number) =>
  new PasserelleError('rate_limited', 'Identity-proof form locked', { details: { retryAfterSeconds: seconds, scope: 'identity' } });

/**
 * Counts a failed proof against the account (`accountKey`, the same key the flow checks and
 * forgives) and the address; the error to answer (locked or not).
 */
const failedProof = async (deps: IdentityResetDeps, input: IdentityInput, meta: RequestMeta, accountKey: string): Promise<PasserelleError> => {
  const base = { ip: meta.ip, requestId: meta.requestId };
  await deps.audit.record({ kind: 'identity.failed', login: input.login, ...base, outcome: 'failure' });
  const accountLock = await countFailure(deps.limits, 'identityFailuresPerAccount', accountKey);
  const addressLock = await countFailure(deps.limits, 'identityFailuresPerAddress', meta.ip);
  if (accountLock !== undefined) {
    await deps.audit.record({ kind: 'lockout', login: input.login, ...base, outcome: 'failure', detail: { flow: 'reset-identity', scope: 'account', seconds: accountLock } });
    // Tell the real owner, if there is one (looked up again: the failed look-up's result is not kept).
    const owner = await deps.directory.findByLogin(input.login).catch(() => null);
    if (owner) {
      await deps.notifier?.identityLockedOut?.(owner, {
        at: new Date(),
        until: new Date(Date.now() + accountLock * 1000),
        ip: meta.ip,
        userAgent: meta.userAgent,
        language: meta.language,
        requestId: meta.requestId,
      });
    }
  }
  if (addressLock !== undefined) {
    await deps.audit.record({ kind: 'lockout', ...base, outcome: 'failure', detail: { flow: 'reset-identity', scope: 'address', seconds: addressLock } });
  }
  const lock = Math.max(accountLock ?? 0, addressLock ?? 0);
  return lock > 0 ? lockedError(lock) : mismatch();
};

export const resetByIdentity = async (deps: IdentityResetDeps, input: IdentityInput, meta: RequestMeta): Promise<ResetResult> => {
  const accountKey = fold(input.login);
  const base = { ip: meta.ip, requestId: meta.requestId };
  // Locked already: say until when, before any look-up (so the answer is the same for unknown logins).
  await deps.limits.check('identityFailuresPerAddress', meta.ip);
  await deps.limits.check('identityFailuresPerAccount', accountKey);
  // Our rules with what was typed: a weak password costs no attempt and reveals nothing.
  checkTypedPassword(deps, input.newPassword, { login: input.login });

  // A failed proof's bookkeeping (audit, counts, the owner's notice) happens inside the floor,
  // so that what follows it is the same whether the login exists or not.
  const person: Person = await withFailureFloor(deps.failureFloorMs, async () => {
    const found = await deps.directory.findByLogin(input.login, proofAttributes(deps.proofs));
    if (!proofsMatch(deps.proofs, input.proofs, found)) throw await failedProof(deps, input, meta, accountKey);
    return found!;
  });

  // Proven: the account's failures are forgiven (not the address's).
  await deps.limits.reset('identityFailuresPerAccount', accountKey);
  await checkNewPassword(deps, input.newPassword, person);

  const prepared: PreparedSync = await deps.sync.prepare(person, input.newPassword, 'reset-identity');
  try {
    await deps.directory.resetPassword(person, input.newPassword, deps.options);
  } catch (error) {
    await afterFailedWrite(deps.sync, prepared, error);
    const reason = error instanceof PasserelleError ? error.code : 'internal';
    await deps.audit.record({ kind: 'reset.failed', login: person.login, ...base, outcome: 'failure', detail: { reason, route: 'reset-identity' } });
    throw error;
  }
  await deps.sync.commit(prepared);

  await afterPasswordWritten(deps, person, 'reset-identity', meta, {
    kind: 'identity.succeeded',
    login: person.login,
    ...base,
    outcome: 'success',
    detail: { route: 'reset-identity', targets: prepared.targets.length, unlock: deps.options.unlock, mustChange: deps.options.mustChange },
  });
  return { login: person.login, sync: prepared };
};
