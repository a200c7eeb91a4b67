/**
 * The worker's client-credentials token endpoint (`POST /{envId}/as/token`) and bearer-token
 * checks for the management API.
 *
 * Tokens are opaque random strings held in memory with an expiry. Real PingOne issues JWTs, but
 * a client must treat access tokens as opaque anyway, so nothing here should depend on the format.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { accessFailed, oauthError } from "./errors";
import { mediaType, type EmulatorResponse } from "./http";

export interface WorkerCredentials {
  clientId: string;
  clientSecret: string;
}

export type BearerCheck = { ok: true } | { ok: false; response: EmulatorResponse };

export class TokenService {
  /** token → expiry (epoch ms). */
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly credentials: WorkerCredentials,
    /** Read at issue time so a runtime change (fault setting) applies to the next token. */
    private readonly lifetimeSeconds: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Handles the token request; `rawBody` is the form-encoded body. */
  handleTokenRequest(req: IncomingMessage, rawBody: string): EmulatorResponse {
    if (mediaType(req) !== "application/x-www-form-urlencoded") {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(rawBody);
    const client = this.clientFrom(req, form);
    if ("error" in client) return client.error;
    if (!client.candidates.some(([id, secret]) => this.matches(id, secret))) {
      return oauthError(401, "invalid_client", "Request denied: Client authentication failed.");
    }
    const grantType = form.get("grant_type");
    if (!grantType) return oauthError(400, "invalid_request", "The request is missing the grant_type parameter.");
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `The grant type '${grantType}' is not supported by this client.`);
    }
    return this.issue();
  }

  /** Validates `Authorization: Bearer <token>` for a management-API request. */
  checkBearer(req: IncomingMessage): BearerCheck {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      return { ok: false, response: accessFailed("The request could not be completed. You do not have access to this resource.") };
    }
    const expiresAt = this.tokens.get(match[1]);
    if (expiresAt === undefined) {
      return { ok: false, response: accessFailed("The request could not be completed. The access token is invalid.") };
    }
    if (expiresAt <= this.now()) {
      return { ok: false, response: accessFailed("The request could not be completed. The access token has expired.") };
    }
    return { ok: true };
  }

  /** Every token issued so far becomes expired (it stays known, so the 401 says "expired"). */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** Every token issued so far (see RunningEmulator.issuedTokens). */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  private issue(): EmulatorResponse {
    const lifetime = this.lifetimeSeconds();
    const token = randomBytes(32).toString("base64url");
    this.tokens.set(token, this.now() + lifetime * 1000);
    return {
      status: 200,
      headers: { "cache-control": "no-store", pragma: "no-cache" },
      body: { access_token: token, token_type: "Bearer", expires_in: lifetime },
    };
  }

  /**
   * Client authentication per RFC 6749 §2.3.1: HTTP Basic (id and secret form-encoded, then
   * base64) or `client_id`/`client_secret` in the body. Using both at once is refused, as the
   * RFC says a client must not use more than one method in a request.
   */
  private clientFrom(
    req: IncomingMessage,
    form: URLSearchParams,
  ): { candidates: [string, string][] } | { error: EmulatorResponse } {
    const header = req.headers.authorization;
    const bodySecret = form.get("client_secret");
    if (header) {
      const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
      if (!match) return { error: oauthError(401, "invalid_client", "Request denied: Unsupported authentication method.") };
      if (bodySecret !== null) {
        return { error: oauthError(400, "invalid_request", "Only one client authentication method may be used.") };
      }
      const decoded = Buffer.from(match[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) return { error: oauthError(401, "invalid_client", "Request denied: Malformed Basic credentials.") };
      const rawId = decoded.slice(0, colon);
      const rawSecret = decoded.slice(colon + 1);
      // Many clients skip the form-encoding step; accept the raw pair too so a secret with
      // `+` or `%` works either way.
      return {
        candidates: [
          [formDecode(rawId), formDecode(rawSecret)],
          [rawId, rawSecret],
        ],
      };
    }
    const id = form.get("client_id");
    if (id === null || bodySecret === null) {
      return { error: oauthError(401, "invalid_client", "Request denied: Client authentication is required.") };
    }
    return { candidates: [[id, bodySecret]] };
  }

  private matches(id: string, secret: string): boolean {
    return safeEqual(id, this.credentials.clientId) && safeEqual(secret, this.credentials.clientSecret);
  }
}

/** Basic credentials are application/x-www-form-urlencoded before base64 (RFC 6749 §2.3.1). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
