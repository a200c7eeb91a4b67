/**
 * The contract between the provider's `check` and the emulator's validation (PingOne's stand-in):
 * for every field in the table, a valid value is accepted by both and an invalid one refused by
 * both. The samples derive from each field's kind and facts, so a new table entry is covered
 * without a new test; a disagreement means one side misstates PingOne.
 */
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { APPLICATION_FIELDS, type FieldFact, type FieldPath } from "../../pingone";
import { validateApplication } from "../../emulator/validate";
import type { JsonObject } from "../../emulator/json";
import { validateInputs } from "../../provider/application/check";

const ENVIRONMENT_ID = randomUUID();
const FACTS = APPLICATION_FIELDS as Record<string, FieldFact>;

/** A complete, valid value of each object-valued field, so one nested path can be varied at a time. */
function validObject(field: string): Record<string, unknown> {
  const objects: Record<string, Record<string, unknown>> = {
    corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://app.example.com"] },
    signing: { keyRotationPolicy: { id: randomUUID() } },
    icon: { id: randomUUID(), href: "https://app.example.com/icon.png" },
    accessControl: { role: { type: "ADMIN_USERS_ONLY" }, group: { type: "ANY_GROUP", groups: [{ id: randomUUID() }] } },
    kerberos: { key: { id: randomUUID() } },
    mobile: {
      bundleId: `com.example.${randomUUID().slice(0, 8)}`,
      huaweiAppId: "huawei-app",
      huaweiPackageName: "com.example.huawei",
      passcodeRefreshDuration: { duration: 30, timeUnit: "SECONDS" },
    },
  };
  return structuredClone(objects[field] ?? {});
}

/** A valid and an invalid value for a field, from its kind and facts (undefined: no invalid value of that kind). */
function samples(path: string, fact: FieldFact): { valid: unknown; invalid: unknown } {
  const kindSamples = samplesOfKind(path, fact);
  // A nested value is varied inside a complete parent: its valid sample is the parent's own.
  const [top, ...rest] = path.split(".");
  if (rest.length === 0) return kindSamples;
  let own: unknown = validObject(top);
  for (const key of rest) own = (own as Record<string, unknown> | undefined)?.[key];
  return { valid: own ?? kindSamples.valid, invalid: kindSamples.invalid };
}

function samplesOfKind(path: string, fact: FieldFact): { valid: unknown; invalid: unknown } {
  switch (fact.kind) {
    case "string":
      if (fact.pattern?.regex.source.includes("[0-9a-f]{8}")) return { valid: randomUUID(), invalid: "not-a-uuid" };
      if (fact.pattern) return { valid: `path_${randomUUID().slice(0, 8)}`, invalid: "not valid!" };
      return { valid: `value-${path}`, invalid: 42 };
    case "boolean":
      return { valid: true, invalid: "yes" };
    case "integer":
      return { valid: fact.range?.max ?? 1, invalid: (fact.range?.max ?? 1) + 1 };
    case "enum":
      return { valid: fact.values?.[0], invalid: "NOT_A_VALUE" };
    case "enumSet":
      return { valid: [fact.values?.[0]], invalid: ["NOT_A_VALUE"] };
    case "redirectUriSet":
    case "uriSet":
      return { valid: ["https://app.example.com/callback"], invalid: ["https://app.example.com/callback#fragment"] };
    case "absoluteUri":
      return { valid: "urn:example:app", invalid: "not a uri" };
    case "schemeAuthorityUri":
      return { valid: "https://app.example.com/go", invalid: "urn:example:app" };
    case "webUrl":
      return { valid: "https://app.example.com/", invalid: "http://app.example.com/" };
    case "httpUrl":
      return { valid: "http://app.example.com/icon.png", invalid: "ftp://app.example.com/icon.png" };
    case "httpsUrl":
      return { valid: "https://app.example.com/jwks", invalid: "http://app.example.com/jwks" };
    case "jwksText":
      return { valid: JSON.stringify({ keys: [] }), invalid: "{}" };
    case "originSet":
      return { valid: ["https://app.example.com"], invalid: ["https://app.example.com/path"] };
    case "idList":
      return { valid: [{ id: randomUUID() }], invalid: [{ id: "not-a-uuid" }] };
    case "object":
      return { valid: validObject(path), invalid: "not an object" };
    case "json":
      return { valid: path.includes(".") ? undefined : {}, invalid: undefined };
  }
}

/** A minimal valid application of a type that may carry the field. */
function baseApp(fact: FieldFact, topLevel: string): Record<string, unknown> {
  const type = FACTS[topLevel].appTypes?.[0] ?? fact.appTypes?.[0] ?? "WEB_APP";
  const worker = type === "WORKER";
  return {
    name: "contract",
    type,
    protocol: "OPENID_CONNECT",
    grantTypes: worker ? ["CLIENT_CREDENTIALS"] : ["AUTHORIZATION_CODE"],
    responseTypes: worker ? undefined : ["CODE"],
    redirectUris: worker ? undefined : ["https://app.example.com/callback"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
  };
}

function setAt(app: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  const [top, ...rest] = keys;
  if (rest.length === 0) {
    app[top] = value;
    return app;
  }
  const parent = (app[top] ??= validObject(top)) as Record<string, unknown>;
  let node = parent;
  for (const key of rest.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[rest[rest.length - 1]] = value;
  return app;
}

function providerAccepts(app: Record<string, unknown>): string[] {
  const inputs = Object.fromEntries(Object.entries({ ...app, environmentId: ENVIRONMENT_ID }).filter(([, v]) => v !== undefined));
  return validateInputs(inputs, "contract").map((f) => f.reason);
}

function emulatorAccepts(app: Record<string, unknown>): string[] {
  const body = JSON.parse(JSON.stringify(app)) as JsonObject;
  return validateApplication(body).details.map((d) => `${d.target}: ${d.message}`);
}

describe("contract: the provider's check and the emulator agree on every field of the table", () => {
  for (const [path, fact] of Object.entries(FACTS) as [FieldPath, FieldFact][]) {
    const topLevel = path.split(".")[0];
    const { valid, invalid } = samples(path, fact);
    if (valid !== undefined) {
      it(`${path}: ${JSON.stringify(valid)} is accepted by both`, () => {
        const app = setAt(baseApp(fact, topLevel), path, valid);
        assert.deepEqual(providerAccepts(app), [], "provider");
        assert.deepEqual(emulatorAccepts(app), [], "emulator");
      });
    }
    if (invalid !== undefined) {
      it(`${path}: ${JSON.stringify(invalid)} is refused by both`, () => {
        const app = setAt(baseApp(fact, topLevel), path, invalid);
        assert.notDeepEqual(providerAccepts(app), [], "the provider refuses it");
        assert.notDeepEqual(emulatorAccepts(app), [], "the emulator refuses it");
      });
    }
    const allowed = fact.appTypes;
    if (allowed !== undefined) {
      it(`${path}: refused by both on a type it is not for`, () => {
        const other = ["SERVICE", "WEB_APP"].find((t) => !allowed.includes(t as never)) ?? "SERVICE";
        const app = setAt({ ...baseApp(fact, topLevel), type: other }, path, valid);
        assert.notDeepEqual(providerAccepts(app), [], "the provider refuses it");
        assert.notDeepEqual(emulatorAccepts(app), [], "the emulator refuses it");
      });
    }
  }
});
