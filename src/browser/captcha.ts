/**
 * @module browser/captcha
 * « Nouvelle image » without reloading the page: fetches a fresh challenge, swaps the image and the
 * hidden id, empties the answer, moves the focus to it and announces the change. Without this
 * script the same button posts the form (intent=new-captcha) and the server draws a new image.
 */

interface NewCaptcha {
  kind: string;
  id: string;
  svg?: string;
}

const isImageCaptcha = (body: unknown): body is Required<NewCaptcha> => {
  const value = body as Partial<NewCaptcha> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    value.kind === 'image' &&
    typeof value.id === 'string' &&
    typeof value.svg === 'string' &&
    value.svg.startsWith('data:image/svg+xml;base64,')
  );
};

/** Re-announces even the same text: clear first, then set on the next task. */
const announce = (region: HTMLElement, text: string) => {
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
};

const enhance = (root: HTMLElement) => {
  // The fragment brings this script and a page may load it too: bind once.
  if (root.dataset.captchaEnhanced === 'true') return;
  const button = root.querySelector<HTMLButtonElement>('[data-captcha-refresh]');
  const image = root.querySelector<HTMLImageElement>('[data-captcha-image]');
  const id = root.querySelector<HTMLInputElement>('input[name="captchaId"]');
  const answer = root.querySelector<HTMLInputElement>('input[name="captchaAnswer"]');
  const status = root.querySelector<HTMLElement>('[data-captcha-status]');
  const url = root.dataset.captchaNewUrl;
  if (!button || !image || !id || !answer || !status || !url) return;
  root.dataset.captchaEnhanced = 'true';
  let busy = false;

  button.addEventListener('click', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      const body: unknown = response.ok ? await response.json() : undefined;
      if (!isImageCaptcha(body)) throw new Error(`captcha refresh failed (${response.status})`);
      image.src = body.svg;
      id.value = body.id;
      answer.value = '';
      answer.focus();
      announce(status, status.dataset.announce ?? '');
    } catch {
      // Network or server trouble: do what the button does without JavaScript.
      button.form?.requestSubmit(button);
    } finally {
      busy = false;
      button.removeAttribute('aria-busy');
    }
  });
};

const start = () => document.querySelectorAll<HTMLElement>('[data-captcha="image"]').forEach(enhance);

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
