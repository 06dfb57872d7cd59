/**
 * @module sync/applicability
 * Which targets a person's change goes to: every target, narrowed by its `appliesTo` (an LDAP
 * filter on the primary entry, a group membership, or both). Asked twice per change (pre-check,
 * then intent) for the same Person object, so the answer is kept for that object.
 */
import type { TargetConfig } from '../config/sync.ts';
import type { DirectoryPort, Person } from '../ports/directory.ts';

export type ApplicabilityDirectory = Pick<DirectoryPort, 'matchesFilter' | 'isMemberOf'>;

/** Returns a function giving the names of the targets that apply to a person, in config order. */
export const createApplicability = (targets: readonly TargetConfig[], directory: ApplicabilityDirectory) => {
  const seen = new WeakMap<Person, Promise<string[]>>();
  const decide = async (person: Person): Promise<string[]> => {
    const applies = await Promise.all(
      targets.map(async (target) => {
        const scope = target.appliesTo;
        if (scope?.filter && !(await directory.matchesFilter(person, scope.filter))) return false;
        if (scope?.memberOf && !(await directory.isMemberOf(person, scope.memberOf))) return false;
        return true;
      }),
    );
    return targets.filter((_, i) => applies[i]).map((target) => target.name);
  };
  return (person: Person): Promise<string[]> => {
    let answer = seen.get(person);
    if (!answer) {
      answer = decide(person);
      seen.set(person, answer);
      // A failed look-up (directory down) must not be remembered.
      answer.catch(() => seen.delete(person));
    }
    return answer;
  };
};
