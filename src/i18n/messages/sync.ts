/**
 * @module i18n/messages/sync
 * The sync status people see after a change (the states pending / done / failed are in
 * common.ts), why a target refused or is still waiting, and the pre-check violations that name a
 * downstream target ({target} is its label).
 */
import { defineMessages } from '../define.ts';

export const syncMessages = defineMessages(
  {
    'sync.state.superseded': 'remplacé par votre changement plus récent',
    'sync.reason.policy': 'ce service refuse ce mot de passe (règles de mot de passe)',
    'sync.reason.rights': 'Passerelle n’a pas le droit de modifier ce compte',
    'sync.reason.protected': 'ce compte est protégé : il se change auprès des administrateurs',
    'sync.reason.no_entry': 'aucun compte à votre nom dans ce service',
    'sync.reason.ambiguous': 'plusieurs comptes à votre identifiant dans ce service',
    'sync.reason.refused': 'ce service a refusé la mise à jour',
    'sync.reason.unavailable': 'service injoignable pour le moment, nouvelle tentative automatique',
    'sync.reason.timeout': 'service trop lent à répondre, nouvelle tentative automatique',
    'sync.reason.gave_up': 'service resté injoignable malgré plusieurs tentatives, l’assistance est prévenue',
    'sync.reason.expired': 'délai dépassé : changez à nouveau votre mot de passe',
    'sync.reason.discarded': 'mise à jour annulée par l’assistance',
    'sync.reason.internal': 'erreur inattendue, l’assistance est prévenue',
    'sync.status.unknown': 'Suivi indisponible : ce lien a expiré.',
    'violation.target_too_short': '{target} demande au moins {min} caractères.',
    'violation.target_too_long': '{target} accepte au plus {max} caractères.',
    'violation.target_complexity':
      '{target} demande au moins trois sortes de caractères parmi : majuscules, minuscules, chiffres et caractères spéciaux.',
    'violation.target_contains_login': '{target} refuse un mot de passe qui contient votre identifiant.',
    'violation.target_contains_name': '{target} refuse un mot de passe qui contient votre prénom ou votre nom.',
  },
  {
    'sync.state.superseded': 'replaced by your more recent change',
    'sync.reason.policy': 'this service refuses this password (password rules)',
    'sync.reason.rights': 'Passerelle is not allowed to update this account',
    'sync.reason.protected': 'this account is protected: ask the administrators to change it',
    'sync.reason.no_entry': 'no account in your name in this service',
    'sync.reason.ambiguous': 'several accounts with your login in this service',
    'sync.reason.refused': 'this service refused the update',
    'sync.reason.unavailable': 'service unreachable for now, trying again automatically',
    'sync.reason.timeout': 'service too slow to answer, trying again automatically',
    'sync.reason.gave_up': 'service still unreachable after several attempts, the help desk has been told',
    'sync.reason.expired': 'too late: please change your password again',
    'sync.reason.discarded': 'update cancelled by the help desk',
    'sync.reason.internal': 'unexpected error, the help desk has been told',
    'sync.status.unknown': 'Progress unavailable: this link has expired.',
    'violation.target_too_short': '{target} needs at least {min} characters.',
    'violation.target_too_long': '{target} takes at most {max} characters.',
    'violation.target_complexity': '{target} needs at least three kinds of characters among: capital letters, small letters, digits and special characters.',
    'violation.target_contains_login': '{target} refuses a password that contains your login.',
    'violation.target_contains_name': '{target} refuses a password that contains your first or last name.',
  },
);
