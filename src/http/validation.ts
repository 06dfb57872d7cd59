/**
 * @module http/validation
 * Turns zod issues into our `validation` error, whose issue codes are message keys. Schemas put
 * the key in the issue message (`{ error: 'issue.required' }`); other issues get a generic key.
 */
import type { z } from 'zod';
import { PasserelleError, type ErrorDetails } from '../errors.ts';

type Issue = NonNullable<ErrorDetails['issues']>[number];

const toIssue = (issue: z.core.$ZodIssue): Issue[] => {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, code: 'issue.unknown_field' }));
  }
  if (issue.message.startsWith('issue.')) {
    const params: Record<string, number> = {};
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') params.max = issue.maximum;
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') params.min = issue.minimum;
    return [{ path, code: issue.message, ...(Object.keys(params).length ? { params } : {}) }];
  }
  if (issue.code === 'invalid_type') return [{ path, code: path ? 'issue.invalid_type' : 'issue.invalid' }];
  return [{ path, code: 'issue.invalid' }];
};

export const validationError = (error: z.ZodError): PasserelleError =>
  new PasserelleError('validation', 'Invalid input', { details: { issues: error.issues.flatMap(toIssue) } });

/** Parses or throws our validation error. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
};
