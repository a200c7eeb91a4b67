/**
 * The sign-in driver for tests: scripts/signin.ts (openid-client as the relying party, fetch as
 * the browser), plus what only tests need: the OAuth error a failed step ended with, and a test
 * user created through PingOne's own users API as the workflow pages do.
 */
import { strict as assert } from "node:assert";
import * as oidc from "openid-client";
import { endpointPath, MEDIA_TYPES } from "../../pingone";
import { AuthorizeRefusedError, FlowError } from "../../scripts/signin";

export * from "../../scripts/signin";

/** How a sign-in step failed, as PingOne said it: an OAuth error code, or its own `{ code, message }` body. */
export interface SignInFailure {
  /** The OAuth error (`invalid_grant`, `invalid_scope`, …) from a redirect or a token response. */
  error?: string;
  description?: string;
  /** HTTP status, when the failure was an answer rather than a redirect. */
  status?: number;
  /** PingOne's error body code (`INVALID_REQUEST`, `INVALID_DATA`), when authorize or the flow API answered directly. */
  code?: string;
  message?: string;
}

/** Runs `step`, which must fail; answers how. */
export async function failureOf(step: Promise<unknown>): Promise<SignInFailure> {
  let caught: unknown;
  try {
    await step;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, "expected the sign-in step to fail, but it succeeded");
  if (caught instanceof oidc.AuthorizationResponseError) return { error: caught.error, description: caught.error_description };
  if (caught instanceof oidc.ResponseBodyError) return { error: caught.error, description: caught.error_description, status: caught.status };
  if (caught instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: openid-client leaves the body unread; RFC 6749 §5.2 puts the error there.
    const body = (await caught.response.json()) as { error?: string; error_description?: string };
    return { error: body.error, description: body.error_description, status: caught.response.status };
  }
  if (caught instanceof AuthorizeRefusedError || caught instanceof FlowError) {
    return { status: caught.status, code: stringOf(caught.body?.code), message: stringOf(caught.body?.message) };
  }
  throw caught instanceof Error ? caught : new Error(`a sign-in step failed with a non-Error: ${typeof caught}`);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A test user created as PingOne's workflow pages do: `POST /environments/{envId}/users`, then
 * `PUT …/users/{userId}/password` with the password.set media type
 * (https://developer.pingidentity.com/pingone-api/getting-started/create-a-test-environment/step-5-create-a-user.html,
 * https://developer.pingidentity.com/pingone-api/platform/users/user-passwords/update-password-set.html),
 * with a worker's client-credentials token.
 */
export async function createUserThroughApi(
  apiUrl: string,
  environmentId: string,
  workerToken: string,
  user: { username: string; password: string; email?: string },
): Promise<string> {
  const users = `${apiUrl}${endpointPath("users", { envId: environmentId })}`;
  const auth = { authorization: `Bearer ${workerToken}` };
  const created = await fetch(users, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ username: user.username, ...(user.email ? { email: user.email } : {}) }),
  });
  assert.equal(created.status, 201, `create user: ${created.status} ${await created.clone().text()}`);
  const { id } = (await created.json()) as { id: string };
  const password = await fetch(`${apiUrl}${endpointPath("userPassword", { envId: environmentId, userId: id })}`, {
    method: "PUT",
    headers: { ...auth, "content-type": MEDIA_TYPES.passwordSet },
    body: JSON.stringify({ value: user.password, forceChange: false }),
  });
  assert.equal(password.status, 200, `set password: ${password.status}`);
  return id;
}
