/**
 * @module flows/password-check
 * The one place a candidate password is judged before any write, for every route (change, both
 * resets): our policy, the primary directory's own known rules (an AD domain's length and
 * complexity), the breached-password list, then the known policies of the sync targets, so that
 * a password the primary accepts is not refused downstream later.
 */
import { policyError } from '../errors.ts';
import type { BreachedPasswordPort } from '../ports/breached.ts';
import type { DirectoryPort, Person } from '../ports/directory.ts';
import type { DictionaryVerdict, PasswordEstimatorPort } from '../ports/password-estimator.ts';
import type { SyncPort } from '../ports/sync.ts';
import { violationsOf } from '../policy/violations.ts';
import { checkTextRules } from '../policy/text-rules.ts';
import type { PasswordPolicy, PolicyContext } from '../policy/types.ts';
import { userInputsOf } from '../policy/user-inputs.ts';
import { verdictOf } from '../policy/verdict.ts';

export interface PasswordCheckDeps {
  policy: PasswordPolicy;
  directory: Pick<DirectoryPort, 'precheckPassword'>;
  estimator: Pick<PasswordEstimatorPort, 'analyse'>;
  breached?: BreachedPasswordPort | undefined;
  sync: Pick<SyncPort, 'precheck'>;
}

/**
 * Our rules that need no dictionary (length, classes, forbidden characters, login, current
 * password), with what the person typed: cheap, run before any directory look-up, and reveals
 * nothing about the account. The dictionaries (milliseconds of CPU, on the estimator's thread)
 * come after, once per password.
 */
export const checkTypedPassword = (
  deps: Pick<PasswordCheckDeps, 'policy'>,
  password: string,
  typed: { login?: string | undefined; currentPassword?: string | undefined },
): void => {
  const violations = violationsOf(checkTextRules(password, deps.policy, typed));
  if (violations.length > 0) throw policyError(violations);
};

const contextOf = (person: Person, currentPassword?: string): PolicyContext => ({
  login: person.login,
  firstName: person.firstName,
  lastName: person.lastName,
  otherNames: [...(person.firstNames ?? []).slice(1), ...(person.lastNames ?? []).slice(1)],
  currentPassword,
});

/**
 * Starts the dictionary analysis of `password` for `person` on the estimator's thread, so that a
 * flow can let it run while the directory checks the current password; hand the promise to
 * `checkNewPassword`. Pure computation: nothing is read or written anywhere.
 */
export const analyseFor = (deps: Pick<PasswordCheckDeps, 'estimator'>, password: string, person: Person): Promise<DictionaryVerdict> => {
  const analysis = deps.estimator.analyse(password, userInputsOf(contextOf(person)));
  // Whoever awaits it sees a failure; an abandoned one must not become an unhandled rejection.
  analysis.catch(() => undefined);
  return analysis;
};

/** Every check, with what the directory knows of the person. Throws `policy` with all violations found. */
export const checkNewPassword = async (
  deps: PasswordCheckDeps,
  password: string,
  person: Person,
  currentPassword?: string,
  analysis: Promise<DictionaryVerdict> = analyseFor(deps, password, person),
): Promise<void> => {
  const [findings, primary] = await Promise.all([analysis, deps.directory.precheckPassword(person, password)]);
  const { violations } = verdictOf(password, deps.policy, contextOf(person, currentPassword), findings);
  if (violations.length > 0) throw policyError(violations);
  if (primary.length > 0) throw policyError(primary);
  if (deps.breached && (await deps.breached.isBreached(password))) {
    throw policyError([{ code: 'breached', source: 'policy' }]);
  }
  const downstream = await deps.sync.precheck(person, password);
  if (downstream.length > 0) throw policyError(downstream);
};
