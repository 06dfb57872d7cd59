/**
 * @module sync/targets/samba-nt
 * `samba-nt` target: the Samba 3 attributes of the entry holding the login in an LDAP directory:
 * sambaNTPassword (the NT hash: upper-case hex MD4 of the UTF-16LE password) and sambaPwdLastSet
 * (seconds since 1970). The hash is as good as the password for NTLM: it is computed in memory at
 * write time and never stored or logged anywhere else.
 */
import { Attribute, Change } from 'ldapts';
import { isPasserelleError } from '../../errors.ts';
import { sendPasswordWrite } from '../../adapters/ldap/index.ts';
import { checkKnownPolicy, identityOf } from './policy-check.ts';
import { findEntryDn, ldapTargetError, pingPool, targetPool } from './ldap-common.ts';
import { ntHash } from './md4.ts';
import type { TargetFactory } from './types.ts';

const replace = (type: string, value: string) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });

export const createSambaNtTarget: TargetFactory<'samba-nt'> = (config, { logger }) => {
  const log = logger.child({ target: config.name });
  const pool = targetPool(config, log);
  return {
    name: config.name,
    kind: 'samba-nt',
    timeoutMs: config.connectTimeoutMs + 2 * config.timeoutMs,
    async apply(write) {
      try {
        await pool.asService(async (client) => {
          const dn = await findEntryDn(client, config, write.login);
          const changes = [replace('sambaNTPassword', ntHash(write.password))];
          if (config.setPwdLastSet) changes.push(replace('sambaPwdLastSet', String(Math.floor(write.changedAt.getTime() / 1000))));
          // A replace of the same values again is harmless: the write is idempotent.
          await sendPasswordWrite(() => client.modify(dn, changes));
        });
      } catch (error) {
        if (isPasserelleError(error) && error.details?.reason) throw error;
        throw ldapTargetError(error, 'sambaNTPassword write');
      }
    },
    precheck: async (password, person) => checkKnownPolicy(password, config.policy, person, identityOf(config)),
    ping: () => pingPool(pool, 'ping'),
    close: () => pool.close(),
  };
};
