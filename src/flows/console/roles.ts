/**
 * @module flows/console/roles
 * Who may do what in the console. Sysadmins may do everything; the help desk reads everything
 * and may retry one failed job (« relancer pour cette personne »), nothing that touches a whole
 * target or throws a change away.
 */
import { PasserelleError } from '../../errors.ts';
import type { AdminRole } from '../../ports/admin-sessions.ts';
import type { DirectoryPort, Person } from '../../ports/directory.ts';

export type { AdminRole };

/** The console's write actions. */
export const CONSOLE_ACTIONS = ['retry', 'retry-all', 'discard', 'pause', 'resume'] as const;
export type ConsoleActionKind = (typeof CONSOLE_ACTIONS)[number];

const ALLOWED: Record<AdminRole, ReadonlySet<ConsoleActionKind>> = {
  sysadmin: new Set(CONSOLE_ACTIONS),
  helpdesk: new Set(['retry']),
};

/** Whether a role may run an action (the pages hide what it may not). */
export const can = (role: AdminRole, action: ConsoleActionKind): boolean => ALLOWED[role].has(action);

/** Throws `forbidden` unless the role may run the action. */
export const requireAllowed = (role: AdminRole, action: ConsoleActionKind): void => {
  if (!can(role, action)) throw new PasserelleError('forbidden', `role ${role} may not ${action}`, { context: { role, action } });
};

/** The console's two groups, from config (`admin.sysadminGroup`, `admin.helpdeskGroup`). */
export interface ConsoleGroups {
  sysadmin?: string | undefined;
  helpdesk?: string | undefined;
}

/** The person's role from their groups, sysadmin first; undefined for everyone else. */
export const roleOf = async (directory: Pick<DirectoryPort, 'isMemberOf'>, groups: ConsoleGroups, person: Person): Promise<AdminRole | undefined> => {
  if (groups.sysadmin && (await directory.isMemberOf(person, groups.sysadmin))) return 'sysadmin';
  if (groups.helpdesk && (await directory.isMemberOf(person, groups.helpdesk))) return 'helpdesk';
  return undefined;
};
