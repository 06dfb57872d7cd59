/**
 * @module http/api/openapi
 * GET /api/openapi.json (OpenAPI 3.1, generated from the same zod schemas that validate) and
 * GET /api/docs, a readable reference rendered on the server: no script, no CDN, works offline.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.ts';

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

const documentConfig = (institution: string) => ({
  openapi: '3.1.0',
  info: {
    title: `Passerelle – ${institution}`,
    version: '1',
    description:
      'Self-service password API. Errors always have the shape `{ error: { code, message, details?, requestId } }`; messages follow Accept-Language (fr, en). Endpoints that write need a captcha answer unless an `X-Api-Key` listed in the configuration is presented.',
  },
});

interface Operation {
  summary?: string;
  description?: string;
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'delete'] as const;

const example = (document: Document, schema: unknown): unknown => {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const resolved = ref ? (document.components?.schemas as Record<string, unknown> | undefined)?.[ref.split('/').at(-1)!] : schema;
  return (resolved as { example?: unknown } | undefined)?.example;
};

export const registerOpenApi = (app: OpenAPIHono<AppEnv>) => {
  let cached: Document | undefined;
  const documentFor = (institution: string) => (cached ??= app.getOpenAPI31Document(documentConfig(institution)));

  app.get('/api/openapi.json', (c) => c.json(documentFor(c.var.services.config.institution.name)));

  app.get('/api/docs', (c) => {
    const document = documentFor(c.var.services.config.institution.name);
    const { t } = c.var;
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((method) => ({
        path,
        method,
        op: (item as Record<string, Operation>)[method]!,
      })),
    );
    const body = html`<section class="card api-reference" aria-labelledby="page-title">
      <h1 id="page-title">${t('api.title')}</h1>
      <p class="lead">${t('api.intro')}</p>
      <p><a href="/api/openapi.json">${t('api.download')}</a></p>
      ${operations.map(({ path, method, op }) => {
        const bodyExample = example(document, op.requestBody?.content?.['application/json']?.schema);
        return html`<article class="api-operation">
          <h2><span class="api-method api-method--${method}">${method.toUpperCase()}</span> <code>${path}</code></h2>
          ${op.summary ? html`<p><strong>${op.summary}</strong></p>` : ''}
          ${op.description ? html`<p>${op.description}</p>` : ''}
          ${bodyExample ? html`<h3>${t('api.example')}</h3><pre><code>${JSON.stringify(bodyExample, null, 2)}</code></pre>` : ''}
          <h3>${t('api.responses')}</h3>
          <dl class="api-responses">
            ${Object.entries(op.responses ?? {}).map(([status, response]) => html`<dt>${status}</dt><dd>${response.description ?? ''}</dd>`)}
          </dl>
        </article>`;
      })}
    </section>`;
    return renderPage(c, { title: t('api.title'), body });
  });
};
