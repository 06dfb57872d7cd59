/**
 * @module browser/altcha
 * The Altcha widget (web component, protocol v2) under our CSP: the "external" build injects no
 * <style> element (its CSS is imported below and emitted as altcha.css beside this bundle) and
 * starts no blob: worker (we register our own worker file). Strings come from our catalogue.
 */
import 'altcha/external';
import 'altcha/altcha.css';
import type { AltchaGlobal } from 'altcha/types';

/** Must match ALTCHA_ALGORITHM in src/adapters/captcha/altcha.ts. */
const ALGORITHM = 'SHA-256';

// The package declares this global in a file its own typings cannot reach under NodeNext
// resolution (an extension-less relative import), so we name its type here.
const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;

const start = () => {
  const widgets = [...document.querySelectorAll<HTMLElement>('altcha-widget[data-worker]')];
  const workerUrl = widgets[0]?.dataset.worker;
  if (!workerUrl) return;
  altcha.algorithms.set(ALGORITHM, () => new Worker(workerUrl, { name: 'altcha' }));

  const language = document.documentElement.lang || 'fr';
  for (const widget of widgets) {
    if (widget.dataset.altchaEnhanced === 'true') continue;
    widget.dataset.altchaEnhanced = 'true';
    const strings = JSON.parse(widget.dataset.strings ?? '{}') as Record<string, string>;
    // English is the widget's built-in set: it fills any string we do not translate.
    altcha.i18n.set(language, { ...altcha.i18n.get('en'), ...strings });
    widget.setAttribute('language', language);

    // Tie the widget's own checkbox to our hint and error message, as for any other field.
    widget.addEventListener('load', () => {
      const checkbox = widget.querySelector<HTMLInputElement>('input[type="checkbox"]');
      if (!checkbox) return;
      if (widget.dataset.describedby) checkbox.setAttribute('aria-describedby', widget.dataset.describedby);
      if (widget.dataset.invalid !== undefined) checkbox.setAttribute('aria-invalid', 'true');
      if (widget.dataset.focus !== undefined) checkbox.focus();
    });
  }
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
