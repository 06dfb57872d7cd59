/**
 * @module http/pages/admin/person
 * GET /admin/person?login=…: the help desk's one search. Without a login, the search form.
 */
import type { Hono } from 'hono';
import type { AdminEnv } from '../../middleware/admin-session.ts';
import { personPage } from '../../views/admin/person.ts';
import { consoleFlows } from './console-flows.ts';
import { renderConsole } from './render.ts';

export const registerConsolePerson = (admin: Hono<AdminEnv>) => {
  admin.get('/person', async (c) => {
    const { t, lang } = c.var;
    const login = c.req.query('login')?.trim().slice(0, 256) || undefined;
    const person = login ? await consoleFlows(c).person(login) : undefined;
    const body = personPage({ t, lang, timeZone: c.var.services.config.mail.timeZone, login, person });
    const title = person ? t('admin.person.heading', { login: person.login }) : t('admin.person.title');
    return renderConsole(c, { title, section: 'person', body });
  });
};
