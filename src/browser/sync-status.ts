/**
 * @module browser/sync-status
 * The success page's list of downstream targets, kept up to date without reloading: polls
 * GET /api/v1/password/sync-status/{ref} (1 s, then 1.5× longer each time, at most 15 s), sets
 * each target's `data-state` and state text (« en attente » ticking to « à jour »), and stops once
 * no target is pending, or the reference has expired. The list is `aria-live="polite"`: screen
 * readers hear each change. Without this script the page simply shows « en attente ».
 */

interface TargetStatus {
  name: string;
  state: 'pending' | 'done' | 'failed' | 'superseded';
  stateText: string;
  reasonText?: string;
}

interface SyncStatus {
  complete: boolean;
  targets: TargetStatus[];
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;
/** After this many failed polls in a row (network down, server error), stop trying. */
const MAX_FAILURES = 8;

const isStatus = (body: unknown): body is SyncStatus => {
  const value = body as Partial<SyncStatus> | null;
  return typeof value === 'object' && value !== null && typeof value.complete === 'boolean' && Array.isArray(value.targets);
};

/** The page's states are pending / done / failed: a superseded copy shows as done, with its own text. */
const shownState = (state: TargetStatus['state']) => (state === 'superseded' ? 'done' : state);

const render = (root: HTMLElement, status: SyncStatus) => {
  for (const target of status.targets) {
    const item = root.querySelector<HTMLElement>(`.sync-target[data-target="${CSS.escape(target.name)}"]`);
    const text = item?.querySelector<HTMLElement>('.sync-target__state');
    if (!item || !text) continue;
    const state = shownState(target.state);
    const label = target.reasonText && target.state !== 'done' ? `${target.stateText} (${target.reasonText})` : target.stateText;
    // Only touch what changed, so that the live region announces changes and nothing else.
    if (item.dataset.state !== state) item.dataset.state = state;
    if (text.textContent !== label) text.textContent = label;
  }
};

const watch = (root: HTMLElement) => {
  const ref = root.dataset.syncRef;
  if (!ref) return;
  const url = `/api/v1/password/sync-status/${encodeURIComponent(ref)}`;
  let delay = FIRST_DELAY_MS;
  let failures = 0;

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      // 404: the reference expired or the change is forgotten; nothing more will come.
      if (response.status === 404) return;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body: unknown = await response.json();
      if (!isStatus(body)) throw new Error('unexpected answer');
      failures = 0;
      render(root, body);
      if (body.complete) return;
    } catch {
      failures += 1;
      if (failures >= MAX_FAILURES) return;
    }
    window.setTimeout(poll, delay);
    delay = Math.min(Math.round(delay * 1.5), MAX_DELAY_MS);
  };
  window.setTimeout(poll, delay);
};

const start = () => document.querySelectorAll<HTMLElement>('.sync-status[data-sync-ref]').forEach(watch);

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
