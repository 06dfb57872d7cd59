/**
 * The captcha routes as a browser and an API client call them: fresh, uncached challenges with no
 * answer in them; the test hook only when the composition root turned it on; the API documented.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createImageCaptcha } from '../../../src/adapters/captcha/image.ts';
import { createAltchaCaptcha } from '../../../src/adapters/captcha/altcha.ts';
import { isPasserelleError } from '../../../src/errors.ts';
import { registerV1Captcha } from '../../../src/http/api/v1-captcha.ts';
import type { AppEnv, AppServices } from '../../../src/http/env.ts';
import { ERROR_STATUS } from '../../../src/http/errors.ts';
import { registerCaptchaRoutes } from '../../../src/http/pages/captcha.ts';
import type { CaptchaPort } from '../../../src/ports/captcha.ts';
import { createFakeRedis } from './fake-redis.ts';

/** Just enough of the real app: services on the context, and errors mapped by the one table. */
const appWith = (captcha: CaptchaPort, captchaAnswerForTests?: (id: string) => string | undefined, drawn: string[] = []) => {
  const app = new OpenAPIHono<AppEnv>();
  // Counts each challenge drawn per address, as the Redis limiter would.
  const limits = { consume: async (_bucket: string, key: string) => void drawn.push(key), check: async () => {}, reset: async () => {} };
  app.use(async (c, next) => {
    c.set('ip', '192.0.2.7');
    c.set('services', { captcha, captchaAnswerForTests, limits } as unknown as AppServices);
    await next();
  });
  registerCaptchaRoutes(app);
  registerV1Captcha(app);
  app.notFound((c) => c.text('not found', 404));
  app.onError((error, c) => c.text(isPasserelleError(error) ? error.code : 'internal', isPasserelleError(error) ? ERROR_STATUS[error.code].status : 500));
  return app;
};

const imageCaptcha = (testHook: boolean) =>
  createImageCaptcha({ redis: createFakeRedis(), keyPrefix: 'pfx', hmacKey: 'k', ttlSeconds: 600, length: 5, testHook });
const altchaCaptcha = () => createAltchaCaptcha({ redis: createFakeRedis(), keyPrefix: 'pfx', hmacKey: 'k', ttlSeconds: 600, maxNumber: 1000 });

describe('GET /captcha/new and GET /api/v1/captcha', () => {
  for (const path of ['/captcha/new', '/api/v1/captcha']) {
    it(`${path} answers a new image as a data: URL, never cached`, async () => {
      const captcha = imageCaptcha(true);
      const app = appWith(captcha, captcha.answerForTests);
      const first = await app.request(path);
      const second = await app.request(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const body = (await first.json()) as { kind: string; id: string; svg: string };
      expect(Object.keys(body).sort()).toEqual(['id', 'kind', 'svg']);
      expect(body.kind).toBe('image');
      expect(body.svg).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(body.svg.split(',')[1] ?? '', 'base64').toString()).toMatch(/^<svg /);
      expect(((await second.json()) as { id: string }).id).not.toBe(body.id);
      expect(JSON.stringify(body)).not.toContain(captcha.answerForTests?.(body.id) ?? 'missing');
    });

    it(`${path} answers an Altcha challenge when Altcha is configured`, async () => {
      const response = await appWith(altchaCaptcha()).request(path);
      const body = (await response.json()) as { kind: string; challenge: { parameters: { algorithm: string }; signature: string } };
      expect(body.kind).toBe('altcha');
      expect(body.challenge.parameters.algorithm).toBe('SHA-256');
      expect(body.challenge.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(body).not.toHaveProperty('svg');
    });
  }

  it('turns Redis down into a 503', async () => {
    const redis = createFakeRedis();
    redis.down = true;
    const captcha = createImageCaptcha({ redis, keyPrefix: 'pfx', hmacKey: 'k', ttlSeconds: 600, length: 5 });
    const response = await appWith(captcha).request('/api/v1/captcha');
    expect([response.status, await response.text()]).toEqual([503, 'unavailable']);
  });
});

describe('GET /captcha/altcha-challenge', () => {
  it('answers the bare challenge the widget expects', async () => {
    const response = await appWith(altchaCaptcha()).request('/captcha/altcha-challenge');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['parameters', 'signature']);
  });

  it('does not exist with the image captcha', async () => {
    expect((await appWith(imageCaptcha(false)).request('/captcha/altcha-challenge')).status).toBe(404);
  });
});

describe('GET /test/captcha/:id', () => {
  it('gives the answer of a live image when the test hook is on', async () => {
    const captcha = imageCaptcha(true);
    const app = appWith(captcha, captcha.answerForTests);
    const { id } = (await (await app.request('/captcha/new')).json()) as { id: string };
    const response = await app.request(`/test/captcha/${id}`);
    expect(response.status).toBe(200);
    const answer = await response.text();
    expect(answer).toMatch(/^[A-Z0-9]{5}$/);
    expect(await captcha.verify(id, answer)).toBe(true);
    expect((await app.request(`/test/captcha/${id}`)).status).toBe(404);
  });

  it('is a 404 like any unknown page when the hook is off', async () => {
    const captcha = imageCaptcha(false);
    const app = appWith(captcha, undefined);
    const { id } = (await (await app.request('/captcha/new')).json()) as { id: string };
    expect((await app.request(`/test/captcha/${id}`)).status).toBe(404);
  });
});

describe('OpenAPI document', () => {
  it('documents GET /api/v1/captcha with its response schema, and not the browser routes', () => {
    const document = appWith(imageCaptcha(false)).getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const operation = document.paths?.['/api/v1/captcha']?.get;
    expect(operation?.summary).toBe('Get a single-use captcha challenge');
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['200', '429', '503']);
    const schema = document.components?.schemas?.Captcha as { properties?: Record<string, unknown>; required?: string[] };
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['challenge', 'id', 'kind', 'svg']);
    expect(schema.required?.sort()).toEqual(['id', 'kind']);
    expect(Object.keys(document.paths ?? {}).filter((path) => path.includes('captcha'))).toEqual(['/api/v1/captcha']);
  });
});

describe('limits', () => {
  it('counts every challenge drawn against the client address', async () => {
    const captcha = imageCaptcha(false);
    const drawn: string[] = [];
    const app = appWith(captcha, undefined, drawn);
    await app.request('/captcha/new');
    await app.request('/api/v1/captcha');
    expect(drawn).toEqual(['192.0.2.7', '192.0.2.7']);
  });
});
