/**
 * Client-secret rotation, as PingOne's management API offers it:
 * - `GET …/applications/{appId}/secret` answers 200 with `{secret, previous?: {secret, expiresAt,
 *   lastUsed}}`; `previous` is returned only while a previous secret is designated and not expired.
 * - `POST …/secret` generates a new secret and answers 200 with it. The optional body
 *   `{"previous": {"expiresAt": "<RFC 3339>"}}` keeps the replaced secret valid as `previous` until
 *   then, from 1 minute to 30 days ahead; without it, the replaced secret stops working at once.
 * - `DELETE …/secret` revokes the previous secret before it expires (204).
 * - There is no way to delete an application's only secret.
 *
 * Sources: https://developer.pingidentity.com/pingone-api/platform/applications/application-secret.html
 * (data model, permissions), https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html
 * ("remains valid for a specified period, up to 30 days"), the Go SDK's
 * https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/api_application_secret.go
 * (ReadApplicationSecret, UpdateApplicationSecret, DeletePreviousApplicationSecret), and
 * https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application_secret.go
 * (`previous.expires_at`: "Supported time range is 1 minute to 30 days").
 */

/** The shortest time a previous secret may be kept after a rotation. */
export const PREVIOUS_SECRET_MIN_MS = 60_000;
/** The longest time a previous secret may be kept after a rotation (30 days). */
export const PREVIOUS_SECRET_MAX_MS = 30 * 24 * 3600_000;

const WORD_UNITS: readonly (readonly [ms: number, unit: string])[] = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
  [1000, "second"],
];

/**
 * A duration in words, in the largest whole unit, as PingOne's pages write this range:
 * `60_000` → "1 minute", 30 days → "30 days".
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html
 */
export function durationInWords(ms: number): string {
  for (const [size, unit] of WORD_UNITS) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? "" : "s"}`;
  }
  return `${ms} milliseconds`;
}

/**
 * {@link PREVIOUS_SECRET_MIN_MS} in words ("1 minute").
 * @see https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application_secret.go
 */
export const PREVIOUS_SECRET_MIN_IN_WORDS = durationInWords(PREVIOUS_SECRET_MIN_MS);
/**
 * {@link PREVIOUS_SECRET_MAX_MS} in words ("30 days").
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html
 */
export const PREVIOUS_SECRET_MAX_IN_WORDS = durationInWords(PREVIOUS_SECRET_MAX_MS);
/**
 * How long a previous secret may be kept, in words as the Terraform provider says it
 * ("1 minute to 30 days").
 * @see https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application_secret.go
 */
export const PREVIOUS_SECRET_RANGE_IN_WORDS = `${PREVIOUS_SECRET_MIN_IN_WORDS} to ${PREVIOUS_SECRET_MAX_IN_WORDS}`;
