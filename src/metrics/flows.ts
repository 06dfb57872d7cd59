/**
 * @module metrics/flows
 * How the use cases end, counted: per flow, `success` or the error code (invalid_credentials,
 * policy, rate_limited, unavailable…), and each policy rule a refused password broke. Wraps the
 * flows handed to the HTTP layer, so page and API share one count. Labels are flow names, error
 * codes and rule codes: never a login.
 */
import { Counter } from 'prom-client';
import { PasserelleError } from '../errors.ts';
import type { Flows } from '../flows/flows.ts';

export const flowMetrics = {
  outcomes: new Counter({
    name: 'passerelle_flow_outcomes_total',
    help: 'Use-case outcomes: flow (change, reset-mail-request, reset-mail, reset-identity) and outcome (success or the error code)',
    labelNames: ['flow', 'outcome'] as const,
  }),
  policyRejections: new Counter({
    name: 'passerelle_policy_rejections_total',
    help: 'Rules broken by refused new passwords: rule code and where it comes from (policy, a sync target, the directory)',
    labelNames: ['flow', 'rule', 'source'] as const,
  }),
};

/** Runs one flow call and counts how it ended; rethrows. */
export const counted = async <T>(flow: string, work: () => Promise<T>): Promise<T> => {
  try {
    const result = await work();
    flowMetrics.outcomes.inc({ flow, outcome: 'success' });
    return result;
  } catch (error) {
    const code = error instanceof PasserelleError ? error.code : 'internal';
    flowMetrics.outcomes.inc({ flow, outcome: code });
    if (error instanceof PasserelleError && code === 'policy') {
      for (const violation of error.details?.violations ?? []) {
        flowMetrics.policyRejections.inc({ flow, rule: violation.code, source: violation.source ?? 'policy' });
      }
    }
    throw error;
  }
};

/** The same flows, each call counted. `inspectResetToken` is a page view, not an outcome: left alone. */
export const countedFlows = (flows: Flows): Flows => {
  const { change, requestReset, resetWithToken, resetByIdentity } = flows;
  return {
    ...flows,
    change: (input, meta) => counted('change', () => change(input, meta)),
    ...(requestReset ? { requestReset: (input, meta) => counted('reset-mail-request', () => requestReset(input, meta)) } : {}),
    ...(resetWithToken ? { resetWithToken: (input, meta) => counted('reset-mail', () => resetWithToken(input, meta)) } : {}),
    ...(resetByIdentity ? { resetByIdentity: (input, meta) => counted('reset-identity', () => resetByIdentity(input, meta)) } : {}),
  };
};
