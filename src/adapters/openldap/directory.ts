/**
 * @module adapters/openldap/directory
 * The DirectoryPort on OpenLDAP (slapd with the ppolicy overlay). Searches and resets use the
 * pooled service-account connections; credential checks and own changes bind as the person on
 * reused connections, with the ppolicy request control so that slapd says why a bind failed.
 */
import { PasswordPolicyControl } from 'ldapts';
import type { OpenLdapConfig } from '../../config/directory.ts';
import type { Logger } from '../../lib/logger.ts';
import type { CredentialCheck, DirectoryPolicy, DirectoryPort, Person, PersonQuery } from '../../ports/directory.ts';
import { resultCodeOf } from '../ldap/errors.ts';
import { andFilter, equalityFilter, orFilter } from '../ldap/filter.ts';
import { personAttributes, toPerson } from '../ldap/person.ts';
import { createLdapPool } from '../ldap/pool.ts';
import { firstValueOf, readEntry, readRootDse, searchEntries } from '../ldap/search.ts';
import { translateOpenLdapError } from './errors.ts';
import { changePassword, PPOLICY_PASSWORD_EXPIRED, resetPassword, type WriteContext } from './write.ts';

/** draft-behera ppolicy: changeAfterReset, sent with a successful bind while pwdReset is TRUE. */
const PPOLICY_CHANGE_AFTER_RESET = 2;
/** Homonyms share a family mailbox; more than this many people behind one address is not a match. */
const CANDIDATE_LIMIT = 20;

export const createOpenLdapDirectory = (config: OpenLdapConfig, logger: Logger): DirectoryPort => {
  const log = logger.child({ adapter: 'openldap' });
  const pool = createLdapPool(config, log);
  const context: WriteContext = { pool, config, logger: log };
  const map = config.attributes;

  /** Searches people under `base` matching the configured filter and `criteria`. */
  const searchPeople = async (criteria: string, extra: string[], sizeLimit: number): Promise<Person[]> => {
    try {
      const entries = await pool.asService(
        (client) => searchEntries(client, config.base, { filter: andFilter(config.filter, criteria), attributes: personAttributes(map, extra), sizeLimit }),
        { idempotent: true },
      );
      return entries.map((entry) => toPerson(entry, map, extra));
    } catch (error) {
      throw translateOpenLdapError(error, 'read');
    }
  };

  const read = async <T>(operation: Parameters<typeof pool.asService<T>>[0]): Promise<T> => {
    try {
      return await pool.asService(operation, { idempotent: true });
    } catch (error) {
      throw translateOpenLdapError(error, 'read');
    }
  };

  return {
    async findByLogin(login, extraAttributes = []) {
      if (login.length === 0) return null;
      // Size limit 2: enough to tell "exactly one" from "ambiguous" without reading more.
      const found = await searchPeople(equalityFilter(map.login, login), extraAttributes, 2);
      return found.length === 1 ? found[0]! : null;
    },

    async findCandidates(query: PersonQuery, extraAttributes = []) {
      const present = (value: string | undefined): value is string => value !== undefined && value.length > 0;
      let criteria = [
        ...(present(query.login) ? [equalityFilter(map.login, query.login)] : []),
        ...(present(query.mail) ? [equalityFilter(map.mail, query.mail)] : []),
      ];
      // Names alone only when nothing more precise was typed; the flow compares accents and case.
      if (criteria.length === 0) {
        criteria = [
          ...(present(query.lastName) ? [equalityFilter(map.lastName, query.lastName)] : []),
          ...(present(query.firstName) ? [equalityFilter(map.firstName, query.firstName)] : []),
        ];
      }
      if (criteria.length === 0) return [];
      return searchPeople(andFilter(...criteria), extraAttributes, CANDIDATE_LIMIT);
    },

    async verifyPassword(person, password): Promise<CredentialCheck> {
      const control = new PasswordPolicyControl();
      try {
        await pool.asPerson(person.dn, password, async () => undefined, [control]);
      } catch (error) {
        // slapd reports an expired password only when the password itself was right.
        if (resultCodeOf(error) === 49 && control.value?.error === PPOLICY_PASSWORD_EXPIRED) return 'must-change';
        const translated = translateOpenLdapError(error, 'bind', control.value);
        log.info({ dn: person.dn, outcome: translated.code }, 'credential check refused');
        throw translated;
      }
      if (control.value?.error === PPOLICY_CHANGE_AFTER_RESET) return 'must-change';
      // Bound on a grace log-in: the password has expired.
      if (control.value?.graceAuthNsRemaining !== undefined) return 'must-change';
      return 'ok';
    },

    changePassword: (person, current, next, check) => changePassword(context, person, current, next, check),

    resetPassword: (person, next, options) => resetPassword(context, person, next, options),

    async isMemberOf(person, groupDn) {
      return read(async (client) => {
        const asMember = orFilter(equalityFilter('member', person.dn), equalityFilter('uniqueMember', person.dn));
        if (await readEntry(client, groupDn, ['1.1'], asMember)) return true;
        // memberOf (the memberof overlay) when the directory keeps it; an unknown attribute matches nothing.
        return (await readEntry(client, person.dn, ['1.1'], equalityFilter('memberOf', groupDn))) !== null;
      });
    },

    async matchesFilter(person, filter) {
      // `filter` comes from the config (target scoping), never from what people type.
      return read(async (client) => (await readEntry(client, person.dn, ['1.1'], filter)) !== null);
    },

    async readPolicy(person?: Person): Promise<DirectoryPolicy> {
      // The default policy (slapd.conf's ppolicy_default) is not visible over LDAP: without a
      // person, or for a person under the default policy, slapd does not say. A person with a
      // pwdPolicySubentry of their own names their policy entry, which the service account reads.
      if (!person) return {};
      return read(async (client) => {
        const entry = await readEntry(client, person.dn, ['pwdPolicySubentry']);
        const policyDn = entry ? firstValueOf(entry, 'pwdPolicySubentry') : undefined;
        const policy = policyDn ? await readEntry(client, policyDn, ['pwdMinLength', 'pwdInHistory']) : null;
        if (!policy) return {};
        const number = (name: string) => {
          const value = Number(firstValueOf(policy, name));
          return Number.isInteger(value) && value > 0 ? value : undefined;
        };
        // pwdMinLength counts bytes (measured): a floor for people typing accents, not an exact rule.
        const minLength = number('pwdMinLength');
        const historyLength = number('pwdInHistory');
        return { ...(minLength ? { minLength } : {}), ...(historyLength ? { historyLength } : {}) };
      });
    },

    async ping() {
      await read((client) => readRootDse(client, ['namingContexts']));
    },

    close: () => pool.close(),
  };
};
