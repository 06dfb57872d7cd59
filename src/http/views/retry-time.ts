/**
 * @module http/views/retry-time
 * « jusqu'au jeudi 27 novembre 2026 à 14:05 (dans environ 24 heures) »: when a locked form opens
 * again, as a date people can act on and as a delay. The generic rate-limit message counts in
 * minutes, which reads badly for a 24-hour lock-out.
 */
import type { Language, Translator } from '../../i18n/index.ts';

/** « dans 12 minutes » under 90 minutes, else « dans environ N heures ». */
export const retryDelay = (t: Translator, seconds: number): string => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 90) return minutes === 1 ? t('retry.minute') : t('retry.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  return hours === 1 ? t('retry.hour') : t('retry.hours', { n: hours });
};

/** The moment `seconds` from now, in the institution's time zone (config mail.timeZone). */
export const retryMoment = (language: Language, timeZone: string, seconds: number, now = new Date()): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
    new Date(now.getTime() + seconds * 1000),
  );
