/**
 * The environment's signing key and `GET {issuer}/jwks`.
 *
 * PingOne signs every ID and access token with RS256 and puts the signing key's id in the JWT
 * header as `kid` ("All tokens in PingOne are JSON Web Tokens (JWTs) signed using the RS256
 * signing algorithm … the JWT header must contain the ID of the signing key as the kid claim":
 * https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/access-tokens-and-id-tokens/token-claims.html).
 * The JWKS lives at `{issuer}/jwks` (the discovery document's `jwks_uri`:
 * https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/discovery-openid-configuration.html).
 *
 * One key per environment, generated on first use and kept for the emulator's life (PingOne
 * rotates keys by key rotation policy; the emulator never does).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import type { EmulatorResponse } from "../http";
import type { SignInContext, SignInRequest } from "./context";
import type { SigningKey } from "./token-state";

export const SIGNING_ALGORITHM = "RS256";

/** The environment's signing key, created on first use. */
export function signingKey(ctx: SignInContext, environmentId: string): Promise<SigningKey> {
  const keys = ctx.signin.issued.keys;
  let key = keys.get(environmentId);
  if (!key) {
    key = createKey();
    keys.set(environmentId, key);
  }
  return key;
}

async function createKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, use: "sig", alg: SIGNING_ALGORITHM } };
}

export async function handleJwks(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const key = await signingKey(ctx, request.environment.id);
  const { kty, n, e, kid, use, alg } = key.publicJwk;
  const jwk: Record<string, string> = {};
  for (const [name, value] of Object.entries({ kty, kid, use, alg, n, e })) if (typeof value === "string") jwk[name] = value;
  return { status: 200, headers: { "cache-control": "public, max-age=300" }, body: { keys: [jwk] } };
}
