/**
 * The client-credentials token endpoint (`POST /{envId}/as/token`) and bearer-token checks for
 * the management API.
 *
 * Two kinds of client get tokens: the configured worker (its tokens call the management API),
 * and the applications in the store that may use the client-credentials grant (their tokens are
 * for their own APIs, never the management API: the emulator has no role assignments). An
 * application authenticates with its current secret, or with its previous one until
 * `previous.expiresAt`, by the method it is configured for (see `client-auth.ts`).
 *
 * Tokens are opaque random strings held in memory with an expiry. Real PingOne issues JWTs, but
 * a client must treat access tokens as opaque anyway, so nothing here should depend on the format.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { authenticateApplication, safeEqual, type ClientAuthMethod } from "./client-auth";
import { accessFailed, oauthError } from "./errors";
import { mediaType, type EmulatorResponse } from "./http";
import type { StoredApplication } from "./store";

export interface WorkerCredentials {
  clientId: string;
  clientSecret: string;
}

export type BearerCheck = { ok: true } | { ok: false; response: EmulatorResponse };

/** The stored application with this client id (its application id) in an environment. */
export type ApplicationLookup = (environmentId: string, clientId: string) => StoredApplication | undefined;

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
    private readonly findApplication: ApplicationLookup = () => undefined,
  ) {}

  /** Handles the token request of `environmentId`; `rawBody` is the form-encoded body. */
  handleTokenRequest(req: IncomingMessage, rawBody: string, environmentId: string): EmulatorResponse {
    if (mediaType(req) !== "application/x-www-form-urlencoded") {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(rawBody);
    const client = this.clientFrom(req, form);
    if ("error" in client) return client.error;
    const worker = client.candidates.some(([id, secret]) => this.matches(id, secret));
    let grant: ((grantType: string) => EmulatorResponse | undefined) | undefined;
    if (!worker) {
      const verdict = this.authenticateApplication(environmentId, client.method, client.candidates);
      if ("error" in verdict) return verdict.error;
      grant = verdict.grant;
    }
    const grantType = form.get("grant_type");
    if (!grantType) return oauthError(400, "invalid_request", "The request is missing the grant_type parameter.");
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `The grant type '${grantType}' is not supported by this client.`);
    }
    return grant?.(grantType) ?? this.issue(worker);
  }

  /** An application client: authenticated by its secrets, allowed the grant it asks for or not. */
  private authenticateApplication(
    environmentId: string,
    method: ClientAuthMethod,
    candidates: [string, string][],
  ): { grant: (grantType: string) => EmulatorResponse | undefined } | { error: EmulatorResponse } {
    for (const [id, secret] of candidates) {
      const app = this.findApplication(environmentId, id);
      if (!app) continue;
      const outcome = authenticateApplication(app, method, secret, this.now());
      if (outcome.ok) return { grant: (grantType) => (outcome.grants.includes(grantType) ? undefined : oauthError(400, "unauthorized_client", `The application is not allowed the grant type '${grantType}'.`)) };
      return { error: oauthError(401, "invalid_client", outcome.description) };
    }
    return { error: oauthError(401, "invalid_client", "Request denied: Client authentication failed.") };
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
    this.tokens.set(token, { expiresAt: this.now() + lifetime * 1000, management });
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
  ): { candidates: [string, string][]; method: ClientAuthMethod } | { error: EmulatorResponse } {
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
        method: "CLIENT_SECRET_BASIC",
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
    return { method: "CLIENT_SECRET_POST", candidates: [[id, bodySecret]] };
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
