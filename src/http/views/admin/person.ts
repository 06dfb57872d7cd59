/**
 * @module http/views/admin/person
 * The person view: a search by login, then the person's recent changes (when, by which route,
 * the deadline) with each target's state, times and last error, a link to each target's job, and
 * the audit events that name them.
 */
import { html } from 'hono/html';
import type { Language, Translator } from '../../../i18n/index.ts';
import type { PersonView } from '../../../flows/console/person.ts';
import type { PersonChange } from '../../../ports/sync-admin.ts';
import type { Html } from '../layout.ts';
import { auditTable } from './audit.ts';
import { scrollTable } from './frame.ts';
import { jobLink } from './jobs.ts';
import { formatTime } from './time.ts';

export interface PersonPageView {
  t: Translator;
  lang: Language;
  timeZone: string;
  login?: string | undefined;
  person?: PersonView | undefined;
}

const searchForm = (t: Translator, login: string | undefined) => html`<form class="filters" method="get" action="/admin/person" role="search">
  <div class="field">
    <label for="login">${t('admin.person.search')}</label>
    <input id="login" name="login" type="text" value="${login ?? ''}" maxlength="256" required autocapitalize="none" spellcheck="false" ${login ? '' : html`autofocus`} />
  </div>
  <button type="submit" class="button">${t('admin.person.submit')}</button>
</form>`;

const change = ({ t, lang, timeZone }: PersonPageView, item: PersonChange, index: number): Html => {
  const when = (ms: number | undefined) => (ms ? formatTime(lang, timeZone, ms) : '');
  const caption = t('admin.person.change_line', { time: formatTime(lang, timeZone, item.createdAt), route: t(`admin.route.${item.route as 'change'}`) });
  const table = html`<table class="data-table">
    <caption>${caption}</caption>
    <thead>
      <tr>
        <th scope="col">${t('admin.person.col_target')}</th>
        <th scope="col">${t('admin.person.col_state')}</th>
        <th scope="col">${t('admin.person.col_when')}</th>
        <th scope="col">${t('admin.person.col_attempts')}</th>
        <th scope="col">${t('admin.person.col_error')}</th>
      </tr>
    </thead>
    <tbody>
      ${item.targets.map(
        (target) => html`<tr data-target="${target.name}" data-state="${target.state}">
          <th scope="row"><a href="${jobLink(target.name, item.changeId)}">${t('admin.person.open_job', { target: target.name })}</a></th>
          <td class="tstate tstate--${target.state}">
            ${t(`admin.tstate.${target.state}`)}
            ${target.warnedAt ? html`<br /><span class="muted">${t('admin.person.warned', { time: formatTime(lang, timeZone, target.warnedAt) })}</span>` : ''}
            ${target.missedAt ? html`<br /><span class="muted">${t('admin.person.missed', { time: formatTime(lang, timeZone, target.missedAt) })}</span>` : ''}
          </td>
          <td>${when(target.at)}</td>
          <td>${target.attempts}</td>
          <td class="job-error">${target.error ?? ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
  return html`<li class="person-change" data-change="${item.changeId}">
    <p class="muted">${t('admin.person.deadline', { time: formatTime(lang, timeZone, item.deadline) })}
      ${item.phase === 'intent' ? t('admin.person.intent') : ''}</p>
    ${scrollTable(t, `${caption} (${index + 1})`, table)}
  </li>`;
};

export const personPage = (view: PersonPageView): Html => {
  const { t, person } = view;
  if (!person) return html`<h1 id="page-title">${t('admin.person.title')}</h1>${searchForm(t, view.login)}`;
  return html`<h1 id="page-title">${t('admin.person.heading', { login: person.login })}</h1>
    ${searchForm(t, person.login)}
    <h2>${t('admin.person.changes')}</h2>
    ${person.changes.length === 0
      ? html`<p class="notice">${t('admin.person.no_changes')}</p>`
      : html`<ol class="person-changes">${person.changes.map((item, i) => change(view, item, i))}</ol>`}
    <h2>${t('admin.person.events')}</h2>
    ${person.events.length === 0 ? html`<p class="notice">${t('admin.person.no_events')}</p>` : auditTable({ ...view, events: person.events }, t('admin.person.events'))}
    <p><a href="/admin/audit?${new URLSearchParams({ login: person.login })}">${t('admin.person.more_events', { login: person.login })}</a></p>`;
};
