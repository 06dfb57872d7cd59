/**
 * @module http/pages/admin/console-flows
 * The console's flows from the context, and the request facts its actions audit.
 */
import type { Context } from 'hono';
import { PasserelleError } from '../../../errors.ts';
import type { ConsoleFlows } from '../../../flows/console/console.ts';
import type { Actor } from '../../../flows/console/actions.ts';
import type { AdminEnv } from '../../middleware/admin-session.ts';

/** The console; `not_found` when it is switched off (the session middleware already checks). */
export const consoleFlows = (c: Context<AdminEnv>): ConsoleFlows => {
  const flows = c.var.services.console;
  if (!flows) throw new PasserelleError('not_found', 'console disabled');
  return flows;
};

/** The signed-in person as the actions' actor. */
export const actorOf = (c: Context<AdminEnv>): Actor => ({ login: c.var.admin.login, role: c.var.admin.role, via: 'console' });

export const metaOf = (c: Context<AdminEnv>) => ({ ip: c.var.ip, requestId: c.var.requestId });
