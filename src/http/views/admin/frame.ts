/**
 * @module http/views/admin/frame
 * What every console page shares inside the site layout: the console's navigation (current page
 * marked for screen readers), who is signed in with which role, the log-out button, and the
 * hidden synchronizer-token field every console form carries.
 */
import { html } from 'hono/html';
import type { Translator } from '../../../i18n/index.ts';
import type { AdminSession } from '../../../ports/admin-sessions.ts';
import type { Html } from '../layout.ts';

export type ConsoleSection = 'overview' | 'jobs' | 'person' | 'audit';

const SECTIONS: { id: ConsoleSection; href: string; label: 'admin.nav.overview' | 'admin.nav.jobs' | 'admin.nav.person' | 'admin.nav.audit' }[] = [
  { id: 'overview', href: '/admin', label: 'admin.nav.overview' },
  { id: 'jobs', href: '/admin/jobs', label: 'admin.nav.jobs' },
  { id: 'person', href: '/admin/person', label: 'admin.nav.person' },
  { id: 'audit', href: '/admin/audit', label: 'admin.nav.audit' },
];

/** The hidden field with the session's CSRF token. */
export const csrfField = (session: AdminSession): Html => html`<input type="hidden" name="_csrf" value="${session.csrfToken}" />`;

export interface FrameOptions {
  t: Translator;
  session: AdminSession;
  active?: ConsoleSection | undefined;
  body: Html;
}

export const consoleFrame = ({ t, session, active, body }: FrameOptions): Html => html`<div class="console">
  <div class="console-bar">
    <nav class="console-nav" aria-label="${t('admin.nav_label')}">
      <ul>
        ${SECTIONS.map(
          (section) => html`<li><a href="${section.href}" ${section.id === active ? html`aria-current="page"` : ''}>${t(section.label)}</a></li>`,
        )}
      </ul>
    </nav>
    <div class="console-user">
      <span>${t('admin.signed_in', { name: session.displayName, role: t(`admin.role.${session.role}`) })}</span>
      <form method="post" action="/admin/logout">
        ${csrfField(session)}
        <button type="submit" class="button-secondary">${t('admin.logout')}</button>
      </form>
    </div>
  </div>
  ${body}
</div>`;

/** A wide table in a region that scrolls sideways at phone width (focusable, so keyboards can scroll it). */
export const scrollTable = (t: Translator, name: string, table: Html): Html =>
  html`<div class="table-scroll" role="region" aria-label="${t('admin.scroll_region', { name })}" tabindex="0">${table}</div>`;
