/**
 * @module http/views/admin/person
 * The person view: a search by login, then the person's recent changes (when, by which route,
 * the deadline), each with every target's state, times, attempts and last error and a link to
 * that target's job, then the audit events that name them. Changes are lists, not tables, so
 * that they read well on a phone.
 */
import { html } from 'hono/html';
import type { Language, Translator } from '../../../i18n/index.ts';
import type { PersonView } from '../../../flows/console/person.ts';
import type { PersonChange } from '../../../ports/sync-admin.ts';
import type { Html } from '../layout.ts';
import { auditTable } from './audit.ts';
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

const fact = (label: string, value: string | number | undefined) =>
  value === undefined || value === '' ? '' : html`<div><dt>${label}</dt><dd>${value}</dd></div>`;

const change = ({ t, lang, timeZone }: PersonPageView, item: PersonChange): Html => {
  const time = (at: string | number | undefined) => (at === undefined ? undefined : formatTime(lang, timeZone, at));
  return html`<li class="person-change" data-change="${item.changeId}">
    <h3>${t('admin.person.change_line', { time: formatTime(lang, timeZone, item.createdAt), route: t(`admin.route.${item.route as 'change'}`) })}</h3>
    <p class="muted">${t('admin.person.deadline', { time: formatTime(lang, timeZone, item.deadline) })}
      ${item.phase === 'intent' ? t('admin.person.intent') : ''}</p>
    <ul class="target-states">
      ${item.targets.map(
        (target) => html`<li class="target-state" data-target="${target.name}" data-state="${target.state}">
          <p class="target-state__head">
            <strong>${target.name}</strong>
            <span class="tstate tstate--${target.state}">${t(`admin.tstate.${target.state}`)}</span>
          </p>
          <dl class="target-state__facts">
            ${fact(t('admin.person.col_when'), time(target.at))}
            ${fact(t('admin.person.col_attempts'), target.attempts)}
            ${fact(t('admin.person.col_error'), target.error)}
            ${target.warnedAt ? fact(t('admin.overview.late'), t('admin.person.warned', { time: time(target.warnedAt)! })) : ''}
            ${target.missedAt ? fact(t('admin.overview.deadline'), t('admin.person.missed', { time: time(target.missedAt)! })) : ''}
          </dl>
          <p><a href="${jobLink(target.name, item.changeId)}">${t('admin.person.open_job', { target: target.name })}</a></p>
        </li>`,
      )}
    </ul>
  </li>`;
};

export const personPage = (view: PersonPageView): Html => {
  const { t, person } = view;
  if (!person) return html`<h1 id="page-title">${t('admin.person.title')}</h1>${searchForm(t, view.login)}`;
  const events = { id: 'person-events-title', text: t('admin.person.events') };
  return html`<h1 id="page-title">${t('admin.person.heading', { login: person.login })}</h1>
    ${searchForm(t, person.login)}
    <h2>${t('admin.person.changes')}</h2>
    ${person.changes.length === 0
      ? html`<p class="notice">${t('admin.person.no_changes')}</p>`
      : html`<ol class="person-changes">${person.changes.map((item) => change(view, item))}</ol>`}
    <h2 id="${events.id}">${events.text}</h2>
    ${person.events.length === 0 ? html`<p class="notice">${t('admin.person.no_events')}</p>` : auditTable({ ...view, events: person.events }, events)}
    <p><a href="/admin/audit?${new URLSearchParams({ login: person.login })}">${t('admin.person.more_events', { login: person.login })}</a></p>`;
};
