/**
 * @module i18n/messages/policy
 * Policy rules (checklist and help panel), strength labels, and violations reported by directories.
 * Bundled into the browser meter too.
 */
import { defineMessages } from '../define.ts';

export const policyMessages = defineMessages({}, {});
