/**
 * @module http/views/admin/audit
 * The audit view: filters (login, kind, time range in the institution's zone) as a plain GET
 * form, the events newest first in a table, and a link to the next older page. Also the event
 * rows the person view reuses.
 */
import { html } from 'hono/html';
import type { Language, MessageKey, Translator } from '../../../i18n/index.ts';
import { AUDIT_KINDS } from '../../../flows/console/audit.ts';
import type { AuditKind, StoredAuditEvent } from '../../../ports/audit.ts';
import type { Html } from '../layout.ts';
import { scrollTable } from './frame.ts';
import { formatTime } from './time.ts';

export interface AuditFilterValues {
  login?: string | undefined;
  kind?: AuditKind | undefined;
  /** As typed in the datetime-local inputs. */
  since?: string | undefined;
  until?: string | undefined;
}

export interface AuditView {
  t: Translator;
  lang: Language;
  timeZone: string;
  filter: AuditFilterValues;
  events: StoredAuditEvent[];
  /** Cursor of the next older page. */
  next?: string | undefined;
  /** This is not the first page. */
  paged: boolean;
}

export const kindText = (t: Translator, kind: string) => t(`admin.kind.${kind}` as MessageKey);

/** Details as `key: value` pairs; they hold no secret by the audit port's contract. */
const details = (event: StoredAuditEvent) =>
  Object.entries(event.detail ?? {})
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');

/** The events table (shared with the person view), labelled by the heading the caller shows above it. */
export const auditTable = (view: Pick<AuditView, 't' | 'lang' | 'timeZone' | 'events'>, title: { id: string; text: string }): Html => {
  const { t, lang, timeZone } = view;
  // The title is a heading outside the scrolling region, so that it stays in view at phone width.
  const table = html`<table class="data-table" aria-labelledby="${title.id}">
    <thead>
      <tr>
        <th scope="col">${t('admin.audit.col_time')}</th>
        <th scope="col">${t('admin.audit.col_kind')}</th>
        <th scope="col">${t('admin.audit.col_login')}</th>
        <th scope="col">${t('admin.audit.col_actor')}</th>
        <th scope="col">${t('admin.audit.col_outcome')}</th>
        <th scope="col">${t('admin.audit.col_ip')}</th>
        <th scope="col">${t('admin.audit.col_detail')}</th>
      </tr>
    </thead>
    <tbody>
      ${view.events.map(
        (event) => html`<tr data-kind="${event.kind}">
          <td>${formatTime(lang, timeZone, event.at)}</td>
          <th scope="row">${kindText(t, event.kind)}</th>
          <td>${event.login ?? ''}</td>
          <td>${event.actor ?? ''}</td>
          <td>${event.outcome ? t(`admin.outcome.${event.outcome}`) : ''}</td>
          <td>${event.ip ?? ''}</td>
          <td class="audit-detail">${details(event)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
  return scrollTable(t, title.text, table);
};

const nextLink = (filter: AuditFilterValues, before: string) =>
  `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), before })}`;

export const auditPage = (view: AuditView): Html => {
  const { t, filter, timeZone } = view;
  return html`<h1 id="page-title">${t('admin.audit.title')}</h1>
    <form class="filters" method="get" action="/admin/audit">
      <div class="field">
        <label for="login">${t('admin.audit.login')}</label>
        <input id="login" name="login" type="text" value="${filter.login ?? ''}" maxlength="256" autocapitalize="none" spellcheck="false" />
      </div>
      <div class="field">
        <label for="kind">${t('admin.audit.kind')}</label>
        <select id="kind" name="kind">
          <option value="">${t('admin.audit.any_kind')}</option>
          ${AUDIT_KINDS.map((kind) => html`<option value="${kind}" ${kind === filter.kind ? html`selected` : ''}>${kindText(t, kind)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="since">${t('admin.audit.since')}</label>
        <p class="field-hint" id="since-hint">${t('admin.audit.time_hint', { zone: timeZone })}</p>
        <input id="since" name="since" type="datetime-local" value="${filter.since ?? ''}" aria-describedby="since-hint" />
      </div>
      <div class="field">
        <label for="until">${t('admin.audit.until')}</label>
        <p class="field-hint" id="until-hint">${t('admin.audit.time_hint', { zone: timeZone })}</p>
        <input id="until" name="until" type="datetime-local" value="${filter.until ?? ''}" aria-describedby="until-hint" />
      </div>
      <button type="submit" class="button">${t('admin.audit.submit')}</button>
    </form>
    <h2 id="audit-table-title">${t('admin.audit.caption')}</h2>
    ${view.events.length === 0 ? html`<p class="notice">${t('admin.audit.empty')}</p>` : auditTable(view, { id: 'audit-table-title', text: t('admin.audit.caption') })}
    <p class="pager">
      ${view.paged ? html`<a href="/admin/audit?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][])}">${t('admin.audit.newest')}</a>` : ''}
      ${view.next ? html`<a href="${nextLink(filter, view.next)}">${t('admin.audit.older')}</a>` : ''}
    </p>`;
};
