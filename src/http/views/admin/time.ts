/**
 * @module http/views/admin/time
 * Times as the console shows and reads them: in the institution's time zone (config
 * `mail.timeZone`), whatever the server's. Durations are written « 2 h 05 min », readable in both
 * languages. `datetime-local` inputs carry a wall time, turned into an instant in that zone.
 */
import type { Language } from '../../../i18n/index.ts';

const locale = (lang: Language) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** « 25/11/2026 17:20:17 » in the zone. */
export const formatTime = (lang: Language, timeZone: string, iso: string | number | undefined): string =>
  iso === undefined ? '' : new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium', timeZone }).format(new Date(iso));

/** « 17:20:17 » in the zone. */
export const formatClock = (lang: Language, timeZone: string, iso: string | number): string =>
  new Intl.DateTimeFormat(locale(lang), { timeStyle: 'medium', timeZone }).format(new Date(iso));

/** « 45 s », « 3 min 20 s », « 2 h 05 min », « 3 j 4 h » / « 3 d 4 h ». */
export const formatDuration = (lang: Language, seconds: number): string => {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} ${lang === 'fr' ? 'j' : 'd'} ${Math.floor((s % 86_400) / 3600)} h`;
};

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
const zoneOffset = (instant: number, timeZone: string): number => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
};

/** The instant of a `datetime-local` value (« 2026-11-25T17:20 ») in the zone; undefined when malformed. */
export const parseLocalTime = (value: string | undefined, timeZone: string): Date | undefined => {
  const match = value?.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/);
  if (!match) return undefined;
  // Seconds are optional: an absent group is 0, not NaN.
  const [, y, mo, d, h, mi, se] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
  if (Number.isNaN(wall)) return undefined;
  // Two passes settle the offset around a change of summer time.
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant);
};

/** A `datetime-local` value for an instant, in the zone (to keep a filter filled in). */
export const toLocalInput = (date: Date, timeZone: string): string => {
  const shifted = new Date(date.getTime() + zoneOffset(date.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
};
