/**
 * @module http/render
 * Renders a page inside the shared layout with the request's language and the institution's
 * branding.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.ts';
import { layout, type Html } from './views/layout.ts';

export interface PageOptions {
  title: string;
  body: Html;
  scripts?: string[];
  styles?: string[];
  data?: { id: string; value: unknown };
  status?: ContentfulStatusCode;
}

export const renderPage = async (c: Context<AppEnv>, options: PageOptions) => {
  const { institution } = c.var.services.config;
  const page = await layout({
    t: c.var.t,
    lang: c.var.lang,
    institution: { name: institution.name, logoUrl: institution.logoUrl },
    path: c.req.path,
    // Only on GET: a form re-shown after a POST has no query worth keeping.
    query: c.req.method === 'GET' ? new URL(c.req.url).searchParams : undefined,
    title: options.title,
    body: options.body,
    scripts: options.scripts ?? [],
    styles: options.styles ?? [],
    data: options.data,
  });
  return c.html(page, options.status ?? 200);
};
