/**
 * @module i18n/messages/active-directory
 * Messages only Active Directory needs: its complexity rule (violations with `source: 'directory'`
 * from src/policy/active-directory.ts and src/adapters/active-directory/errors.ts) and the refusal
 * of a protected account. The other directory violations are in directory.ts.
 */
import { defineMessages } from '../define.ts';

export const activeDirectoryMessages = defineMessages(
  {
    'violation.directory_complexity':
      "L'annuaire exige au moins trois sortes de caractères parmi : majuscules, minuscules, chiffres et caractères spéciaux (~!@#$%^&*_-+=… ; « € » et « £ » ne comptent pas).",
    'violation.directory_contains_login': 'Le mot de passe ne doit pas contenir votre identifiant.',
    'violation.directory_contains_name': 'Le mot de passe ne doit contenir ni votre prénom ni votre nom.',
    'write_refused.protected_account':
      "Ce compte est un compte d'administration protégé : son mot de passe ne peut pas être réinitialisé ici. Adressez-vous à l'équipe qui administre l'annuaire.",
  },
  {
    'violation.directory_complexity':
      'The directory requires at least three kinds of characters among: capital letters, small letters, digits and special characters (~!@#$%^&*_-+=…; “€” and “£” do not count).',
    'violation.directory_contains_login': 'The password must not contain your login.',
    'violation.directory_contains_name': 'The password must not contain your first or last name.',
    'write_refused.protected_account':
      'This is a protected administrator account: its password cannot be reset here. Ask the team that runs the directory.',
  },
);
