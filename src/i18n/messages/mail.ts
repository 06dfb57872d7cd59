/**
 * @module i18n/messages/mail
 * The computed parts of the mails (greeting, how a password was changed, durations, dates); the
 * rest of each mail's wording is in templates/mail, where the institution can rebrand it.
 */
import { defineMessages } from '../define.ts';

export const mailMessages = defineMessages(
  {
    'mail.automated': 'Ce message est envoyé automatiquement par le service de gestion des mots de passe de {institution}. Merci de ne pas y répondre.',
    'mail.greeting.civility': 'Bonjour {civility} {lastName},',
    'mail.greeting.name': 'Bonjour {name},',
    'mail.greeting.plain': 'Bonjour,',
    'mail.route.change': 'avec l’ancien mot de passe (page « Modifier mon mot de passe »)',
    'mail.route.reset-mail': 'avec un lien de réinitialisation envoyé par e-mail',
    'mail.route.reset-identity': 'après vérification de l’identité (page « Redéfinir mon mot de passe »)',
    'mail.route.admin': 'par un administrateur',
    'mail.browser': '{browser} sous {os}',
    'mail.browser_unknown': 'navigateur non reconnu',
    'mail.address_unknown': 'inconnue',
    'mail.duration.minute': '1 minute',
    'mail.duration.minutes': '{n} minutes',
    'mail.duration.hour': '1 heure',
    'mail.duration.hours': '{n} heures',
  },
  {
    'mail.automated': 'This message was sent automatically by the password service of {institution}. Please do not reply.',
    'mail.greeting.civility': 'Dear {civility} {lastName},',
    'mail.greeting.name': 'Hello {name},',
    'mail.greeting.plain': 'Hello,',
    'mail.route.change': 'with the previous password (page “Change my password”)',
    'mail.route.reset-mail': 'with a reset link sent by e-mail',
    'mail.route.reset-identity': 'after an identity check (page “Reset my password”)',
    'mail.route.admin': 'by an administrator',
    'mail.browser': '{browser} on {os}',
    'mail.browser_unknown': 'unrecognised browser',
    'mail.address_unknown': 'unknown',
    'mail.duration.minute': '1 minute',
    'mail.duration.minutes': '{n} minutes',
    'mail.duration.hour': '1 hour',
    'mail.duration.hours': '{n} hours',
  },
);
