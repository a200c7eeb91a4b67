/**
 * What the back channel (token, userinfo) remembers about what it issued: each environment's
 * signing key, the access tokens (so a revoked one fails at userinfo), the refresh tokens and their
 * families (rotation, replay detection, revocation), which code started which family (a reused
 * code revokes what the first exchange issued), and the client-assertion `jti`s already seen.
 *
 * Bounded: one signing key per environment; every other map holds at most MAX_RECORDS (limits.ts
 * `remember`, used for every insertion: expired records go first, then the oldest), and `sweep`
 * drops what has expired.
 */
import type { generateKeyPair, JWK } from "jose";

export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  publicKey: Awaited<ReturnType<typeof generateKeyPair>>["publicKey"];
  /** The public key as the JWKS answers it. */
  publicJwk: JWK;
}

/** An access token the token endpoint minted (JWTs are looked up by `jti`). */
export interface AccessTokenRecord {
  environmentId: string;
  /** Epoch ms. */
  expiresAt: number;
  revoked: boolean;
  /** The grant family (code exchange and its refreshes); absent for client_credentials. */
  familyId?: string;
}

/** Everything one authorization code's exchange led to: revoked together. */
export interface TokenFamily {
  id: string;
  environmentId: string;
  applicationId: string;
  /** Epoch ms of the code exchange: `refreshTokenRollingDuration` counts from here. */
  startedAt: number;
  revoked: boolean;
  accessTokenIds: Set<string>;
  refreshTokens: Set<string>;
}

export interface RefreshTokenRecord {
  familyId: string;
  environmentId: string;
  applicationId: string;
  userId: string;
  sessionId: string;
  /** The scopes of the grant; a refresh may narrow an access token's scopes, the refresh token keeps these. */
  scopes: string[];
  nonce?: string;
  authTime: number;
  acr: string;
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
  /** Epoch ms of the exchange that replaced it (rotation); a later use is a reuse. */
  rotatedAt?: number;
}

export class TokenState {
  readonly keys = new Map<string, Promise<SigningKey>>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly families = new Map<string, TokenFamily>();
  /** Authorization code → the family its first exchange started. */
  readonly codeFamilies = new Map<string, { familyId: string; expiresAt: number }>();
  /** Client assertion `jti`s by client, until the assertion's `exp` (single use). */
  readonly assertionIds = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Revokes a family: its refresh tokens stop working and its access tokens fail at userinfo. */
  revokeFamily(familyId: string): void {
    const family = this.families.get(familyId);
    if (!family) return;
    family.revoked = true;
    for (const id of family.accessTokenIds) {
      const record = this.accessTokens.get(id);
      if (record) record.revoked = true;
    }
  }

  /** Drops expired records; a family goes when none of its tokens is left. */
  sweep(): void {
    const now = this.now();
    for (const [id, record] of this.accessTokens) if (record.expiresAt <= now) this.accessTokens.delete(id);
    for (const [token, record] of this.refreshTokens) if (record.expiresAt <= now) this.refreshTokens.delete(token);
    for (const [code, record] of this.codeFamilies) if (record.expiresAt <= now) this.codeFamilies.delete(code);
    for (const [jti, expiresAt] of this.assertionIds) if (expiresAt <= now) this.assertionIds.delete(jti);
    const heldByCodes = new Set([...this.codeFamilies.values()].map((entry) => entry.familyId));
    for (const [id, family] of this.families) {
      for (const token of family.refreshTokens) if (!this.refreshTokens.has(token)) family.refreshTokens.delete(token);
      for (const jti of family.accessTokenIds) if (!this.accessTokens.has(jti)) family.accessTokenIds.delete(jti);
      if (family.refreshTokens.size === 0 && family.accessTokenIds.size === 0 && !heldByCodes.has(id)) this.families.delete(id);
    }
  }
}
