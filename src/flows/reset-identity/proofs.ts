/**
 * @module flows/reset-identity/proofs
 * Identity proofs as the config names them (a staff number, a birth date…), read from the
 * directory and compared with what was typed: text ignoring case and spaces, dates whatever way
 * they were written (JJ/MM/AAAA typed, AAAA-MM-JJ from a date field) against the stored format.
 * Every proof is compared, in constant time, even after a first mismatch: the answer time says
 * nothing about which proof was wrong.
 */
import { constantTimeEqual } from '../../lib/constant-time.ts';
import type { Person } from '../../ports/directory.ts';

export type StoredDateFormat = 'YYYYMMDD' | 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'generalizedTime';

/** A proof as the config describes it (config resetIdentity.proofs). */
export interface ProofSpec {
  name: string;
  attributes: string[];
  kind: 'text' | 'date';
  storedFormat: StoredDateFormat;
}

/** Case and spaces do not count: « 09e 0412345 abc » is « 09E0412345ABC ». */
export const normaliseText = (value: string): string => value.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();

const isRealDate = (year: number, month: number, day: number): boolean => {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const canonical = (year: string, month: string, day: string): string | undefined => {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  return isRealDate(y, m, d) ? `${year.padStart(4, '0')}${month.padStart(2, '0')}${day.padStart(2, '0')}` : undefined;
};

/**
 * A typed date as YYYYMMDD, or undefined when it is not a real date. Accepts JJ/MM/AAAA (also
 * with - . or spaces, and one-digit day or month), JJMMAAAA, and AAAA-MM-JJ (what a date field sends).
 */
export const parseTypedDate = (value: string): string | undefined => {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return canonical(iso[1]!, iso[2]!, iso[3]!);
  const french = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(text);
  if (french) return canonical(french[3]!, french[2]!, french[1]!);
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (compact) return canonical(compact[3]!, compact[2]!, compact[1]!);
  return undefined;
};

/** A stored date as YYYYMMDD, or undefined when it does not have the configured shape. */
export const parseStoredDate = (value: string, format: StoredDateFormat): string | undefined => {
  const text = value.trim();
  const patterns: Record<StoredDateFormat, RegExp> = {
    YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
    'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
    'DD/MM/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
    // 19840312000000Z, with optional fraction and offset: only the calendar day counts.
    generalizedTime: /^(\d{4})(\d{2})(\d{2})\d{0,6}(?:[.,]\d+)?(?:Z|[+-]\d{2,4})?$/,
  };
  const found = patterns[format].exec(text);
  if (!found) return undefined;
  return format === 'DD/MM/YYYY' ? canonical(found[3]!, found[2]!, found[1]!) : canonical(found[1]!, found[2]!, found[3]!);
};

/**
 * Every value the directory holds for a proof, across its configured attributes: a person may
 * have both a staff number and an external-person number, or an attribute with an old and a new
 * value, and either one typed is theirs.
 */
const storedValues = (spec: ProofSpec, person: Person): string[] => {
  const wanted = new Set(spec.attributes.map((attribute) => attribute.toLowerCase()));
  return Object.entries(person.extra)
    .filter(([name]) => wanted.has(name.toLowerCase()))
    .flatMap(([, values]) => values)
    .filter((value) => value.trim() !== '');
};

/** Never equal to a normalised value (they hold no NUL), so a missing side always mismatches. */
const MISSING_STORED = '\u0000stored';
const MISSING_TYPED = '\u0000typed';

const compareOne = (spec: ProofSpec, typed: string | undefined, person: Person | null): boolean => {
  const normalise = (value: string) => (spec.kind === 'date' ? parseStoredDate(value, spec.storedFormat) : normaliseText(value));
  const given = typed === undefined ? undefined : spec.kind === 'date' ? parseTypedDate(typed) : normaliseText(typed);
  const stored = person ? storedValues(spec, person).map(normalise) : [];
  // At least one comparison, against nothing when nothing is stored, and every value compared.
  let matched = false;
  for (const value of stored.length > 0 ? stored : [undefined]) {
    matched = constantTimeEqual(value || MISSING_STORED, given || MISSING_TYPED) || matched;
  }
  return matched;
};

/**
 * True when every proof matches. With `person` null (unknown login) the same comparisons run
 * against nothing and fail, so that path costs the same.
 */
export const proofsMatch = (specs: ProofSpec[], typed: Record<string, string>, person: Person | null): boolean => {
  let all = true;
  for (const spec of specs) {
    // `&&` would stop comparing at the first mismatch.
    all = compareOne(spec, typed[spec.name], person) && all;
  }
  return all && person !== null;
};

/** Every directory attribute the proofs may read, for the look-up. */
export const proofAttributes = (specs: ProofSpec[]): string[] => [...new Set(specs.flatMap((spec) => spec.attributes))];
