/**
 * The token endpoint's front door (`POST /{envId}/as/token`) and bearer-token checks for the
 * management API.
 *
 * Two kinds of client get tokens: the configured worker (opaque management tokens by client
 * credentials), and the applications in the store, which the sign-in back channel authenticates
 * (by their `tokenEndpointAuthMethod`, with the previous secret until `previous.expiresAt`) and
 * serves (authorization code, refresh token, client credentials: signin/token-endpoint.ts).
 * Applications' tokens are JWTs for their own resources, never for the management API: the
 * emulator has no role assignments, so they are remembered here only to be refused with 403.
 *
 * The worker's tokens are opaque random strings held in memory with an expiry. Real PingOne
 * issues JWTs, but a client must treat access tokens as opaque anyway.
 */
import { excerpt } from "./signin/authorization-request";
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { accessFailed, oauthError } from "./errors";
import { mediaType, type EmulatorResponse } from "./http";
import { authenticatePresented, presentedCredentials, presentsSecret } from "./signin/client-authentication";
import type { SignInContext } from "./signin/context";
import { endpointOf } from "./signin/discovery";
import { remember } from "./signin/limits";
import { handleApplicationGrant } from "./signin/token-endpoint";

export interface WorkerCredentials {
  clientId: string;
  clientSecret: string;
}

export type BearerCheck = { ok: true } | { ok: false; response: EmulatorResponse };

interface IssuedToken {
  /** Epoch ms. */
  expiresAt: number;
  /** Issued to the worker: valid on the management API. */
  management: boolean;
}

export class TokenService {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly credentials: WorkerCredentials,
    /** Read at issue time so a runtime change (fault setting) applies to the next token. */
    private readonly lifetimeSeconds: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Handles the token request of `environmentId`; `rawBody` is the form-encoded body. The worker
   * (its configured credentials, Basic or in the body) gets management tokens by client
   * credentials; every other client is an application, authenticated and served by the sign-in
   * back channel (signin/client-authentication.ts, signin/token-endpoint.ts).
   */
  async handleTokenRequest(req: IncomingMessage, rawBody: string, environmentId: string, signIn: SignInContext): Promise<EmulatorResponse> {
    if (mediaType(req) !== "application/x-www-form-urlencoded") {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(rawBody);
    const presented = presentedCredentials(req, form);
    if ("error" in presented) return presented.error;
    if (presentsSecret(presented, this.credentials.clientId, this.credentials.clientSecret)) {
      const grantType = form.get("grant_type");
      if (!grantType) return oauthError(400, "invalid_request", "The request is missing the grant_type parameter.");
      if (grantType !== "client_credentials") {
        return oauthError(400, "unsupported_grant_type", `The grant type '${excerpt(grantType)}' is not supported by this client.`);
      }
      return this.issue(true);
    }
    const client = await authenticatePresented(signIn, presented, environmentId, endpointOf(signIn, environmentId, "token"));
    if (!client.ok) return client.response;
    return handleApplicationGrant(signIn, client.app, form, environmentId);
  }

  /** Records a token issued elsewhere (an application's JWT): known, expiring, never a management token. */
  remember(token: string, expiresAt: number): void {
    remember(this.tokens, token, { expiresAt, management: false }, this.now(), (issued) => issued.expiresAt);
  }

  /** Validates `Authorization: Bearer <token>` for a management-API request. */
  checkBearer(req: IncomingMessage): BearerCheck {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      return { ok: false, response: accessFailed("The request could not be completed. You do not have access to this resource.") };
    }
    const issued = this.tokens.get(match[1]);
    if (issued === undefined) {
      return { ok: false, response: accessFailed("The request could not be completed. The access token is invalid.") };
    }
    if (!issued.management) {
      return { ok: false, response: accessFailed("The request could not be completed. You do not have access to this resource.", 403) };
    }
    if (issued.expiresAt <= this.now()) {
      return { ok: false, response: accessFailed("The request could not be completed. The access token has expired.") };
    }
    return { ok: true };
  }

  /** Every token issued so far becomes expired (it stays known, so the 401 says "expired"). */
  expireAll(): void {
    for (const issued of this.tokens.values()) issued.expiresAt = 0;
  }

  /** Every token issued so far (see RunningEmulator.issuedTokens). */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  private issue(management: boolean): EmulatorResponse {
    const lifetime = this.lifetimeSeconds();
    const token = randomBytes(32).toString("base64url");
    remember(this.tokens, token, { expiresAt: this.now() + lifetime * 1000, management }, this.now(), (issued) => issued.expiresAt);
    return {
      status: 200,
      headers: { "cache-control": "no-store", pragma: "no-cache" },
      body: { access_token: token, token_type: "Bearer", expires_in: lifetime },
    };
  }
}
