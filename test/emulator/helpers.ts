/**
 * Shared test plumbing: start an emulator, get a worker token, call the API over real HTTP.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type EmulatorOptions, type JsonObject, type RunningEmulator } from "../../emulator";
import { authEndpointUrl, endpointPath, OPENID_RESOURCE_NAME } from "../../pingone";

export interface ApiResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined for an empty body. */
  body: JsonObject | undefined;
}

export class TestClient {
  private token: string | undefined;

  constructor(readonly emu: RunningEmulator) {}

  get envId(): string {
    return this.emu.environmentId;
  }

  appsUrl(envId = this.envId): string {
    return `${this.emu.apiUrl}${endpointPath("applications", { envId })}`;
  }

  tokenUrl(envId = this.envId): string {
    return authEndpointUrl(this.emu.authUrl, "token", envId);
  }

  async fetchToken(): Promise<string> {
    const res = await fetch(this.tokenUrl(), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${this.emu.clientId}:${this.emu.clientSecret}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
    const body = (await res.json()) as { access_token: string };
    this.token = body.access_token;
    return this.token;
  }

  async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult> {
    const token = this.token ?? (await this.fetchToken());
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await fetch(url, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : (JSON.parse(text) as JsonObject) };
  }

  create(body: unknown, envId = this.envId): Promise<ApiResult> {
    return this.call("POST", this.appsUrl(envId), body);
  }

  get(appId: string, envId = this.envId): Promise<ApiResult> {
    return this.call("GET", `${this.emu.apiUrl}${endpointPath("application", { envId, appId })}`);
  }

  put(appId: string, body: unknown, envId = this.envId): Promise<ApiResult> {
    return this.call("PUT", `${this.emu.apiUrl}${endpointPath("application", { envId, appId })}`, body);
  }

  /** A resource access grant of the built-in `openid` resource's scopes, by name, through the management API. */
  async grantOpenIdScopes(appId: string, names: readonly string[]): Promise<void> {
    const api = this.emu.apiUrl;
    const envId = this.envId;
    const resources = (
      (await this.call("GET", `${api}${endpointPath("resources", { envId })}`)).body?._embedded as { resources: { id: string; name: string }[] }
    ).resources;
    const openid = resources.find((r) => r.name === OPENID_RESOURCE_NAME);
    if (!openid) throw new Error("no openid resource");
    const scopesUrl = `${api}${endpointPath("resourceScopes", { envId, resourceId: openid.id })}`;
    const scopes = ((await this.call("GET", scopesUrl)).body?._embedded as { scopes: { id: string; name: string }[] }).scopes;
    const granted = await this.call("POST", `${api}${endpointPath("grants", { envId, appId })}`, {
      resource: { id: openid.id },
      scopes: scopes.filter((s) => names.includes(s.name)).map((s) => ({ id: s.id })),
    });
    if (granted.status !== 201) throw new Error(`grant failed: ${granted.status} ${JSON.stringify(granted.body)}`);
  }

  /** Creates and returns the new application's id; fails the test if the create fails. */
  async createId(body: unknown): Promise<string> {
    const res = await this.create(body);
    if (res.status !== 201 || !res.body) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return str(res.body.id);
  }
}

export async function withEmulator(options: EmulatorOptions = {}): Promise<TestClient> {
  return new TestClient(await startEmulator(options));
}

/** A minimal valid OIDC body. */
export function minimalApp(overrides: JsonObject = {}): JsonObject {
  return {
    name: "test-app",
    type: "WEB_APP",
    protocol: "OPENID_CONNECT",
    grantTypes: ["AUTHORIZATION_CODE"],
    responseTypes: ["CODE"],
    redirectUris: ["https://app.example.com/callback"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    ...overrides,
  };
}

/** The `details` of a PingOne error body, typed for assertions. */
export function details(body: JsonObject | undefined): { code: string; target: string; message: string; innerError?: JsonObject }[] {
  return (body?.details ?? []) as unknown as { code: string; target: string; message: string; innerError?: JsonObject }[];
}

/** A JSON field that must be a string (fails the test otherwise). */
export function str(value: unknown): string {
  assert.equal(typeof value, "string", `expected a string, got ${JSON.stringify(value)}`);
  return value as string;
}
