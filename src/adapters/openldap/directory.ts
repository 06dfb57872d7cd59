/**
 * @module adapters/openldap/directory
 * The DirectoryPort on OpenLDAP (slapd with the ppolicy overlay). Searches and resets use the
 * pooled service-account connections; credential checks and own changes bind as the person on
 * reused connections, with the ppolicy request control so that slapd says why a bind failed.
 */
import { PasswordPolicyControl, type Client } from 'ldapts';
import type { OpenLdapConfig } from '../../config/directory.ts';
import type { Logger } from '../../lib/logger.ts';
import type { CredentialCheck, DirectoryPolicy, DirectoryPort, Person } from '../../ports/directory.ts';
import { resultCodeOf } from '../ldap/errors.ts';
import { equalityFilter, orFilter } from '../ldap/filter.ts';
import { createPeopleFinder } from '../ldap/find-people.ts';
import { createLdapPool } from '../ldap/pool.ts';
import { firstValueOf, readEntry, readRootDse, searchEntries } from '../ldap/search.ts';
import { translateOpenLdapError } from './errors.ts';
import { changePassword, PPOLICY_PASSWORD_EXPIRED, resetPassword, type WriteContext } from './write.ts';

/** draft-behera ppolicy: changeAfterReset, sent with a successful bind while pwdReset is TRUE. */
const PPOLICY_CHANGE_AFTER_RESET = 2;
/**
 * The person's own policy entry, when they have one (else slapd's ppolicy_default applies).
 * Read with the person (an operational attribute, so named explicitly) to spare the pre-check a
 * round trip.
 */
const POLICY_SUBENTRY = 'pwdPolicySubentry';

export const createOpenLdapDirectory = (config: OpenLdapConfig, logger: Logger): DirectoryPort => {
  const log = logger.child({ adapter: 'openldap' });
  const pool = createLdapPool(config, log);
  const context: WriteContext = { pool, config, logger: log };

  const read = async <T>(operation: Parameters<typeof pool.asService<T>>[0]): Promise<T> => {
    try {
      return await pool.asService(operation, { idempotent: true });
    } catch (error) {
      throw translateOpenLdapError(error, 'read');
    }
  };

  const people = createPeopleFinder(config, (base, search) => read((client) => searchEntries(client, base, search)));

  /** Policy entry DNs (or none) of the people findByLogin returned, kept as long as the Person object. */
  const policyDns = new WeakMap<Person, string | undefined>();

  /** The person's policy entry DN: from the search that found them, else read now. */
  const policyDnOf = async (client: Client, person: Person): Promise<string | undefined> => {
    if (policyDns.has(person)) return policyDns.get(person);
    const entry = await readEntry(client, person.dn, [POLICY_SUBENTRY]);
    return entry ? firstValueOf(entry, POLICY_SUBENTRY) : undefined;
  };

  return {
    ...people,
    async findByLogin(login, extraAttributes = []) {
      const found = await people.findByLogin(login, [...extraAttributes, POLICY_SUBENTRY]);
      if (!found) return null;
      const { [POLICY_SUBENTRY]: policy, ...extra } = found.extra;
      const person = { ...found, extra: extraAttributes.includes(POLICY_SUBENTRY) ? found.extra : extra };
      policyDns.set(person, policy?.[0]);
      return person;
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
        const policyDn = await policyDnOf(client, person);
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

    async precheckPassword(person, password) {
      // slapd's pwdMinLength counts bytes (measured): « é » counts twice.
      const { minLength } = await this.readPolicy(person);
      if (minLength && Buffer.byteLength(password, 'utf8') < minLength) {
        return [{ code: 'directory_too_short', params: { min: minLength }, source: 'directory' }];
      }
      return [];
    },

    async ping() {
      await read((client) => readRootDse(client, ['namingContexts']));
    },

    close: () => pool.close(),
  };
};
