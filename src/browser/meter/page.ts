/**
 * @module browser/meter/page
 * What the meter reads from the page: the policy JSON the server embeds, and the personal
 * information typed in the form (login, names) that the rules and the estimate use.
 */
import type { PasswordPolicy, PolicyContext } from '../../policy/types.ts';

export type MeterLanguage = 'fr' | 'en';

/** The content of `<script type="application/json" id="passerelle-policy">`. */
export interface MeterData {
  policy: PasswordPolicy;
  language: MeterLanguage;
  /** Personal words the server knows (login, names, birth date forms) for the estimate. */
  userInputs: string[];
  /** Optional: what the server knows of the person, for the personal-information rules. */
  context?: { login?: string; firstName?: string; lastName?: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Reads and checks the JSON; `undefined` (the meter stays off) when it is missing or malformed. */
export const readMeterData = (document: Document): MeterData | undefined => {
  const element = document.getElementById('passerelle-policy');
  if (!element?.textContent) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(element.textContent);
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || !isRecord(raw.policy) || typeof raw.policy.minLength !== 'number') return undefined;
  const policy = raw.policy as unknown as PasswordPolicy;
  const context = isRecord(raw.context) ? raw.context : {};
  return {
    policy: { ...policy, words: strings(policy.words), forbiddenCharacters: typeof policy.forbiddenCharacters === 'string' ? policy.forbiddenCharacters : '' },
    language: raw.language === 'en' ? 'en' : 'fr',
    userInputs: strings(raw.userInputs),
    context: { login: text(context.login), firstName: text(context.firstName), lastName: text(context.lastName) },
  };
};

type Field = 'login' | 'firstName' | 'lastName';
/** The standard autocomplete tokens say which personal field an input is, when `data-user-input` has no value. */
const AUTOCOMPLETE: Record<string, Field> = { username: 'login', 'given-name': 'firstName', 'family-name': 'lastName' };

const fieldOf = (input: HTMLInputElement): Field | undefined => {
  const named = input.dataset.userInput;
  if (named === 'login' || named === 'firstName' || named === 'lastName') return named;
  return AUTOCOMPLETE[input.autocomplete.trim().toLowerCase()];
};

/** The inputs whose values are personal information (`data-user-input`). */
export const personalInputs = (root: ParentNode): HTMLInputElement[] => [...root.querySelectorAll<HTMLInputElement>('input[data-user-input]')];

/**
 * The person as far as the page knows: typed values win over the server's (`context` in the JSON);
 * every `data-user-input` value also feeds the estimate. `currentPassword` is read from the same
 * form's `autocomplete="current-password"` input when there is one (it never leaves the page).
 */
export const pageContext = (data: MeterData, password: HTMLInputElement): PolicyContext => {
  const context: PolicyContext = { ...data.context, userInputs: [...data.userInputs] };
  const typed: string[] = [];
  for (const input of personalInputs(password.ownerDocument)) {
    const value = input.value.trim();
    if (!value) continue;
    typed.push(value);
    const field = fieldOf(input);
    if (field) context[field] = value;
  }
  context.userInputs = [...data.userInputs, ...typed];
  const current = password.form?.querySelector<HTMLInputElement>('input[autocomplete="current-password"]');
  if (current) context.currentPassword = current.value;
  return context;
};
