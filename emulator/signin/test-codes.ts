/**
 * Test-only: an authorization code as if a user had signed in through the front channel
 * (authorize → flow → resume), written straight into the sign-in state. It lets the back
 * channel's tests exchange codes without driving the login pages; the real path is the front
 * channel's. Reachable only in-process (`RunningEmulator.issueTestCode`), never over HTTP.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { DEFAULT_SIGN_ON_POLICY_NAME } from "../../pingone";
import type { SignInState } from "./state";
import { addTestUser } from "./users";
import type { AuthorizationCodeRecord, TestUser } from "./types";

/** How long a test code is valid (PingOne's code lifetime is not documented; the front channel sets its own). */
const TEST_CODE_LIFETIME_MS = 60_000;

export interface TestCodeRequest {
  environmentId: string;
  applicationId: string;
  redirectUri: string;
  /** The scopes the code grants (the front channel would have checked them against the grants). */
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  /** The signed-in user: found by username in the environment, or created (without a password). */
  user: { username: string; email?: string; givenName?: string; familyName?: string };
}

export function issueTestCode(signin: SignInState, request: TestCodeRequest): { code: string; userId: string; sessionId: string } {
  const now = signin.now();
  const user = findOrCreateUser(signin, request.environmentId, request.user, now);
  const sessionId = randomUUID();
  signin.sessions.set(sessionId, { id: sessionId, environmentId: request.environmentId, userId: user.id, authTime: Math.floor(now / 1000), acr: DEFAULT_SIGN_ON_POLICY_NAME });
  const code = randomBytes(32).toString("base64url");
  const record: AuthorizationCodeRecord = {
    code,
    request: {
      environmentId: request.environmentId,
      applicationId: request.applicationId,
      redirectUri: request.redirectUri,
      responseType: ["code"],
      scopes: request.scopes,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
    },
    userId: user.id,
    sessionId,
    issuedAt: now,
    expiresAt: now + TEST_CODE_LIFETIME_MS,
  };
  signin.codes.set(code, record);
  return { code, userId: user.id, sessionId };
}

function findOrCreateUser(signin: SignInState, environmentId: string, fields: TestCodeRequest["user"], now: number): TestUser {
  for (const user of signin.users.values()) if (user.environmentId === environmentId && user.username === fields.username) return user;
  // Merge of as-front's users: the one way a test user is added (population, counters).
  const added = addTestUser(signin, environmentId, fields, now);
  if (!added.ok) throw new TypeError(`cannot add test user '${fields.username}'`);
  return added.user;
}
