/**
 * @module http/views/admin/job
 * One job's history: whose change, which target, state, times, attempts and each attempt's error
 * (never a password: jobs hold none), the target's record of the change, and the actions the
 * role allows in this state. The details part is also what the live stream refreshes.
 */
import { html } from 'hono/html';
import type { Language, Translator } from '../../../i18n/index.ts';
import { can, type AdminRole } from '../../../flows/console/roles.ts';
import type { JobHistory } from '../../../ports/sync-admin.ts';
import type { Html } from '../layout.ts';
import { confirmLink, stateText } from './jobs.ts';
import { formatTime } from './time.ts';

export interface JobPageView {
  t: Translator;
  lang: Language;
  timeZone: string;
  role: AdminRole;
  job: JobHistory;
  /** Notice after an action (« relance demandée »). */
  notice?: string | undefined;
}

const item = (label: string, value: unknown, name?: string) =>
  value === undefined || value === '' ? '' : html`<div ${name ? html`data-field="${name}"` : ''}><dt>${label}</dt><dd>${String(value)}</dd></div>`;

/** The part that changes while a job runs: state, times, attempts, errors. */
export const jobDetails = ({ t, lang, timeZone, job }: Pick<JobPageView, 't' | 'lang' | 'timeZone' | 'job'>): Html => html`<dl class="job-facts">
    ${item(t('admin.job.state'), stateText(t, job.state), 'state')}
    ${item(t('admin.job.attempts'), job.attemptsMade, 'attempts')}
    ${item(t('admin.job.processed'), formatTime(lang, timeZone, job.processedAt))}
    ${item(t('admin.job.finished'), formatTime(lang, timeZone, job.finishedAt))}
    ${item(t('admin.job.error'), job.failedReason, 'error')}
  </dl>
  <h2>${t('admin.job.history')}</h2>
  ${job.log.length === 0
    ? html`<p class="muted">${t('admin.job.no_history')}</p>`
    : html`<ol class="job-log">
        ${job.log.map((line) => html`<li>${line}</li>`)}
      </ol>`}`;

const actions = ({ t, role, job }: JobPageView) => {
  const offered = [
    job.state === 'failed' && can(role, 'retry') ? html`<a class="button" href="${confirmLink('retry', job.target, job.id)}">${t('admin.action.retry')}</a>` : '',
    ['waiting', 'prioritized', 'delayed', 'failed'].includes(job.state) && can(role, 'discard')
      ? html`<a class="button-secondary" href="${confirmLink('discard', job.target, job.id)}">${t('admin.action.discard')}</a>`
      : '',
  ].filter(Boolean);
  return offered.length > 0 ? html`<p class="actions">${offered}</p>` : html`<p class="muted">${t('admin.job.no_action')}</p>`;
};

export const jobPage = (view: JobPageView): Html => {
  const { t, lang, timeZone, job } = view;
  return html`<h1 id="page-title">${t('admin.job.title', { id: job.id })}</h1>
    ${view.notice ? html`<p class="notice notice--success" role="status">${view.notice}</p>` : ''}
    <dl class="job-facts">
      <div><dt>${t('admin.job.person')}</dt><dd><a href="/admin/person?${new URLSearchParams({ login: job.login })}">${job.login}</a></dd></div>
      ${item(t('admin.job.target'), job.target)}
      ${item(t('admin.job.sequence'), job.sequence)}
      ${item(t('admin.job.created'), formatTime(lang, timeZone, job.createdAt))}
      ${item(t('admin.job.deadline'), formatTime(lang, timeZone, job.deadline))}
    </dl>
    <div class="live-region" aria-live="polite" data-live="job" data-target="${job.target}" data-job="${job.id}">${jobDetails(view)}</div>
    <section aria-labelledby="job-actions-title">
      <h2 id="job-actions-title">${t('admin.job.actions')}</h2>
      ${actions(view)}
    </section>`;
};
