/**
 * @module sync/targets/active-directory
 * `active-directory` target: an administrative reset of unicodePwd in another AD domain (the
 * workstation-login case), with the Active Directory adapter's own write (`resetAdPassword`: one
 * modify, protected accounts refused, policy hints when the DC advertises them) and its error
 * mapping. The pre-check reads the target domain's policy (the fine-grained one that applies to
 * the account when there is one) and checks it the way Windows does, before the primary write.
 */
import { isPasserelleError, type PasserelleError } from '../../errors.ts';
import {
  advertisedPolicyHints, createPolicyReader, mustChangeReason, resetAdPassword, translateAdError,
} from '../../adapters/active-directory/index.ts';
import { targetError, type SyncReason } from '../target-error.ts';
import { checkKnownPolicy, checkRules, identityOf } from './policy-check.ts';
import { findEntryDn, ldapTargetError, pingPool, targetPool } from './ldap-common.ts';
import type { TargetFactory } from './types.ts';

/** How long the domain's policy is kept between two reads. */
const POLICY_CACHE_SECONDS = 300;

/** The AD adapter's refusal reasons, as the person-facing reasons of a target. */
const REASONS: Record<string, SyncReason> = {
  protected_account: 'protected',
  insufficient_rights: 'rights',
  no_such_entry: 'no_entry',
};

/** An error of the AD adapter as a target error (the adapter already decided retry or not). */
const asTargetError = (error: PasserelleError) => {
  const detail = typeof error.context?.diagnostic === 'string' ? `: ${error.context.diagnostic}` : '';
  const violations = error.details?.violations?.map((v) => v.code).join(', ');
  if (error.code === 'unavailable') return targetError('unavailable', `reset: domain controller unavailable (${String(error.context?.reason ?? 'no answer')})`, { cause: error });
  if (error.code === 'write_unconfirmed') return targetError('unavailable', `reset: no answer to the write (${String(error.context?.reason ?? 'connection lost')})`, { cause: error, inDoubt: true });
  if (error.code === 'policy') return targetError('policy', `reset refused by the domain's policy (${violations ?? 'no detail'})${detail}`, { cause: error });
  const reason = REASONS[String(error.context?.reason)] ?? 'refused';
  return targetError(reason, `reset: ${error.message}${detail}`, { cause: error, retry: error.retry });
};

export const createActiveDirectoryTarget: TargetFactory<'active-directory'> = (config, { logger }) => {
  const log = logger.child({ target: config.name });
  const pool = targetPool(config, log);
  const identity = identityOf(config);
  const read = <T>(operation: Parameters<typeof pool.asService<T>>[0]) =>
    pool.asService(operation, { idempotent: true }).catch((error: unknown) => {
      throw translateAdError(error, { operation: 'read' });
    });
  const policies = createPolicyReader({ read, cacheSeconds: POLICY_CACHE_SECONDS, logger: log });

  /** The policy-hints OID to send: configured, and advertised by the DC (asked once). */
  let hints: Promise<string | undefined> | undefined;
  const policyHints = () => {
    if (!config.policyHints) return Promise.resolve(undefined);
    hints ??= read(advertisedPolicyHints).catch((error: unknown) => {
      hints = undefined;
      throw error;
    });
    return hints;
  };

  /** Whether `password` is the account's password (a bind, or AD's "must change" answer, says so). */
  const holdsPassword = (dn: string, password: string): Promise<boolean> =>
    pool.asPerson(dn, password, async () => true).catch((error: unknown) => mustChangeReason(error) !== undefined);

  return {
    name: config.name,
    kind: 'active-directory',
    timeoutMs: config.connectTimeoutMs + 3 * config.timeoutMs,
    async apply(write) {
      let dn: string | undefined;
      let oid: string | undefined;
      try {
        oid = await policyHints();
        await pool.asService(async (client) => {
          dn = await findEntryDn(client, config, write.login);
          // The target's own account: never unlocked nor forced to change from here.
          await resetAdPassword(client, dn, write.password, { unlock: false, mustChange: false, policyHints: oid });
        });
      } catch (error) {
        // With policy hints, Windows applies the history to the reset: the same change written
        // again (a worker killed after the write) is refused as "in history". If the account
        // already takes this password, the change is there.
        if (oid && dn && isPasserelleError(error) && error.code === 'policy' && (await holdsPassword(dn, write.password))) return;
        if (isPasserelleError(error) && error.details?.reason) throw error;
        if (isPasserelleError(error)) throw asTargetError(error);
        throw ldapTargetError(error, 'reset');
      }
    },
    async precheck(password, person) {
      const fromConfig = checkKnownPolicy(password, config.policy, person, identity);
      if (!config.precheckDomainPolicy) return fromConfig;
      // The account's fine-grained policy when it has one (e.g. longer passwords for administrators).
      const dn = await read((client) => findEntryDn(client, config, person.login)).catch(() => undefined);
      const policy = dn ? await policies.forPerson({ dn }) : await policies.domain();
      return [...fromConfig, ...checkRules(password, policy, person, identity)];
    },
    ping: () => pingPool(pool, 'ping'),
    close: () => pool.close(),
  };
};
