/**
 * @module i18n/messages/directory
 * Why the directory itself refused a new password (violations with `source: 'directory'`, codes
 * from src/adapters/openldap/errors.ts and the Active Directory twin). Written for the person who
 * typed the password: what happened and what to do.
 */
import { defineMessages } from '../define.ts';

export const directoryMessages = defineMessages(
  {
    'violation.directory_too_short': "L'annuaire juge ce mot de passe trop court : choisissez-en un plus long.",
    'violation.directory_quality': "L'annuaire juge ce mot de passe trop simple : choisissez-en un plus long ou plus varié.",
    'violation.directory_in_history': 'Ce mot de passe a déjà été utilisé récemment : choisissez-en un autre.',
    'violation.directory_too_young':
      "Votre mot de passe a été changé il y a trop peu de temps pour être changé à nouveau. Réessayez plus tard ou contactez votre assistance.",
    'violation.directory_same_as_current': 'Le nouveau mot de passe est identique au mot de passe actuel : choisissez-en un autre.',
    'violation.directory_refused': "L'annuaire a refusé ce mot de passe sans en donner la raison : choisissez-en un autre ou contactez votre assistance.",
  },
  {
    'violation.directory_too_short': 'The directory finds this password too short: choose a longer one.',
    'violation.directory_quality': 'The directory finds this password too simple: choose a longer or more varied one.',
    'violation.directory_in_history': 'This password was used recently: choose another one.',
    'violation.directory_too_young':
      'Your password was changed too recently to be changed again. Try again later or contact your help desk.',
    'violation.directory_same_as_current': 'The new password is the same as the current one: choose another one.',
    'violation.directory_refused': 'The directory refused this password without saying why: choose another one or contact your help desk.',
  },
);
