/**
 * @module browser/meter/render
 * Paints what the meter knows: the bar (width through the `--meter-score` custom property, colour
 * through `data-level`, since the CSP forbids style attributes), its text, the debounced live
 * region, the checklist ticks and the confirmation line. Class names match templates/static/css/meter.css.
 */
import type { RuleCode, RuleResult, Strength } from '../../policy/types.ts';

/** Pause after the last keystroke before screen readers hear the strength (not on every key). */
export const ANNOUNCE_DELAY_MS = 400;

export type Say = (key: string, params?: Record<string, string | number>) => string;

export interface MeterView {
  /** The strength, `'pending'` while the estimator loads, `'unavailable'` if it failed, `undefined` when empty. */
  show(strength: Strength | 'pending' | 'unavailable' | undefined): void;
}

const element = <K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, className: string): HTMLElementTagNameMap[K] => {
  const created = document.createElement(tag);
  created.className = className;
  return created;
};

/** Builds the bar, the text and the live region inside the server's empty `<div class="meter">`. */
export const mountMeter = (container: HTMLElement, say: Say): MeterView => {
  const document = container.ownerDocument;
  const track = element(document, 'div', 'meter__track');
  track.setAttribute('aria-hidden', 'true');
  track.append(element(document, 'div', 'meter__bar'));
  // The visible text follows every keystroke; screen readers get the same words from the live
  // region below, once typing pauses. aria-hidden keeps them from hearing it twice.
  const visible = element(document, 'p', 'meter__text');
  visible.setAttribute('aria-hidden', 'true');
  const live = element(document, 'p', 'meter__live visually-hidden');
  live.setAttribute('aria-live', 'polite');
  container.replaceChildren(track, visible, live);
  container.dataset.state = 'empty';

  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    show(strength) {
      let sentence = '';
      if (strength === undefined) {
        container.dataset.state = 'empty';
        delete container.dataset.level;
        container.style.setProperty('--meter-score', '0');
      } else if (typeof strength === 'string') {
        container.dataset.state = strength;
        delete container.dataset.level;
        container.style.setProperty('--meter-score', '0');
        sentence = say(`strength.${strength}`);
      } else {
        container.dataset.state = 'scored';
        container.dataset.level = String(strength.level);
        container.style.setProperty('--meter-score', String(strength.score));
        sentence = say('strength.announce', { percent: strength.score, label: say(`strength.${strength.level}`) });
      }
      visible.textContent = sentence;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        live.textContent = sentence;
      }, ANNOUNCE_DELAY_MS);
    },
  };
};

/**
 * Ticks the server's `<li data-rule="code">` items: `data-ok="true|false"` plus visually hidden
 * « (respecté) » / « (non respecté) ». Rules missing from `results` (not judgeable yet, or an
 * empty password) go back to neutral: no `data-ok`, no state text.
 */
export const paintChecklist = (list: HTMLElement, results: readonly RuleResult[] | undefined, say: Say): void => {
  const verdicts = new Map<RuleCode | string, boolean>(results?.map((result) => [result.code, result.ok]));
  for (const item of list.querySelectorAll<HTMLElement>('li[data-rule]')) {
    let state = item.querySelector<HTMLElement>(':scope > .checklist__state');
    if (!state) {
      state = element(list.ownerDocument, 'span', 'checklist__state visually-hidden');
      item.append(' ', state);
    }
    const ok = verdicts.get(item.dataset.rule ?? '');
    if (ok === undefined) {
      delete item.dataset.ok;
      state.textContent = '';
    } else {
      item.dataset.ok = String(ok);
      state.textContent = say(ok ? 'checklist.ok' : 'checklist.failed');
    }
  }
};

export interface MatchView {
  show(password: string, confirmation: string): void;
}

/**
 * The confirmation line inside `<div class="match">`: visible at once, announced after a pause
 * like the meter. Compared exactly, as the server does (no normalisation), so the two never disagree.
 */
export const mountMatch = (container: HTMLElement, say: Say): MatchView => {
  const document = container.ownerDocument;
  const visible = element(document, 'span', 'match__text');
  visible.setAttribute('aria-hidden', 'true');
  const live = element(document, 'span', 'match__live visually-hidden');
  live.setAttribute('aria-live', 'polite');
  container.replaceChildren(visible, live);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    show(password, confirmation) {
      let sentence = '';
      if (confirmation === '') {
        delete container.dataset.match;
      } else {
        const same = password === confirmation;
        container.dataset.match = String(same);
        sentence = say(same ? 'confirm.match' : 'confirm.mismatch');
      }
      visible.textContent = sentence;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        live.textContent = sentence;
      }, ANNOUNCE_DELAY_MS);
    },
  };
};

/** Adds `id` to the input's `aria-describedby`, keeping the ids already there (hint, error). */
export const describedBy = (input: HTMLElement, id: string): void => {
  const ids = new Set((input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  ids.add(id);
  input.setAttribute('aria-describedby', [...ids].join(' '));
};
