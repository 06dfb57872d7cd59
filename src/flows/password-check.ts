/**
 * @module flows/password-check
 * The one place a candidate password is judged before any write, for every route (change, both
 * resets): our policy, the primary directory's own known rules (an AD domain's length and
 * complexity), the breached-password list, then the known policies of the sync targets,
 * so that a password the primary accepts is not refused downstream later.
 */
import { policyError } from '../errors.ts';
import type { DirectoryPort, Person } from '../ports/directory.ts';
import type { BreachedPasswordPort } from '../ports/breached.ts';
import type { SyncPort } from '../ports/sync.ts';
import { evaluatePassword } from '../policy/evaluate.ts';
import type { PasswordPolicy } from '../policy/types.ts';

export interface PasswordCheckDeps {
  policy: PasswordPolicy;
  directory: Pick<DirectoryPort, 'precheckPassword'>;
  breached?: BreachedPasswordPort | undefined;
  sync: Pick<SyncPort, 'precheck'>;
}

/** Our own rules only, with what the person typed; cheap, and reveals nothing about the account. */
export const checkTypedPassword = (
  deps: Pick<PasswordCheckDeps, 'policy'>,
  password: string,
  typed: { login?: string | undefined; currentPassword?: string | undefined },
): void => {
  const { violations } = evaluatePassword(password, deps.policy, typed);
  if (violations.length > 0) throw policyError(violations);
};

/** Every check, with what the directory knows of the person. Throws `policy` with all violations found. */
export const checkNewPassword = async (
  deps: PasswordCheckDeps,
  password: string,
  person: Person,
  currentPassword?: string,
): Promise<void> => {
  const { violations } = evaluatePassword(password, deps.policy, {
    login: person.login,
    firstName: person.firstName,
    lastName: person.lastName,
    currentPassword,
  });
  if (violations.length > 0) throw policyError(violations);
  const primary = await deps.directory.precheckPassword(person, password);
  if (primary.length > 0) throw policyError(primary);
  if (deps.breached && (await deps.breached.isBreached(password))) {
    throw policyError([{ code: 'breached', source: 'policy' }]);
  }
  const downstream = await deps.sync.precheck(person, password);
  if (downstream.length > 0) throw policyError(downstream);
};
