/**
 * @module ports/breached
 * Whether a password appears in a public breach corpus (Have I Been Pwned's k-anonymity range API
 * in production). Asked by the server only, once the person submits: never while they type.
 */

export interface BreachedPasswordPort {
  /**
   * True when the password is known from breaches. Resolves `false` when the service cannot say
   * (unreachable, slow, malformed answer): the check is advisory and fails open, so an outage of a
   * third party never blocks a password change. Never rejects.
   */
  isBreached(password: string): Promise<boolean>;
}
