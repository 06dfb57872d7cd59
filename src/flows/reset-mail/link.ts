/**
 * @module flows/reset-mail/link
 * Where a reset link points: the mail worker writes it, the web app answers it (its route pattern
 * is in http/pages/reset-link.ts). The token is 32 random bytes in base64url (43 characters).
 */
export const resetLinkPath = (token: string): string => `/reset/${token}`;
