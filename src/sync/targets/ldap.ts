/**
 * @module sync/targets/ldap
 * `ldap` target: another LDAP directory. The entry holding the login (configurable attribute)
 * gets the password by RFC 3062 Password Modify as the service account (the server hashes it and
 * applies its policy) or by a replace of userPassword.
 */
import { Attribute, Change } from 'ldapts';
import { diagnosticOf, passwordModify, resultCodeOf, sendPasswordWrite } from '../../adapters/ldap/index.ts';
import { isPasserelleError } from '../../errors.ts';
import { checkKnownPolicy, identityOf } from './policy-check.ts';
import { findEntryDn, ldapTargetError, pingPool, targetPool } from './ldap-common.ts';
import type { TargetFactory } from './types.ts';

/**
 * slapd's ppolicy answers 19 "Password is not being changed from existing value" when the entry
 * already holds this password: after a crash between the write and its record, that is success.
 */
export const alreadyHoldsPassword = (error: unknown): boolean =>
  resultCodeOf(error) === 19 && /not being changed from existing value/i.test(diagnosticOf(error));

export const createLdapTarget: TargetFactory<'ldap'> = (config, { logger }) => {
  const log = logger.child({ target: config.name });
  const pool = targetPool(config, log);
  return {
    name: config.name,
    kind: 'ldap',
    timeoutMs: config.connectTimeoutMs + 2 * config.timeoutMs,
    async apply(write) {
      try {
        await pool.asService(async (client) => {
          const dn = await findEntryDn(client, config, write.login);
          try {
            await sendPasswordWrite(() =>
              config.passwordWrite === 'exop'
                ? passwordModify(client, { userIdentity: dn, newPassword: write.password })
                : client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [write.password] }) })),
            );
          } catch (error) {
            if (alreadyHoldsPassword(error)) return;
            throw error;
          }
        });
      } catch (error) {
        if (isPasserelleError(error) && error.details?.reason) throw error;
        throw ldapTargetError(error, 'password write');
      }
    },
    precheck: async (password, person) => checkKnownPolicy(password, config.policy, person, identityOf(config)),
    ping: () => pingPool(pool, 'ping'),
    close: () => pool.close(),
  };
};
