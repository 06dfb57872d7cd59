/**
 * @module browser/meter
 * The password strength meter, live checklist and confirmation line: progressive enhancement of
 * server-rendered forms. Never sends the password anywhere: everything runs in the browser.
 *
 * DOM contract (what the server renders; all optional pieces are skipped when absent):
 *   <script type="application/json" id="passerelle-policy">
 *     {"policy": PasswordPolicy, "language": "fr"|"en", "userInputs": string[],
 *      "context"?: {"login"?, "firstName"?, "lastName"?}}         ← context: optional
 *   </script>
 *   <script src="/static/js/meter.js" defer></script>          (classic script; CSP needs worker-src 'self')
 *   <link rel="stylesheet" href="/static/css/meter.css">       (added by the script if missing)
 *
 *   <input data-user-input …>   personal information typed in the form; the attribute's value, or
 *                               else the autocomplete token, says which: "login" / username,
 *                               "firstName" / given-name, "lastName" / family-name. Every value
 *                               also feeds the estimate.
 *   <input id="X" type="password" data-strength …>             the new password
 *   <div class="meter" data-meter-for="X" id="X-meter"></div>   empty: filled here
 *   <ul class="checklist" data-checklist-for="X">
 *     <li data-rule="min_length">Au moins 12 caractères</li> …   (policyChecklist, server-side)
 *   </ul>
 *   <input id="Y" type="password" data-confirm-for="X" …>       the confirmation
 *   <div class="match" id="Y-match"></div>                      empty: filled here
 *   <input autocomplete="current-password">   in the same form: enables `same_as_current` ticks
 *
 * What this script does: adds `aria-describedby="X-meter"` (and `Y-match`) to the inputs; renders
 * in the meter a bar (`--meter-score` 0–100, `data-level` 0–4, `data-state`
 * empty|pending|scored|unavailable), its text « Robustesse : 72 %, Bon » and an `aria-live`
 * region updated 400 ms after typing pauses; sets `data-ok="true|false"` and a visually hidden
 * « (respecté) » on each `li[data-rule]` it can judge (others stay neutral); sets
 * `data-match="true|false"` and its sentence on the match line.
 *
 * The text rules run at each keystroke, here. The estimate (zxcvbn and its dictionaries, a
 * 2.3 MB file) runs in a Web Worker, meter-worker.js beside this script (CSP `worker-src 'self'`),
 * started when a field of the password's form first gets the focus; the password goes to it by
 * postMessage and never leaves the page. Until it is ready the bar says « calcul en cours » and
 * the common-password and strength items stay neutral; if it cannot start, the bar says so and
 * the text rules still work.
 */
import { format } from '../i18n/define.ts';
import { policyMessages } from '../i18n/messages/policy.ts';
import { checkTextRules } from '../policy/text-rules.ts';
import type { PolicyContext, RuleCode, RuleResult } from '../policy/types.ts';
import { createEstimatorClient, type EstimateAnswer, type EstimatorState } from './meter/estimator-client.ts';
import { pageContext, personalInputs, readMeterData, type MeterData } from './meter/page.ts';
import { describedBy, mountMatch, mountMeter, paintChecklist, type Say } from './meter/render.ts';

// Captured now: `document.currentScript` is only set while this script runs.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? new URL('/static/js/meter.js', location.href).href;

const refreshers: (() => void)[] = [];
const estimator = createEstimatorClient(new URL('meter-worker.js', scriptUrl).href, () => {
  for (const refresh of refreshers) refresh();
});

/** Rules the page cannot judge yet stay neutral rather than ticked on a guess. */
const judgeable = (result: RuleResult, context: PolicyContext): boolean => {
  const unknown: Partial<Record<RuleCode, boolean>> = {
    contains_login: !context.login,
    contains_name: !context.firstName && !context.lastName,
    same_as_current: !context.currentPassword,
  };
  return !unknown[result.code];
};

/** The rules only the estimator can judge; between two answers they keep the last verdict. */
const DICTIONARY_RULES: ReadonlySet<RuleCode> = new Set(['common_password', 'too_weak']);

const ensureStylesheet = () => {
  if (document.querySelector('link[rel="stylesheet"][href$="/meter.css"]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../css/meter.css', scriptUrl).href;
  document.head.append(link);
};

const enhance = (input: HTMLInputElement, data: MeterData, say: Say) => {
  const id = input.id || input.name;
  const container = document.getElementById(`${id}-meter`) ?? document.querySelector<HTMLElement>(`[data-meter-for="${CSS.escape(id)}"]`);
  const checklist = document.querySelector<HTMLElement>(`[data-checklist-for="${CSS.escape(id)}"]`);
  const meter = container ? mountMeter(container, say) : undefined;
  if (container) describedBy(input, container.id || `${id}-meter`);
  let last: EstimateAnswer | undefined;

  const paint = (rules: RuleResult[], context: PolicyContext) => {
    if (checklist) paintChecklist(checklist, rules.filter((rule) => judgeable(rule, context)), say);
  };
  const channel = estimator.channel((answer, request) => {
    if (request.password !== input.value) return;
    last = answer;
    paint(answer.rules, request.context);
    meter?.show(answer.strength);
  });

  const refresh = () => {
    const password = input.value;
    if (password === '') {
      last = undefined;
      meter?.show(undefined);
      if (checklist) paintChecklist(checklist, undefined, say);
      return;
    }
    const context = pageContext(data, input);
    const previous = last?.rules.filter((rule) => DICTIONARY_RULES.has(rule.code)) ?? [];
    paint([...checkTextRules(password, data.policy, context), ...previous], context);
    const state: EstimatorState = estimator.state();
    if (state === 'failed') meter?.show('unavailable');
    else if (!last) meter?.show('pending');
    channel.ask({ password, policy: data.policy, context });
  };
  refreshers.push(refresh);
  // Start loading on the first focus anywhere in the form: on the change page people type their
  // login and current password first, which hides most of the worker's download and set-up.
  (input.form ?? input).addEventListener('focusin', () => estimator.start());
  input.addEventListener('input', () => {
    estimator.start();
    refresh();
  });
  // Names and login change the personal-information ticks and the estimate.
  for (const personal of personalInputs(document)) personal.addEventListener('input', refresh);
  input.form?.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')?.addEventListener('input', refresh);
  // A value restored by the browser (back button, autofill) is judged at once.
  if (input.value !== '') {
    estimator.start();
    refresh();
  }
};

const enhanceConfirmation = (confirm: HTMLInputElement, say: Say) => {
  const target = document.getElementById(`${confirm.id || confirm.name}-match`);
  const original = document.getElementById(confirm.dataset.confirmFor ?? '') as HTMLInputElement | null;
  if (!target || !original) return;
  const view = mountMatch(target, say);
  describedBy(confirm, target.id);
  const refresh = () => view.show(original.value, confirm.value);
  confirm.addEventListener('input', refresh);
  original.addEventListener('input', refresh);
  if (confirm.value !== '') refresh();
};

const start = () => {
  const data = readMeterData(document);
  if (!data) return;
  const catalogue: Record<string, string> = policyMessages[data.language];
  const say: Say = (key, params) => format(catalogue[key] ?? key, params);
  const inputs = [...document.querySelectorAll<HTMLInputElement>('input[data-strength]')];
  if (inputs.length === 0) return;
  ensureStylesheet();
  for (const input of inputs) enhance(input, data, say);
  for (const confirm of document.querySelectorAll<HTMLInputElement>('input[data-confirm-for]')) enhanceConfirmation(confirm, say);
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
