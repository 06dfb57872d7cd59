/**
 * @module http/pages/admin/index
 * Mounts the console under /admin: the log-in routes first (no session needed), the live stream
 * with its own non-renewing session check, then the session middleware and every other page.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { adminSession, type AdminEnv } from '../../middleware/admin-session.ts';
import { registerConsoleActions } from './actions.ts';
import { registerConsoleAudit } from './audit.ts';
import { registerConsoleJobs } from './jobs.ts';
import { registerConsoleLive } from './live.ts';
import { registerConsoleLogin, registerConsoleLogout } from './login.ts';
import { registerConsoleOverview } from './overview.ts';
import { registerConsolePerson } from './person.ts';

export const registerAdminPages = (app: OpenAPIHono<AppEnv>) => {
  const admin = new Hono<AdminEnv>();
  registerConsoleLogin(admin);
  registerConsoleLive(admin);
  admin.use('*', adminSession());
  registerConsoleLogout(admin);
  registerConsoleOverview(admin);
  registerConsoleJobs(admin);
  registerConsoleActions(admin);
  registerConsolePerson(admin);
  registerConsoleAudit(admin);
  app.route('/admin', admin as unknown as Hono<AppEnv>);
};
