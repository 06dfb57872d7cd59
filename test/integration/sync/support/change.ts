/**
 * @module test/integration/sync/support/change
 * A person's change through the public API, as an integrator makes it.
 */
import type { TestApp } from '../../support/app.ts';

export interface ChangeAnswer {
  status: number;
  body: {
    status?: string;
    sync: { ref: string; deadline: string; targets: { name: string; label: string }[] };
    error?: { code: string; message: string; details?: { violations?: { code: string; message: string; source: string }[] } };
  };
}

export const changePassword = async (app: TestApp, login: string, currentPassword: string, newPassword: string): Promise<ChangeAnswer> => {
  const response = await app.postJson('/api/v1/password/change', { login, currentPassword, newPassword });
  return { status: response.status, body: (await response.json()) as ChangeAnswer['body'] };
};

/** Same, failing the test with the answer when the change is not accepted. */
export const acceptedChange = async (app: TestApp, login: string, currentPassword: string, newPassword: string) => {
  const answer = await changePassword(app, login, currentPassword, newPassword);
  if (answer.status !== 200) throw new Error(`change refused (${answer.status}): ${JSON.stringify(answer.body)}`);
  return answer.body.sync;
};
