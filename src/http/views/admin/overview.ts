/**
 * @module http/views/admin/overview
 * The overview: one card per target with its deadline level (text and colour, never colour
 * alone), queue state, counts, success rate and last error, with links to its jobs. The list is
 * also what the live stream sends (`/admin/live?view=overview`) to refresh the page in place.
 */
import { html } from 'hono/html';
import type { Language, Translator } from '../../../i18n/index.ts';
import type { ConsoleOverview, TargetHealth } from '../../../flows/console/overview.ts';
import type { Html } from '../layout.ts';
import { formatClock, formatDuration, formatTime } from './time.ts';

export interface OverviewView {
  t: Translator;
  lang: Language;
  timeZone: string;
  overview: ConsoleOverview;
}

const jobsLink = (target: string, state?: string) => `/admin/jobs?${new URLSearchParams({ target, ...(state ? { state } : {}) })}`;

const oldest = ({ t, lang }: OverviewView, target: TargetHealth) => {
  if (target.oldestPendingSeconds <= 0 || target.oldestPendingSecondsToDeadline === null) return t('admin.overview.oldest_none');
  const age = formatDuration(lang, target.oldestPendingSeconds);
  const left = formatDuration(lang, target.oldestPendingSecondsToDeadline);
  return target.oldestPendingSecondsToDeadline >= 0 ? t('admin.overview.oldest_left', { age, left }) : t('admin.overview.oldest_over', { age, left });
};

const stat = (label: string, value: string | number, name?: string) =>
  html`<div class="stat" ${name ? html`data-stat="${name}"` : ''}><dt>${label}</dt><dd>${value}</dd></div>`;

const card = (view: OverviewView, target: TargetHealth): Html => {
  const { t, lang, timeZone } = view;
  const rate = target.successRate === null ? t('admin.overview.no_rate') : `${Math.round(target.successRate * 1000) / 10} %`;
  // A failed job is a person whose password is not on this target: as serious as a missed deadline.
  const level = target.counts.failed > 0 ? 'missed' : target.deadlineLevel;
  return html`<li class="target-card target-card--${level}" data-target="${target.name}">
    <h2 class="target-card__title">${target.name} <span class="target-card__kind">(${target.kind})</span></h2>
    <p class="deadline deadline--${target.deadlineLevel}">
      <strong class="deadline__level">${t(`admin.deadline.${target.deadlineLevel}`)}</strong>
      <span>${t('admin.overview.oldest')} ${oldest(view, target)}</span>
    </p>
    ${target.counts.failed > 0
      ? html`<p class="deadline deadline--missed"><strong class="deadline__level">${t('admin.overview.failed_jobs', { count: target.counts.failed })}</strong></p>`
      : ''}
    <dl class="target-stats">
      ${stat(t('admin.overview.queue'), target.paused ? t('admin.overview.paused') : t('admin.overview.running'), 'queue')}
      ${stat(t('admin.count.waiting'), target.counts.waiting, 'waiting')}
      ${stat(t('admin.count.active'), target.counts.active, 'active')}
      ${stat(t('admin.count.delayed'), target.counts.delayed, 'delayed')}
      ${stat(t('admin.count.failed'), target.counts.failed, 'failed')}
      ${stat(t('admin.count.done_hour'), target.done.lastHour, 'done-hour')}
      ${stat(t('admin.count.done_day'), target.done.lastDay, 'done-day')}
      ${stat(t('admin.overview.success_rate'), rate, 'success-rate')}
      ${stat(t('admin.overview.late'), t('admin.overview.late_counts', { warning: target.late.warning, missed: target.late.missed }), 'late')}
    </dl>
    <p class="target-card__error">
      <strong>${t('admin.overview.last_error')}</strong>
      ${target.lastError
        ? t('admin.overview.error_line', { time: formatTime(lang, timeZone, target.lastError.at), login: target.lastError.login, error: target.lastError.error })
        : t('admin.overview.no_error')}
    </p>
    <p class="target-card__links">
      <a href="${jobsLink(target.name)}">${t('admin.overview.see_jobs', { target: target.name })}</a>
      ${target.counts.failed > 0 ? html`<a href="${jobsLink(target.name, 'failed')}">${t('admin.overview.see_failed', { target: target.name })}</a>` : ''}
    </p>
  </li>`;
};

/** The refreshable part of the overview page. */
export const overviewCards = (view: OverviewView): Html => {
  const { t, lang, timeZone, overview } = view;
  if (overview.targets.length === 0) return html`<p class="notice">${t('admin.overview.none')}</p>`;
  return html`<p class="muted console-updated">${t('admin.overview.updated', { time: formatClock(lang, timeZone, overview.at) })}</p>
    <ul class="target-list">
      ${overview.targets.map((target) => card(view, target))}
    </ul>`;
};
