/**
 * PingOne's vendor media types: the `Content-Type` that selects an action on an endpoint that
 * takes several (the flow API's steps, a user's password, a user import).
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/flows/flows-1/check-username-password.html
 * @see https://developer.pingidentity.com/pingone-api/platform/users/users-1/update-user-password-set.html
 * @see https://developer.pingidentity.com/pingone-api/platform/users/users-1/create-user-import.html
 */
export const MEDIA_TYPES = {
  /** `POST {authUrl}/{envId}/flows/{flowId}`: check a user's name and password. */
  usernamePasswordCheck: "application/vnd.pingidentity.usernamePassword.check+json",
  /** `PUT …/users/{userId}/password`: an administrator sets a user's password. */
  passwordSet: "application/vnd.pingidentity.password.set+json",
  /** `POST …/users`: create a user with a password (an import). */
  userImport: "application/vnd.pingidentity.user.import+json",
} as const;
