/**
 * @module http/pages/admin/render
 * Renders a console page: the site layout, the console frame (navigation, who is signed in,
 * log-out) and the console's stylesheet; the live-refresh script when the page has a live part.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asAppContext, type AdminEnv } from '../../middleware/admin-session.ts';
import { renderPage } from '../../render.ts';
import { consoleFrame, type ConsoleSection } from '../../views/admin/frame.ts';
import type { Html } from '../../views/layout.ts';

export interface ConsolePage {
  title: string;
  section?: ConsoleSection | undefined;
  body: Html;
  /** The page has a `data-live` part refreshed by server-sent events. */
  live?: boolean;
  status?: ContentfulStatusCode;
}

/** The console's stylesheet, for pages outside the frame too (log-in). */
export const CONSOLE_STYLES = ['admin.css'];

export const renderConsole = (c: Context<AdminEnv>, page: ConsolePage) =>
  renderPage(asAppContext(c), {
    title: `${page.title} – ${c.var.t('admin.title')}`,
    body: consoleFrame({ t: c.var.t, session: c.var.admin, active: page.section, body: page.body }),
    styles: CONSOLE_STYLES,
    scripts: page.live ? ['admin-live'] : [],
    ...(page.status ? { status: page.status } : {}),
  });
