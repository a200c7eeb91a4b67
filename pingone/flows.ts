/**
 * PingOne's flow API as a hosted sign-on page drives it: the statuses of a flow this package's
 * sign-in meets, and the session cookie a successful password check sets.
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/flows/flows-1/check-username-password.html
 * @see https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-get-the-flow.html
 * @see https://prod-developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html
 */

/**
 * A flow's `status`, among those PingOne documents: a flow waiting for the username/password
 * check, one whose check succeeded (its `resumeUrl` then finishes the authorization), and one
 * that failed.
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/flows/flows-1.html
 */
export const FLOW_STATUSES = {
  usernamePasswordRequired: "USERNAME_PASSWORD_REQUIRED",
  completed: "COMPLETED",
  failed: "FAILED",
} as const;

/** A value of {@link FLOW_STATUSES}. */
export type FlowStatus = (typeof FLOW_STATUSES)[keyof typeof FLOW_STATUSES];

/**
 * The name of a flow's link to the username/password check (`_links["usernamePassword.check"]`),
 * which is also the action named by MEDIA_TYPES.usernamePasswordCheck.
 *
 * @see https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-get-the-flow.html
 */
export const USERNAME_PASSWORD_CHECK_LINK = "usernamePassword.check";

/**
 * The session cookie the password check sets (`set-cookie: ST=…; Path=/{envId}; Max-Age=2592000; …`).
 *
 * @see https://prod-developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html
 */
export const SESSION_COOKIE = "ST";

/**
 * The `Max-Age` of that cookie in PingOne's example: 30 days.
 *
 * @see SESSION_COOKIE
 */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 2_592_000;
