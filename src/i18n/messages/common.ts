/**
 * @module i18n/messages/common
 * The layout, home page and change page.
 */
import { defineMessages } from '../define.ts';

export const commonMessages = defineMessages(
  {
    'layout.skip': 'Aller au contenu',
    'layout.language': 'Langue',
  },
  {
    'layout.skip': 'Skip to content',
    'layout.language': 'Language',
  },
);
