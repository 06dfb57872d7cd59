/**
 * @module test/integration/sync/support/status
 * Following a change the way the success page does: GET /api/v1/password/sync-status/{ref}
 * until a condition holds, printing the last answer when it never does.
 */
import type { TestApp } from '../../support/app.ts';

export interface TargetStatusBody {
  name: string;
  label: string;
  state: 'pending' | 'done' | 'failed' | 'superseded';
  stateText: string;
  at?: string;
  attempts: number;
  reason?: string;
  reasonText?: string;
}

export interface StatusBody {
  createdAt: string;
  deadline: string;
  complete: boolean;
  targets: TargetStatusBody[];
}

export const readStatus = async (app: TestApp, ref: string, language = 'fr'): Promise<{ status: number; body: StatusBody }> => {
  const response = await app.get(`/api/v1/password/sync-status/${encodeURIComponent(ref)}`, { 'accept-language': language, cookie: `lang=${language}` });
  return { status: response.status, body: (await response.json()) as StatusBody };
};

/** Polls until `done(body)` or `timeoutMs`; returns the last body. */
export const waitForStatus = async (
  app: TestApp,
  ref: string,
  done: (body: StatusBody) => boolean = (body) => body.complete,
  timeoutMs = 20_000,
): Promise<StatusBody> => {
  const deadline = Date.now() + timeoutMs;
  let last: StatusBody | undefined;
  for (;;) {
    const { status, body } = await readStatus(app, ref);
    if (status === 200) {
      last = body;
      if (done(body)) return body;
    }
    if (Date.now() > deadline) throw new Error(`sync status never reached the expected state; last answer (${status}): ${JSON.stringify(last ?? body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Polls any async condition. */
export const eventually = async <T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The state of one target in a status body. */
export const stateOf = (body: StatusBody, target: string) => body.targets.find((t) => t.name === target)?.state;
