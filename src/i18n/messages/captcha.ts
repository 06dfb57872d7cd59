/**
 * @module i18n/messages/captcha
 * The captcha field: image label and help, the « Nouvelle image » button and its announcement, the
 * Altcha widget's own strings, and what people without JavaScript are told.
 */
import { defineMessages } from '../define.ts';

export const captchaMessages = defineMessages(
  {
    'captcha.label': "Recopiez le texte qui apparaît sur l'image",
    'captcha.hint': 'Lettres et chiffres, en majuscules ou en minuscules, peu importe.',
    'captcha.image_alt':
      "Image de caractères déformés à recopier dans le champ ci-dessous. Si vous ne pouvez pas la lire, demandez une nouvelle image ou contactez l'assistance informatique.",
    'captcha.new_image': 'Nouvelle image',
    'captcha.new_image_announce': 'Nouvelle image affichée',
    'captcha.altcha_hint':
      "Cochez la case « Je ne suis pas un robot » : votre navigateur fait un court calcul, sans image à lire. Cela peut prendre quelques secondes.",
    'captcha.altcha_invalid': "La vérification anti-robot n'a pas abouti. Cochez de nouveau la case.",
    'captcha.noscript':
      "Cette vérification anti-robot a besoin de JavaScript. Activez-le dans votre navigateur, ou contactez l'assistance informatique pour changer votre mot de passe.",
    'captcha.altcha.label': 'Je ne suis pas un robot',
    'captcha.altcha.loading': 'Chargement…',
    'captcha.altcha.verify': 'Vérifier',
    'captcha.altcha.verifying': 'Vérification en cours…',
    'captcha.altcha.verified': 'Vérification réussie',
    'captcha.altcha.verification_required': 'Cochez la case pour continuer.',
    'captcha.altcha.wait_alert': 'Vérification en cours, veuillez patienter.',
    'captcha.altcha.error': 'La vérification a échoué. Réessayez dans un instant.',
    'captcha.altcha.expired': 'La vérification a expiré. Cochez de nouveau la case.',
    'captcha.altcha.reload': 'Recommencer',
  },
  {
    'captcha.label': 'Copy the text shown in the image',
    'captcha.hint': 'Letters and digits; upper or lower case does not matter.',
    'captcha.image_alt':
      'Image of distorted characters to copy into the field below. If you cannot read it, ask for a new image or contact the IT help desk.',
    'captcha.new_image': 'New image',
    'captcha.new_image_announce': 'New image shown',
    'captcha.altcha_hint':
      'Tick the “I am not a robot” box: your browser does a short computation, with no image to read. It may take a few seconds.',
    'captcha.altcha_invalid': 'The anti-robot check did not succeed. Please tick the box again.',
    'captcha.noscript':
      'This anti-robot check needs JavaScript. Turn it on in your browser, or contact the IT help desk to change your password.',
    'captcha.altcha.label': 'I am not a robot',
    'captcha.altcha.loading': 'Loading…',
    'captcha.altcha.verify': 'Verify',
    'captcha.altcha.verifying': 'Verifying…',
    'captcha.altcha.verified': 'Verified',
    'captcha.altcha.verification_required': 'Tick the box to continue.',
    'captcha.altcha.wait_alert': 'Verifying, please wait.',
    'captcha.altcha.error': 'Verification failed. Please try again in a moment.',
    'captcha.altcha.expired': 'Verification expired. Please tick the box again.',
    'captcha.altcha.reload': 'Start again',
  },
);
