/**
 * The `ApplicationSecret` resource's properties and outputs, documented once: the class, check,
 * the planning functions and the README all follow these.
 */

/** What a program sets on an `ApplicationSecret`. */
export interface ApplicationSecretProperties {
  /** The application whose client secret this resource rotates (its id). Changing it replaces the resource. */
  applicationId: string;
  /** The application's environment. Default: stack config `pingone:environmentId` or `PINGONE_ENVIRONMENT_ID`. */
  environmentId?: string;
  /**
   * Any map of values; a change of it (a value changed, a key added or removed) rotates the
   * secret on the next `up`, in the manner of `azuread.ApplicationPassword`'s `rotateWhenChanged`
   * and `random.RandomPassword`'s `keepers`. Only a digest of it is kept in the outputs.
   */
  rotateWhenChanged?: Record<string, string | number | boolean>;
  /**
   * How long the replaced secret keeps working after a rotation, as a duration ("24h", "7d");
   * 1 minute to 30 days, PingOne's range. Unset (and no `previousSecretExpiresAt`): the replaced
   * secret stops working at once.
   */
  previousSecretValidFor?: string;
  /**
   * Until when the replaced secret keeps working after the next rotation, as an RFC 3339 time,
   * 1 minute to 30 days after the rotation. Only checked when a rotation happens: once it is in
   * the past, runs that do not rotate neither fail nor show a difference. Not with
   * `previousSecretValidFor` or `rotationPeriod`.
   */
  previousSecretExpiresAt?: string;
  /**
   * Rotate on the first `up` after this long has passed since the last rotation, as a duration
   * ("2160h" or "90d"); at least 1 minute. Decided from the recorded `rotatedAt` and the clock,
   * without a request.
   */
  rotationPeriod?: string;
  /**
   * Opt-in: "no previous secret should work". A previous secret still valid is revoked on the
   * next `up` (PingOne's `DELETE …/secret`), and rotations keep no previous secret. Not with
   * `previousSecretValidFor` or `previousSecretExpiresAt`.
   */
  revokePreviousSecret?: boolean;
}

/** Every property name a user can set, in the order the README documents them. */
export const SECRET_PROPERTY_NAMES = [
  "applicationId",
  "environmentId",
  "rotateWhenChanged",
  "previousSecretValidFor",
  "previousSecretExpiresAt",
  "rotationPeriod",
  "revokePreviousSecret",
] as const satisfies readonly (keyof ApplicationSecretProperties)[];

/** Settings echoed in the outputs; changing only these is recorded without a request. */
export const SECRET_SETTING_NAMES = ["previousSecretValidFor", "previousSecretExpiresAt", "rotationPeriod", "revokePreviousSecret"] as const;

/** Outputs of an `ApplicationSecret`. */
export interface ApplicationSecretOutputs extends Omit<ApplicationSecretProperties, "rotateWhenChanged"> {
  /** The application id (also this resource's id). */
  id: string;
  environmentId: string;
  /** The current client secret, a Pulumi secret. */
  secret: string;
  /** The replaced secret, a Pulumi secret, while it still works (as of the last rotation or refresh). */
  previousSecret?: string;
  /** When the replaced secret stops working (RFC 3339), as of the last rotation or refresh. */
  previousExpiresAt?: string;
  /** When this resource last rotated the secret, or adopted it at create (RFC 3339). */
  rotatedAt: string;
}
