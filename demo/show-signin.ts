/**
 * The end of `npm start`: a demo user signs in to the stack's web app and SPA through the
 * emulator, with openid-client as the relying party (scripts/signin.ts), and the worker gets a
 * client-credentials token. Prints the verified claims; tokens are masked, secrets never printed.
 */
import { randomBytes } from "node:crypto";
import type { JWTPayload } from "jose";
import type { RunningEmulator } from "../emulator";
import { FLOW_STATUSES, USERNAME_PASSWORD_CHECK_LINK } from "../pingone";
import { clientCredentials, maskToken, refresh, signIn, verifyJwt, type TestUserCredentials } from "../scripts/signin";

/** The demo stack's outputs a sign-in needs (demo/index.ts), read with `--show-secrets`. */
export interface DemoSignInOutputs {
  webIssuer: string;
  webClientId: string;
  webClientSecret: string;
  webRedirectUris: string[];
  webScopes: string[];
  spaIssuer: string;
  spaClientId: string;
  spaRedirectUris: string[];
  spaScopes: string[];
  workerClientId: string;
  workerClientSecret: string;
}

/** Checks the outputs' shapes before any of them is used (they come from the engine's JSON). */
export function demoSignInOutputs(outputs: Record<string, unknown>): DemoSignInOutputs {
  const text = (key: string): string => {
    const value = outputs[key];
    if (typeof value !== "string" || value === "") throw new Error(`stack output ${key} must be a non-empty string`);
    return value;
  };
  const list = (key: string): string[] => {
    const value = outputs[key];
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string"))
      throw new Error(`stack output ${key} must be a non-empty list of strings`);
    return value;
  };
  return {
    webIssuer: text("webIssuer"),
    webClientId: text("webClientId"),
    webClientSecret: text("webClientSecret"),
    webRedirectUris: list("webRedirectUris"),
    webScopes: list("webScopes"),
    spaIssuer: text("spaIssuer"),
    spaClientId: text("spaClientId"),
    spaRedirectUris: list("spaRedirectUris"),
    spaScopes: list("spaScopes"),
    workerClientId: text("workerClientId"),
    workerClientSecret: text("workerClientSecret"),
  };
}

export async function showSignIn(emulator: RunningEmulator, out: DemoSignInOutputs): Promise<void> {
  // A throwaway password, held by the emulator as a test fixture and never printed.
  const user: TestUserCredentials = { username: "demo.user", password: `Demo-${randomBytes(12).toString("base64url")}` };
  emulator.createUser({ ...user, email: "demo.user@example.com", givenName: "Demo", familyName: "User" });
  console.log(`  demo user: ${user.username} (created in the emulator; its generated password is not printed)`);
  console.log(
    `  flow: authorize → 302 sign-on page (flowId) → GET flow (${FLOW_STATUSES.usernamePasswordRequired}) → ${USERNAME_PASSWORD_CHECK_LINK} (${FLOW_STATUSES.completed}) → resume → 302 redirect_uri?code=… → token`,
  );

  const redirectUri = out.webRedirectUris[0];
  console.log(`\n  web-portal: code flow with S256 PKCE, client secret by HTTP Basic (CLIENT_SECRET_BASIC), redirect_uri ${redirectUri}`);
  const web = await signIn(
    { issuer: out.webIssuer, clientId: out.webClientId, clientSecret: out.webClientSecret, authMethod: "CLIENT_SECRET_BASIC" },
    { redirectUri, user, scope: out.webScopes.join(" "), pkce: "S256" },
  );
  printTokens({ access: web.tokens.access_token, id: web.tokens.id_token, refresh: web.tokens.refresh_token });
  printClaims(`ID token claims (signature verified against ${web.config.serverMetadata().jwks_uri ?? "jwks_uri"})`, web.idClaims);
  if (web.tokens.refresh_token) {
    const refreshed = await refresh(web.config, web.tokens.refresh_token);
    const claims = await verifyJwt(web.config, refreshed.access_token);
    const rotated = refreshed.refresh_token !== undefined && refreshed.refresh_token !== web.tokens.refresh_token;
    console.log(
      `    refresh: new access token ${maskToken(refreshed.access_token)} for sub ${String(claims.sub)}, refresh token rotated: ${rotated ? "yes" : "no"}`,
    );
  }

  const spaRedirect = out.spaRedirectUris[0];
  console.log(`\n  dashboard-spa: code flow with S256 PKCE, public client (NONE: no secret), redirect_uri ${spaRedirect}`);
  const spa = await signIn(
    { issuer: out.spaIssuer, clientId: out.spaClientId, authMethod: "NONE" },
    { redirectUri: spaRedirect, user, scope: out.spaScopes.join(" "), pkce: "S256" },
  );
  printTokens({ access: spa.tokens.access_token, id: spa.tokens.id_token, refresh: spa.tokens.refresh_token });
  printClaims("ID token claims (signature verified)", spa.idClaims);

  console.log(`\n  provisioning-worker: client_credentials, client secret by HTTP Basic`);
  const worker = await clientCredentials({
    issuer: out.webIssuer,
    clientId: out.workerClientId,
    clientSecret: out.workerClientSecret,
    authMethod: "CLIENT_SECRET_BASIC",
  });
  printTokens({ access: worker.accessToken });
  printClaims("access token claims (signature verified)", worker.claims);
}

function printTokens(tokens: { access: string; id?: string; refresh?: string }): void {
  const parts = [`access ${maskToken(tokens.access)}`];
  if (tokens.id !== undefined) parts.push(`id ${maskToken(tokens.id)}`);
  if (tokens.refresh !== undefined) parts.push(`refresh ${maskToken(tokens.refresh)}`);
  console.log(`    tokens: ${parts.join("  ")}`);
}

/**
 * Claims printed as they are: none of them is a credential (`sid` names the session; the browser's
 * `ST` cookie carries a secret of its own besides it).
 */
function printClaims(title: string, claims: JWTPayload): void {
  console.log(`    ${title}:`);
  for (const line of JSON.stringify(claims, null, 2).split("\n")) console.log(`      ${line}`);
}
