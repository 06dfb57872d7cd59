/**
 * @module ports/captcha
 * A challenge people solve before a form is accepted. Two adapters: a server-drawn image, and an
 * Altcha proof of work (no image, usable with a screen reader).
 */

export type CaptchaChallenge =
  | { kind: 'image'; id: string; svg: string }
  | { kind: 'altcha'; id: string; challenge: unknown };

export interface CaptchaPort {
  readonly kind: 'image' | 'altcha';
  create(): Promise<CaptchaChallenge>;
  /**
   * True once for a right answer; the challenge is then used up. A wrong answer also uses it up
   * (a new image is shown), so an answer cannot be guessed by repeated tries.
   */
  verify(id: string, answer: string): Promise<boolean>;
}
