/**
 * @module adapters/active-directory/directory
 * The DirectoryPort on Active Directory (Windows, or Samba as an AD DC), over LDAPS or StartTLS
 * only (the config refuses anything else). Searches, resets and the changes of people who must
 * change their password use the pooled service-account connections; credential checks and own
 * changes bind as the person. Writes and error mapping live in write.ts and errors.ts, shared with
 * the sync engine's AD target.
 */
import type { ActiveDirectoryConfig } from '../../config/directory.ts';
import type { PasserelleError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { checkAdPassword } from '../../policy/active-directory.ts';
import type { CredentialCheck, DirectoryPort, Person } from '../../ports/directory.ts';
import { unavailableError } from '../ldap/errors.ts';
import { escapeFilterValue } from '../ldap/filter.ts';
import { createPeopleFinder } from '../ldap/find-people.ts';
import { createLdapPool } from '../ldap/pool.ts';
import { readEntry, searchEntries } from '../ldap/search.ts';
import { readNetbiosName, withoutDomainPrefix } from './domain-prefix.ts';
import { explainRefusal, mustChangeReason, translateAdError } from './errors.ts';
import { createPolicyReader } from './policy-cache.ts';
import { advertisedPolicyHints, changeAdPassword, resetAdPassword, settleMustChange } from './write.ts';

/** LDAP_MATCHING_RULE_IN_CHAIN: memberOf through nested groups (the primary group is not in memberOf). */
const IN_CHAIN = '1.2.840.113556.1.4.1941';

/**
 * The Active Directory implementation of the directory port.
 * @example createActiveDirectory(config.directory, logger.child({ component: 'directory' }))
 */
export const createActiveDirectory = (config: ActiveDirectoryConfig, logger: Logger): DirectoryPort => {
  const log = logger.child({ adapter: 'active-directory' });
  const pool = createLdapPool(config, log);

  const read = async <T>(operation: Parameters<typeof pool.asService<T>>[0]): Promise<T> => {
    try {
      return await pool.asService(operation, { idempotent: true });
    } catch (error) {
      throw translateAdError(error, { operation: 'read' });
    }
  };

  const policies = createPolicyReader({ read, cacheSeconds: config.policyCacheSeconds, logger: log });

  /** The policy-hints OID to send with resets: configured, and advertised by the server (read once). */
  let hints: Promise<string | undefined> | undefined;
  const policyHints = () => {
    if (!config.policyHints) return Promise.resolve(undefined);
    hints ??= read(advertisedPolicyHints).catch((error: unknown) => {
      hints = undefined;
      throw error;
    });
    return hints;
  };

  /** On a bare 0000052D (Windows), says which of the domain's rules the password breaks, if any. */
  const explained = async (error: PasserelleError, person: Person, password: string): Promise<PasserelleError> => {
    if (error.code !== 'policy') return error;
    const policy = await policies.forPerson(person).catch(() => undefined);
    if (!policy) return error;
    return explainRefusal(error, checkAdPassword(password, policy, { accountName: person.login, displayName: person.displayName }));
  };

  const people = createPeopleFinder(config, (base, search) => read((client) => searchEntries(client, base, search)));

  /** The domain's NetBIOS name, read once (read again after a failure). */
  let netbios: Promise<string | undefined> | undefined;
  const netbiosName = () => {
    netbios ??= read(readNetbiosName).catch((error: unknown) => {
      netbios = undefined;
      throw error;
    });
    return netbios;
  };

  /**
   * After a change made through the service account: the must-change flag must end cleared. If
   * that fails, the password is still changed, so the change is reported as done (its sync intent
   * committed, the person not sent back to a password that is no longer theirs) and the sysadmins
   * get an error log (missing Unexpire Password right, most likely).
   */
  const settleMustChangeAfterWrite = async (person: Person) => {
    try {
      if (await pool.asService((client) => settleMustChange(client, person.dn), { idempotent: true })) {
        log.info({ dn: person.dn }, 'must-change flag cleared with pwdLastSet -1');
      }
    } catch (error) {
      const translated = translateAdError(error, { operation: 'read', dn: person.dn });
      log.error({ dn: person.dn, code: translated.code, reason: translated.context?.reason }, 'password changed, but the must-change flag could not be cleared: clear it by hand');
    }
  };

  return {
    ...people,

    async findByLogin(login, extraAttributes) {
      const typed = login.includes('\\') ? withoutDomainPrefix(login, await netbiosName()) : login;
      return people.findByLogin(typed, extraAttributes);
    },

    async verifyPassword(person, password): Promise<CredentialCheck> {
      try {
        await pool.asPerson(person.dn, password, async () => undefined);
        return 'ok';
      } catch (error) {
        // 532 / 773 come only with the right password: it is proven, a change is allowed.
        const reason = mustChangeReason(error);
        if (reason) {
          log.info({ dn: person.dn, reason }, 'password right but expired or to be changed');
          return 'must-change';
        }
        const translated = translateAdError(error, { operation: 'bind', dn: person.dn });
        log.info({ dn: person.dn, outcome: translated.code, reason: translated.context?.reason }, 'credential check refused');
        throw translated;
      }
    },

    async changePassword(person, current, next, check) {
      try {
        if (check === 'ok') {
          try {
            await pool.asPerson(person.dn, current, (client) => changeAdPassword(client, person.dn, current, next));
            return;
          } catch (error) {
            // Expired or flagged since the check (532 / 773): the password is proven, go on below.
            if (!mustChangeReason(error)) throw error;
          }
        }
        // Expired or must change: the person cannot bind, so the service account sends the same
        // delete-old/add-new; AD still checks the old password and the history there (measured).
        await pool.asService((client) => changeAdPassword(client, person.dn, current, next));
        log.info({ dn: person.dn }, 'expired or must-change password changed through the service account');
      } catch (error) {
        const translated = translateAdError(error, { operation: 'change', dn: person.dn });
        throw await explained(translated, person, next);
      }
      await settleMustChangeAfterWrite(person);
    },

    async resetPassword(person, next, options) {
      try {
        const policyHintsOid = await policyHints();
        await pool.asService((client) => resetAdPassword(client, person.dn, next, { ...options, policyHints: policyHintsOid, refuseDisabled: true }));
      } catch (error) {
        const translated = translateAdError(error, { operation: 'reset', dn: person.dn });
        if (translated.context?.reason === 'protected_account') log.warn({ dn: person.dn }, 'reset refused: protected account (adminCount=1)');
        throw await explained(translated, person, next);
      }
    },

    async isMemberOf(person, groupDn) {
      // Nested groups count: the in-chain rule walks memberOf transitively on the server.
      const filter = `(memberOf:${IN_CHAIN}:=${escapeFilterValue(groupDn)})`;
      return read(async (client) => (await readEntry(client, person.dn, ['1.1'], filter)) !== null);
    },

    async matchesFilter(person, filter) {
      // `filter` comes from the config (target scoping), never from what people type.
      return read(async (client) => (await readEntry(client, person.dn, ['1.1'], filter)) !== null);
    },

    readPolicy: (person) => (person ? policies.forPerson(person) : policies.domain()),

    async precheckPassword(person, password) {
      const policy = await policies.forPerson(person);
      return checkAdPassword(password, policy, { accountName: person.login, displayName: person.displayName });
    },

    async ping() {
      // Samba has no WhoAmI: the service bind (made by the pool) plus a base read of the people base.
      await read(async (client) => {
        if (await readEntry(client, config.base, ['1.1'])) return;
        throw unavailableError('directory', new Error(`people base not found: ${config.base}`));
      });
    },

    close: () => pool.close(),
  };
};
