/**
 * @module scripts/demo-mailbox
 * The demo's mailbox: an SMTP sink (the test harness's) and a small page listing what it received,
 * so that a newcomer can follow a reset link without a real mail server. Demo only.
 */
import { createServer, type Server } from 'node:http';
import { startSmtpSink, type SmtpSink } from '../test/harness/index.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (text: string) => escape(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

const page = (sink: SmtpSink) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Boîte aux lettres de démonstration</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1e2430}
article{border:1px solid #d5d9e0;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}h2{margin:.2rem 0;font-size:1.1rem}
pre{white-space:pre-wrap;font:inherit}.meta{color:#4a5262}</style></head><body>
<h1>Boîte aux lettres de démonstration</h1><p class="meta">Les messages envoyés par Passerelle pendant la démonstration, du plus récent au plus ancien. Rechargez la page pour voir les nouveaux.</p>
${sink.messages.length === 0 ? '<p>Aucun message pour l’instant.</p>' : ''}
${[...sink.messages]
  .reverse()
  .map((m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">À : ${escape(m.to.join(', '))} — ${m.receivedAt.toLocaleString('fr-FR')}</p><pre>${linkify(m.text)}</pre></article>`)
  .join('')}
</body></html>`;

export interface DemoMailbox {
  sink: SmtpSink;
  url: string;
  stop(): Promise<void>;
}

export const startDemoMailbox = async (port: number): Promise<DemoMailbox> => {
  const sink = await startSmtpSink();
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page(sink));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    sink,
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sink.stop();
    },
  };
};
