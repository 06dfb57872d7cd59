/**
 * @module browser/admin-live
 * The console's live refresh: each element with `data-live` (the overview's cards, a job's
 * details) listens to /admin/live with the same view, and its content is replaced by what the
 * server sends when something changed. The server ends the stream (`event: end`) when the session
 * would expire; the script then stops, so an open page never keeps a session alive. Without
 * JavaScript the page shows the figures of the moment it was loaded.
 */

const streamUrl = (element: HTMLElement): string | undefined => {
  const view = element.dataset.live;
  if (view === 'overview') return '/admin/live?view=overview';
  if (view === 'job' && element.dataset.target && element.dataset.job) {
    return `/admin/live?${new URLSearchParams({ view, target: element.dataset.target, job: element.dataset.job })}`;
  }
  return undefined;
};

const listen = (element: HTMLElement) => {
  const url = streamUrl(element);
  if (!url) return;
  const source = new EventSource(url);
  source.addEventListener('update', (event) => {
    const html = (event as MessageEvent<string>).data;
    // The fragment is our own server's HTML, escaped there like every page.
    if (element.innerHTML !== html) element.innerHTML = html;
  });
  source.addEventListener('end', () => source.close());
  // A refused stream (session gone, 401/404) does not come back: stop instead of retrying forever.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  });
};

for (const element of document.querySelectorAll<HTMLElement>('[data-live]')) listen(element);
