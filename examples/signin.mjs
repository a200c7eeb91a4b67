// Sign a user in to a deployed example with openid-client, as your app would: prints the
// authorization URL, you open it in a browser and sign in, then paste the URL the browser landed
// on (redirect_uri?code=…&state=…). Prints the ID token's claims, never the tokens.
//
//   ISSUER=$(pulumi stack output issuer) CLIENT_ID=$(pulumi stack output clientId) \
//   CLIENT_SECRET=$(pulumi stack output clientSecret --show-secrets) \
//   REDIRECT_URI=http://127.0.0.1:3000/callback node ../signin.mjs
//
// AUTH_METHOD: CLIENT_SECRET_BASIC (default), CLIENT_SECRET_POST, or NONE (the SPA: no secret).
// Works the same against the emulator (http on loopback) and PingOne (https://auth.pingone.com/<envId>/as).
import { createInterface } from "node:readline/promises";
import * as client from "openid-client";

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, AUTH_METHOD = "CLIENT_SECRET_BASIC", SCOPE = "openid profile email" } = process.env;
if (!ISSUER || !CLIENT_ID || !REDIRECT_URI) throw new Error("set ISSUER, CLIENT_ID and REDIRECT_URI (and CLIENT_SECRET unless AUTH_METHOD=NONE)");
const auth = { CLIENT_SECRET_BASIC: client.ClientSecretBasic, CLIENT_SECRET_POST: client.ClientSecretPost, NONE: client.None }[AUTH_METHOD];
if (!auth) throw new Error(`AUTH_METHOD must be CLIENT_SECRET_BASIC, CLIENT_SECRET_POST or NONE, not ${AUTH_METHOD}`);

const issuer = new URL(ISSUER);
const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
const config = await client.discovery(
  issuer,
  CLIENT_ID,
  undefined,
  auth(CLIENT_SECRET),
  // Plain http is allowed for the emulator on loopback only.
  issuer.protocol === "http:" && loopback ? { execute: [client.allowInsecureRequests] } : undefined,
);
const pkceCodeVerifier = client.randomPKCECodeVerifier();
const expectedState = client.randomState();
const expectedNonce = client.randomNonce();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: REDIRECT_URI,
  scope: SCOPE,
  state: expectedState,
  nonce: expectedNonce,
  code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
  code_challenge_method: "S256",
});
console.log(`Open in a browser and sign in:\n${url.href}`);
const prompt = createInterface({ input: process.stdin, output: process.stdout });
const landed = new URL(await prompt.question("Paste the URL the browser landed on: "));
prompt.close();
const tokens = await client.authorizationCodeGrant(config, landed, { pkceCodeVerifier, expectedState, expectedNonce });
console.log(JSON.stringify(tokens.claims(), null, 2));
