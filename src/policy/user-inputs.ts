/**
 * @module policy/user-inputs
 * What zxcvbn should treat as "known to an attacker who knows this person": the login, the names
 * and the birth date, in the forms people actually put in passwords.
 */
import { fold, nameParts } from './fold.ts';
import type { PolicyContext } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The ways a birth date shows up in passwords: 19840312, 12031984, 12/03/1984, 12-03-1984,
 * 12.03.1984, 120384, 1984, 84, 1203, and the US order (03/12/1984, 031284, 0312). zxcvbn's own
 * date matcher already finds most dates; these make *this* date cost almost nothing.
 */
export const birthDateForms = (isoDate: string): string[] => {
  const parts = ISO_DATE.exec(isoDate.trim());
  if (!parts) return [];
  const [, year = '', month = '', day = ''] = parts;
  const yy = year.slice(2);
  const forms = [
    `${year}${month}${day}`,
    `${day}${month}${year}`,
    `${day}/${month}/${year}`,
    `${day}-${month}-${year}`,
    `${day}.${month}.${year}`,
    `${day}${month}${yy}`,
    year,
    yy,
    `${day}${month}`,
    `${month}/${day}/${year}`,
    `${month}${day}${yy}`,
    `${month}${day}`,
    // Without leading zeros, as some people write it: 1/3/1984 → 131984.
    `${Number(day)}/${Number(month)}/${year}`,
    `${Number(day)}${Number(month)}${year}`,
  ];
  return [...new Set(forms)];
};

/** The date parts people glue to a name: 1984, 84, 1203, 120384. */
const birthSuffixes = (isoDate: string): string[] => {
  const parts = ISO_DATE.exec(isoDate.trim());
  if (!parts) return [];
  const [, year = '', month = '', day = ''] = parts;
  return [year, year.slice(2), `${day}${month}`, `${day}${month}${year.slice(2)}`];
};

/** A name as typed, lower-cased, folded, its parts, and without spaces (« lefevre dupont » → lefevredupont). */
const nameForms = (name: string): string[] => {
  const folded = fold(name);
  return [name.toLowerCase(), folded, folded.replaceAll(' ', ''), ...nameParts(name)];
};

/**
 * The login as typed and folded, plus its parts (« jean.dupont2 » → jean, dupont), since people
 * reuse the parts of a login as much as the whole.
 */
export const loginForms = (login: string): string[] => {
  const folded = fold(login);
  const parts = folded.split(/[^\p{L}]+/u).filter((part) => [...part].length >= 3);
  return [login.toLowerCase(), folded, ...parts];
};

/**
 * Every personal word for the estimate, deduplicated, in a stable order: login, first name, last
 * name and their combinations (« elefevre », « eloiselefevre »), the birth date and the names
 * glued to it (« elefevre1984 »), then the context's extra inputs. Empty strings are dropped.
 */
export const userInputsOf = (context: PolicyContext): string[] => {
  const words: string[] = [];
  if (context.login) words.push(...loginForms(context.login));
  const first = context.firstName ? fold(context.firstName).replaceAll(' ', '') : '';
  const last = context.lastName ? fold(context.lastName).replaceAll(' ', '') : '';
  if (context.firstName) words.push(...nameForms(context.firstName));
  if (context.lastName) words.push(...nameForms(context.lastName));
  for (const name of context.otherNames ?? []) words.push(...nameForms(name));
  const bases: string[] = [];
  if (context.login) bases.push(fold(context.login).replaceAll(' ', ''));
  if (first) bases.push(first);
  if (first && last) {
    // The usual login and mail patterns, also with each part of a compound name: elefevre,
    // eloiselefevre, lefevreeloise, eloise.lefevre, lefevree (« Lefèvre-Dupont » gives both parts).
    const initial = [...first][0] ?? '';
    for (const surname of new Set([last, ...nameParts(context.lastName ?? '')])) {
      words.push(`${initial}${surname}`, `${first}${surname}`, `${surname}${first}`, `${first}.${surname}`, `${surname}${initial}`);
      bases.push(surname, `${initial}${surname}`);
    }
  } else if (last) {
    bases.push(last);
  }
  if (context.birthDate) {
    words.push(...birthDateForms(context.birthDate));
    // A name glued to the birth year or day is the classic personal password (« Elefevre1984! »):
    // as one known word it costs an attacker a few hundred guesses, not zxcvbn's 10^7 for the parts.
    for (const suffix of birthSuffixes(context.birthDate)) words.push(...bases.map((base) => `${base}${suffix}`));
  }
  for (const input of context.userInputs ?? []) words.push(input.toLowerCase(), fold(input));
  return [...new Set(words.filter((word) => word.length > 0))];
};
