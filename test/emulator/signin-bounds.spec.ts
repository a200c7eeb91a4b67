/**
 * The sign-in state stays bounded: `remember` caps every map (expired records go first, then the
 * oldest), and `sweep` drops every kind of record past its expiry, sessions included.
 */
import { strict as assert } from "node:assert";
import { MAX_RECORDS, remember } from "../../emulator/signin/limits";
import { SignInState } from "../../emulator/signin/state";
import type { AuthorizationRequest } from "../../emulator/signin/types";

describe("sign-in state bounds", () => {
  it("remember keeps at most max records: the expired ones go first, then the oldest", () => {
    const map = new Map<string, { expiresAt: number }>();
    remember(map, "old", { expiresAt: 500 }, 0, (r) => r.expiresAt, 3);
    remember(map, "expired", { expiresAt: 50 }, 0, (r) => r.expiresAt, 3);
    remember(map, "young", { expiresAt: 900 }, 0, (r) => r.expiresAt, 3);
    remember(map, "next", { expiresAt: 900 }, 100, (r) => r.expiresAt, 3);
    assert.deepEqual([...map.keys()], ["old", "young", "next"], "the expired record made room");
    remember(map, "last", { expiresAt: 900 }, 100, (r) => r.expiresAt, 3);
    assert.deepEqual([...map.keys()], ["young", "next", "last"], "then the oldest");
    assert.ok(MAX_RECORDS >= 1000 && MAX_RECORDS <= 100_000);
  });

  it("sweep drops flows, sessions, codes and pushed requests past their expiry, and expired tokens", () => {
    let now = 1_000_000;
    const state = new SignInState(() => now);
    const request: AuthorizationRequest = {
      environmentId: "env",
      applicationId: "app",
      redirectUri: "https://app.example/cb",
      responseType: ["code"],
      scopes: ["openid"],
    };
    for (const [key, expiresAt] of [
      ["early", now + 10],
      ["late", now + 1000],
    ] as const) {
      state.flows.set(key, { id: key, environmentId: "env", request, status: "USERNAME_PASSWORD_REQUIRED", createdAt: now, expiresAt });
      state.sessions.set(key, { id: key, cookieSecret: "s", environmentId: "env", userId: "u", authTime: 0, acr: "Single_Factor", expiresAt });
      state.codes.set(key, { code: key, request, userId: "u", sessionId: key, issuedAt: now, expiresAt });
      state.pushedRequests.set(key, { requestUri: key, request, expiresAt });
      state.issued.accessTokens.set(key, { environmentId: "env", expiresAt, revoked: false });
      state.issued.assertionIds.set(key, expiresAt);
    }
    now += 10;
    state.sweep();
    state.issued.sweep();
    for (const map of [state.flows, state.sessions, state.codes, state.pushedRequests, state.issued.accessTokens, state.issued.assertionIds]) {
      assert.deepEqual([...map.keys()], ["late"]);
    }
  });
});
