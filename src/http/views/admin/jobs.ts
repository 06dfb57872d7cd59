/**
 * @module http/views/admin/jobs
 * The jobs list: a filter form (target, state, login) that works as a plain GET, the table of
 * jobs with a link to each one's history, pages, and for sysadmins the target's own actions
 * (retry every failed job, pause or resume), each leading to a confirmation page.
 */
import { html } from 'hono/html';
import type { Language, Translator } from '../../../i18n/index.ts';
import { can, type AdminRole } from '../../../flows/console/roles.ts';
import type { JobStateFilter, JobView } from '../../../ports/sync-admin.ts';
import type { Html } from '../layout.ts';
import { scrollTable } from './frame.ts';
import { formatTime } from './time.ts';

export const JOB_STATES: readonly JobStateFilter[] = ['waiting', 'active', 'delayed', 'failed', 'completed'];

export interface JobsFilter {
  target: string;
  state?: JobStateFilter | undefined;
  login?: string | undefined;
  page: number;
}

export interface JobsView {
  t: Translator;
  lang: Language;
  timeZone: string;
  role: AdminRole;
  targets: readonly string[];
  filter: JobsFilter;
  jobs: JobView[];
  /** Whether a further page may exist. */
  more: boolean;
  /** Whether the target's queue is paused (which of pause / resume to offer). */
  paused: boolean;
}

export const jobLink = (target: string, id: string) => `/admin/jobs/${encodeURIComponent(target)}/${encodeURIComponent(id)}`;

/** Link to a confirmation page. */
export const confirmLink = (action: string, target: string, jobId?: string) =>
  `/admin/confirm/${action}?${new URLSearchParams({ target, ...(jobId ? { job: jobId } : {}) })}`;

/** A job's state as words (BullMQ's `prioritized` is waiting to people). */
export const stateText = (t: Translator, state: string) =>
  (['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const).includes(state as never)
    ? t(`admin.state.${state as 'waiting'}`)
    : t('admin.state.unknown');

const pageLink = (filter: JobsFilter, page: number) =>
  `/admin/jobs?${new URLSearchParams({ target: filter.target, ...(filter.state ? { state: filter.state } : {}), ...(filter.login ? { login: filter.login } : {}), page: String(page) })}`;

const filterForm = ({ t, targets, filter }: JobsView) => html`<form class="filters" method="get" action="/admin/jobs">
  <div class="field">
    <label for="target">${t('admin.jobs.target')}</label>
    <select id="target" name="target">
      ${targets.map((name) => html`<option value="${name}" ${name === filter.target ? html`selected` : ''}>${name}</option>`)}
    </select>
  </div>
  <div class="field">
    <label for="state">${t('admin.jobs.state')}</label>
    <select id="state" name="state">
      <option value="">${t('admin.jobs.any_state')}</option>
      ${JOB_STATES.map((state) => html`<option value="${state}" ${state === filter.state ? html`selected` : ''}>${t(`admin.state.${state}`)}</option>`)}
    </select>
  </div>
  <div class="field">
    <label for="login">${t('admin.jobs.login')}</label>
    <input id="login" name="login" type="text" value="${filter.login ?? ''}" maxlength="256" autocapitalize="none" spellcheck="false" />
  </div>
  <button type="submit" class="button">${t('admin.jobs.filter')}</button>
</form>`;

const row = ({ t, lang, timeZone, filter }: JobsView, job: JobView) => html`<tr data-job="${job.id}" data-state="${job.state}">
  <th scope="row"><a href="${jobLink(filter.target, job.id)}">${job.id}</a></th>
  <td class="job-state job-state--${job.state}">${stateText(t, job.state)}</td>
  <td>${job.login}</td>
  <td>${formatTime(lang, timeZone, job.createdAt)}</td>
  <td>${job.attemptsMade}</td>
  <td class="job-error">${job.failedReason ?? ''}</td>
</tr>`;

const targetActions = ({ t, role, filter, paused }: JobsView) => {
  const offered = [
    can(role, 'retry-all') ? html`<a class="button-secondary" href="${confirmLink('retry-all', filter.target)}">${t('admin.action.retry-all')}</a>` : '',
    can(role, paused ? 'resume' : 'pause')
      ? html`<a class="button-secondary" href="${confirmLink(paused ? 'resume' : 'pause', filter.target)}">${t(paused ? 'admin.action.resume' : 'admin.action.pause')}</a>`
      : '',
  ].filter(Boolean);
  if (offered.length === 0) return html``;
  return html`<section class="target-actions" aria-labelledby="target-actions-title">
    <h2 id="target-actions-title">${t('admin.jobs.target_actions', { target: filter.target })}</h2>
    <p class="actions">${offered}</p>
  </section>`;
};

export const jobsPage = (view: JobsView): Html => {
  const { t, filter, jobs } = view;
  const title = t('admin.jobs.caption', { target: filter.target });
  const table = html`<table class="data-table" aria-labelledby="jobs-table-title">
    <thead>
      <tr>
        <th scope="col">${t('admin.jobs.col_job')}</th>
        <th scope="col">${t('admin.jobs.state')}</th>
        <th scope="col">${t('admin.jobs.login')}</th>
        <th scope="col">${t('admin.jobs.col_created')}</th>
        <th scope="col">${t('admin.jobs.col_attempts')}</th>
        <th scope="col">${t('admin.jobs.col_error')}</th>
      </tr>
    </thead>
    <tbody>
      ${jobs.map((job) => row(view, job))}
    </tbody>
  </table>`;
  return html`<h1 id="page-title">${t('admin.jobs.title')}</h1>
    ${filterForm(view)}
    <h2 id="jobs-table-title">${title}</h2>
    ${jobs.length === 0 ? html`<p class="notice">${t('admin.jobs.empty')}</p>` : scrollTable(t, title, table)}
    <p class="pager">
      ${filter.page > 1 ? html`<a href="${pageLink(filter, filter.page - 1)}">${t('admin.jobs.previous')}</a>` : ''}
      ${view.more ? html`<a href="${pageLink(filter, filter.page + 1)}">${t('admin.jobs.next')}</a>` : ''}
    </p>
    ${targetActions(view)}`;
};
