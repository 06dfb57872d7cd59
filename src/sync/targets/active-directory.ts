/**
 * @module sync/targets/active-directory
 * `active-directory` target: an administrative reset of unicodePwd in another AD domain, through
 * the Active Directory adapter's own write and error mapping (src/adapters/active-directory).
 * Placeholder until that adapter lands: building such a target fails with a clear message.
 */
import type { TargetFactory } from './types.ts';

export const createActiveDirectoryTarget: TargetFactory<'active-directory'> = (config) => {
  throw new Error(`sync target ${config.name}: the active-directory kind needs the Active Directory adapter, not in this build yet`);
};
