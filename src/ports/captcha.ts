/**
 * @module ports/captcha
 * A challenge people solve before a form is accepted. Two adapters: a server-drawn image, and an
 * Altcha proof of work (no image, usable with a screen reader).
 */

/**
 * An Altcha challenge (protocol v2, the one the `altcha` widget 3.x speaks): signed parameters the
 * browser works on. It holds no answer; the signature covers every parameter.
 */
export interface AltchaChallenge {
  parameters: Record<string, unknown>;
  signature: string;
}

export type CaptchaChallenge =
  /** `svg` is the SVG markup itself (the views turn it into a data: URL). */
  | { kind: 'image'; id: string; svg: string }
  | { kind: 'altcha'; id: string; challenge: AltchaChallenge };

export interface CaptchaPort {
  readonly kind: 'image' | 'altcha';
  create(): Promise<CaptchaChallenge>;
  /**
   * True once for a right answer; the challenge is then used up. A wrong answer also uses it up
   * (a new image is shown), so an answer cannot be guessed by repeated tries.
   * Image: `answer` is the text typed, compared case-insensitively, surrounding spaces ignored.
   * Altcha: `answer` is the widget's base64 payload, which names its own (signed) challenge, so
   * `id` is not consulted. Throws `unavailable` when the store cannot be reached.
   */
  verify(id: string, answer: string): Promise<boolean>;
}
