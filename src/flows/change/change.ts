/**
 * @module flows/change/change
 * A person changes their own password: login, current password, new password.
 *
 * Order matters: limits before any directory look-up; our static rules before the credential
 * check (so an unknown login and a known one answer alike); credential failures padded to the same
 * time, and a locked account answered as a wrong password; the sync intent written before the
 * primary write (never lost), jobs queued after it.
 */
import { PasserelleError } from '../../errors.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort } from '../../ports/directory.ts';
import type { NotifierPort } from '../../ports/notifier.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import type { PreparedSync, SyncPort } from '../../ports/sync.ts';
import type { ResetTokenRevoker } from '../../ports/reset-tokens.ts';
import { withFailureFloor } from '../../lib/timing.ts';
import { fold } from '../../policy/fold.ts';
import { analyseFor, checkNewPassword, checkTypedPassword, type PasswordCheckDeps } from '../password-check.ts';
import { afterFailedWrite, afterPasswordWritten } from '../after-write.ts';
import type { ChangeInput } from './input.ts';

export interface ChangeDeps extends PasswordCheckDeps {
  directory: Pick<DirectoryPort, 'findByLogin' | 'verifyPassword' | 'changePassword' | 'precheckPassword'>;
  limits: Pick<RateLimitPort, 'consume'>;
  sync: Pick<SyncPort, 'precheck' | 'prepare' | 'commit' | 'abandon' | 'release'>;
  audit: Pick<AuditPort, 'record'>;
  notifier?: NotifierPort | undefined;
  tokens?: ResetTokenRevoker | undefined;
  /** Minimum duration of a failed credential check (config server.failureFloorMs). */
  failureFloorMs: number;
}

export interface ChangeResult {
  login: string;
  sync: PreparedSync;
}

/** A refused credential check, audited, and answered alike whether the account exists or is locked. */
const refusedCredentials = async (deps: ChangeDeps, input: ChangeInput, meta: RequestMeta, error: unknown): Promise<unknown> => {
  if (!(error instanceof PasserelleError && (error.code === 'invalid_credentials' || error.code === 'account_locked'))) return error;
  await deps.audit.record({
    kind: 'password.change_failed',
    login: input.login,
    ip: meta.ip,
    requestId: meta.requestId,
    outcome: 'failure',
    detail: { reason: error.code },
  });
  // The directory says « locked » whatever password was typed (slapd's ppolicy, AD's 775):
  // passing that on would tell anyone that the login exists (the enumeration test found it).
  // It is answered as a wrong password; the audit keeps the reason, and the reset flows unlock.
  if (error.code === 'account_locked') {
    return new PasserelleError('invalid_credentials', 'Unknown login or wrong password (account locked)', { context: error.context, cause: error });
  }
  return error;
};

export const changePassword = async (deps: ChangeDeps, input: ChangeInput, meta: RequestMeta): Promise<ChangeResult> => {
  await deps.limits.consume('changePerAddress', meta.ip);
  await deps.limits.consume('changePerLogin', fold(input.login));
  checkTypedPassword(deps, input.newPassword, { login: input.login, currentPassword: input.currentPassword });

  // Everything a failure does (audit, the locked answer reworded) happens inside the floor, so that
  // what follows it is the same for every refused request.
  const { person, check, analysis } = await withFailureFloor(deps.failureFloorMs, async () => {
    try {
      const found = await deps.directory.findByLogin(input.login);
      if (!found) throw new PasserelleError('invalid_credentials', 'Unknown login or wrong password');
      // The dictionaries judge the new password on their thread while the directory checks the current one.
      const started = analyseFor(deps, input.newPassword, found);
      return { person: found, check: await deps.directory.verifyPassword(found, input.currentPassword), analysis: started };
    } catch (error) {
      throw await refusedCredentials(deps, input, meta, error);
    }
  });

  await checkNewPassword(deps, input.newPassword, person, input.currentPassword, analysis);

  const prepared = await deps.sync.prepare(person, input.newPassword, 'change');
  try {
    await deps.directory.changePassword(person, input.currentPassword, input.newPassword, check);
  } catch (error) {
    await afterFailedWrite(deps.sync, prepared, error);
    if (error instanceof PasserelleError && (error.code === 'policy' || error.code === 'write_unconfirmed')) {
      await deps.audit.record({
        kind: 'password.change_failed',
        login: person.login,
        ip: meta.ip,
        requestId: meta.requestId,
        outcome: 'failure',
        detail: { reason: error.code === 'policy' ? 'directory_policy' : 'write_unconfirmed' },
      });
    }
    throw error;
  }
  await deps.sync.commit(prepared);

  await afterPasswordWritten(deps, person, 'change', meta, {
    kind: 'password.changed',
    login: person.login,
    ip: meta.ip,
    requestId: meta.requestId,
    outcome: 'success',
    detail: { route: 'change', targets: prepared.targets.length, expired: check === 'must-change' },
  });
  return { login: person.login, sync: prepared };
};
