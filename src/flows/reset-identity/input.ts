/**
 * @module flows/reset-identity/input
 * The identity-proof input, shared by the page and the API: login, one value per configured proof
 * (under `proofs`), the new password. Dates must be real dates (JJ/MM/AAAA or AAAA-MM-JJ); that
 * says nothing about any account, so it is told as a field error.
 */
import { z } from 'zod';
import { loginField, passwordField } from '../change/input.ts';
import { parseTypedDate, type ProofSpec } from './proofs.ts';

const NO_CONTROL = /^[^\p{Cc}\u2028\u2029]*$/u;

const proofField = (spec: Pick<ProofSpec, 'kind'>) => {
  const text = z
    .string({ error: 'issue.required' })
    .trim()
    .min(1, { error: 'issue.required' })
    .max(128, { error: 'issue.too_long' })
    .regex(NO_CONTROL, { error: 'issue.control_characters' });
  return spec.kind === 'date' ? text.refine((value) => parseTypedDate(value) !== undefined, { error: 'issue.invalid_date' }) : text;
};

/** The schema for the configured proofs. */
export const identityInput = (specs: Pick<ProofSpec, 'name' | 'kind'>[]) =>
  z
    .object({
      login: loginField,
      proofs: z.object(Object.fromEntries(specs.map((spec) => [spec.name, proofField(spec)]))).strict(),
      newPassword: passwordField,
    })
    .strict();

export interface IdentityInput {
  login: string;
  proofs: Record<string, string>;
  newPassword: string;
}
