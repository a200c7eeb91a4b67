/**
 * The public argument types, checked by the compiler. This file is compiled by `tsc -p
 * tsconfig.json`, the build step of `npm test`, so a type that regresses fails the build:
 * - `refused()` holds assignments the types must refuse, one a line under `// @ts-expect-error`.
 *   If one is accepted, its directive is unused, which is itself a compile error (TS2578).
 *   `types-refusals.spec.ts` checks that each one is refused for the property it names.
 * - The argument builders below pass Pulumi Outputs at every level: whole lists and objects,
 *   list items, and fields of objects inside lists. The `it`s register each resource with them
 *   under Pulumi's mocks and check what the engine receives: every Output resolved in place.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
  Application,
  ApplicationResourceGrant,
  ApplicationSecret,
  ApplicationSignOnPolicyAssignment,
  type ApplicationArgs,
  type ApplicationProperties,
  type ApplicationResourceGrantArgs,
  type ApplicationSecretArgs,
  type ApplicationSignOnPolicyAssignmentArgs,
  type OidcClientArgs,
} from "../../provider";

const KEY_POLICY = "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11";
const GROUP = "0e4c6a1b-7d3f-4a2e-9b8c-5d6e7f8a9b0c";

/** A valid web application's arguments, all plain values: the base each refusal changes one field of. */
const WEB: ApplicationArgs = {
  type: "WEB_APP",
  grantTypes: ["AUTHORIZATION_CODE"],
  tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
  redirectUris: ["https://app.example.com/cb"],
};

/** An Application's arguments with Outputs at every level a program composing resources uses. */
function applicationArgs(): ApplicationArgs {
  const origin = pulumi.output("https://app.example.com");
  return {
    name: pulumi.output("web"),
    enabled: pulumi.output(true),
    type: pulumi.output("WEB_APP" as const),
    grantTypes: ["AUTHORIZATION_CODE", pulumi.output("REFRESH_TOKEN" as const)],
    responseTypes: pulumi.output(["CODE" as const]),
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    redirectUris: [pulumi.interpolate`${origin}/callback`, "https://app.example.com/alt"],
    refreshTokenDuration: pulumi.output(3600),
    corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: [origin] },
    signing: { keyRotationPolicy: { id: pulumi.output(KEY_POLICY) } },
    accessControl: { group: { type: pulumi.output("ANY_GROUP" as const), groups: [{ id: pulumi.output(GROUP) }] } },
    mobile: pulumi.output({ bundleId: "com.example.app", passcodeRefreshDuration: { duration: 30, timeUnit: "SECONDS" as const } }),
  };
}

/** What the engine must receive for `applicationArgs()`. */
const APPLICATION_RECEIVED = {
  name: "web",
  enabled: true,
  type: "WEB_APP",
  grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
  responseTypes: ["CODE"],
  tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
  redirectUris: ["https://app.example.com/callback", "https://app.example.com/alt"],
  refreshTokenDuration: 3600,
  corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://app.example.com"] },
  signing: { keyRotationPolicy: { id: KEY_POLICY } },
  accessControl: { group: { type: "ANY_GROUP", groups: [{ id: GROUP }] } },
  mobile: { bundleId: "com.example.app", passcodeRefreshDuration: { duration: 30, timeUnit: "SECONDS" } },
};

function secretArgs(applicationId: pulumi.Input<string>): ApplicationSecretArgs {
  return {
    applicationId,
    rotateWhenChanged: { quarter: pulumi.output("2031-Q3"), attempt: 2, forced: false },
    previousSecretValidFor: "24h",
    rotationPeriod: pulumi.output("2160h"),
    revokePreviousSecret: pulumi.output(true),
  };
}

function grantArgs(applicationId: pulumi.Input<string>): ApplicationResourceGrantArgs {
  return { applicationId, resourceName: pulumi.output("openid"), scopes: ["openid", pulumi.output("profile")] };
}

function grantByIdsArgs(applicationId: pulumi.Input<string>): ApplicationResourceGrantArgs {
  return { applicationId, resourceId: pulumi.output(KEY_POLICY), scopeIds: pulumi.output([GROUP]) };
}

function assignmentArgs(applicationId: pulumi.Input<string>): ApplicationSignOnPolicyAssignmentArgs {
  return { applicationId, signOnPolicyName: pulumi.output("Single_Factor"), priority: pulumi.output(2) };
}

/** Accepted, checked by the compiler only (never called: an OidcClient reads the stack's config to register). */
export function accepted(): [OidcClientArgs, ApplicationSecretArgs, ApplicationResourceGrantArgs] {
  const component: OidcClientArgs = {
    application: applicationArgs(),
    authUrl: pulumi.output("https://auth.pingone.eu"),
    scopes: pulumi.output(["openid", "profile"]),
    signOnPolicy: { name: pulumi.output("Single_Factor"), priority: pulumi.output(1) },
  };
  // Whole maps and lists as one Output.
  const wholeMap: ApplicationSecretArgs = { applicationId: "app", rotateWhenChanged: pulumi.output({ quarter: "2031-Q3", attempt: 2 }) };
  const wholeList: ApplicationResourceGrantArgs = { applicationId: "app", resourceName: "openid", scopes: pulumi.output(["openid", "email"]) };
  return [component, wholeMap, wholeList];
}

/**
 * Accepted: a plain `ApplicationProperties` value (the type of the seed bodies in
 * test/fixtures/seeds.ts) is `ApplicationArgs`, except for `mobile`: `mobile.integrityDetection`
 * is `Record<string, unknown>`, and `ApplicationArgs` makes each of its values
 * `DeepInput<NonNullable<unknown>>`, that is `Input<{}>`, which refuses `unknown` and `null`. So a
 * whole seed body, or any `ApplicationProperties`, is not `ApplicationArgs` without a cast.
 */
type Assignable<A, B> = [A] extends [B] ? true : false;
export const PLAIN_PROPERTIES_ARE_ARGS: Assignable<Omit<ApplicationProperties, "mobile">, ApplicationArgs> = true;

const application = (_args: ApplicationArgs): void => undefined;
const secret = (_args: ApplicationSecretArgs): void => undefined;
const grant = (_args: ApplicationResourceGrantArgs): void => undefined;
const assignment = (_args: ApplicationSignOnPolicyAssignmentArgs): void => undefined;
const oidcClient = (_args: OidcClientArgs): void => undefined;

/**
 * Never called: the compiler is the test. Each directive names, in backticks, the property whose
 * value (or absence) is refused; types-refusals.spec.ts holds each line to that.
 */
export function refused(): void {
  const someText: pulumi.Output<string> = pulumi.output("WEB_APP");
  // @ts-expect-error -- `type`: "WEB" is not an application type
  application({ ...WEB, type: "WEB" });
  // @ts-expect-error -- `type`: an Output of any string is not an Output of an application type
  application({ ...WEB, type: someText });
  // @ts-expect-error -- `type` is required
  application({ grantTypes: ["AUTHORIZATION_CODE"], tokenEndpointAuthMethod: "NONE" });
  // @ts-expect-error -- `grantTypes` is required
  application({ type: "WEB_APP", tokenEndpointAuthMethod: "NONE" });
  // @ts-expect-error -- `tokenEndpointAuthMethod` is required
  application({ type: "WEB_APP", grantTypes: ["AUTHORIZATION_CODE"] });
  // @ts-expect-error -- `grantTypes`: "PASSWORD" is not a grant type PingOne has
  application({ ...WEB, grantTypes: ["PASSWORD"] });
  // @ts-expect-error -- `grantTypes`: an item's Output must hold a grant type
  application({ ...WEB, grantTypes: [pulumi.output("PASSWORD")] });
  // @ts-expect-error -- `grantTypes` is a list, not one grant type
  application({ ...WEB, grantTypes: "AUTHORIZATION_CODE" });
  // @ts-expect-error -- `responseTypes`: PingOne's literals are upper case
  application({ ...WEB, responseTypes: ["code"] });
  // @ts-expect-error -- `tokenEndpointAuthMethod`: PingOne's literals are upper case
  application({ ...WEB, tokenEndpointAuthMethod: "client_secret_basic" });
  // @ts-expect-error -- `redirectUris`: items are strings
  application({ ...WEB, redirectUris: [42] });
  // @ts-expect-error -- `redirectUris`: a whole-list Output must hold strings
  application({ ...WEB, redirectUris: pulumi.output([42]) });
  // @ts-expect-error -- `redirectUri` is not a property (a misspelt redirectUris)
  application({ ...WEB, redirectUri: "https://app.example.com/cb" });
  // @ts-expect-error -- `parTimeout` is a number of seconds, not a string
  application({ ...WEB, parTimeout: "60" });
  // @ts-expect-error -- `enabled`: an Output must hold a boolean
  application({ ...WEB, enabled: pulumi.output("true") });
  // @ts-expect-error -- `behavior`: "ALLOW_ALL" is not a CORS behavior
  application({ ...WEB, corsSettings: { behavior: "ALLOW_ALL" } });
  // @ts-expect-error -- `behavior` is required in corsSettings
  application({ ...WEB, corsSettings: { origins: ["https://app.example.com"] } });
  // @ts-expect-error -- `origins`: an item's Output must hold a string
  application({ ...WEB, corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: [pulumi.output(443)] } });
  // @ts-expect-error -- `id`: signing.keyRotationPolicy.id must be a string
  application({ ...WEB, signing: { keyRotationPolicy: { id: pulumi.output(7) } } });
  // @ts-expect-error -- `type`: accessControl.group.type is ANY_GROUP or ALL_GROUPS
  application({ ...WEB, accessControl: { group: { type: "SOME_GROUPS", groups: [] } } });
  // @ts-expect-error -- `id`: a group's id inside the list must be a string
  application({ ...WEB, accessControl: { group: { type: "ANY_GROUP", groups: [{ id: pulumi.output(false) }] } } });
  // @ts-expect-error -- `timeUnit`: the passcode refresh is in SECONDS only
  application({ ...WEB, mobile: { passcodeRefreshDuration: { duration: 30, timeUnit: "MINUTES" } } });

  // @ts-expect-error -- `applicationId` is required
  secret({ rotationPeriod: "2160h" });
  // @ts-expect-error -- `applicationId` is a string
  secret({ applicationId: 42 });
  // @ts-expect-error -- `quarter`: rotateWhenChanged values are strings, numbers or booleans, not objects
  secret({ applicationId: "app", rotateWhenChanged: { quarter: { year: 2031 } } });
  // @ts-expect-error -- `at`: rotateWhenChanged values are not Dates
  secret({ applicationId: "app", rotateWhenChanged: { at: new Date() } });
  // @ts-expect-error -- `rotateWhenChanged`: a whole-map Output must hold plain values
  secret({ applicationId: "app", rotateWhenChanged: pulumi.output({ quarter: ["Q3"] }) });
  // @ts-expect-error -- `previousSecretValidFor` is a duration string such as "24h"
  secret({ applicationId: "app", previousSecretValidFor: 24 });
  // @ts-expect-error -- `revokePreviousSecret` is a boolean
  secret({ applicationId: "app", revokePreviousSecret: "yes" });

  // @ts-expect-error -- `applicationId` is required
  grant({ resourceName: "openid", scopes: ["openid"] });
  // @ts-expect-error -- `scopes` is a list, not one scope
  grant({ applicationId: "app", resourceName: "openid", scopes: "openid" });
  // @ts-expect-error -- `scopes`: an item's Output must hold a string
  grant({ applicationId: "app", resourceName: "openid", scopes: [pulumi.output(1)] });
  // @ts-expect-error -- `resourceName` is one name, not a list
  grant({ applicationId: "app", resourceName: ["openid"], scopes: ["openid"] });

  // @ts-expect-error -- `priority` is required
  assignment({ applicationId: "app", signOnPolicyName: "Single_Factor" });
  // @ts-expect-error -- `priority` is a number
  assignment({ applicationId: "app", signOnPolicyName: "Single_Factor", priority: "1" });
  // @ts-expect-error -- `signOnPolicyId`: an Output must hold a string
  assignment({ applicationId: "app", signOnPolicyId: pulumi.output(7), priority: 1 });

  // @ts-expect-error -- `type`: the component's application arguments are ApplicationArgs
  oidcClient({ application: { ...WEB, type: "WEB" } });
  // @ts-expect-error -- `priority`: the sign-on policy's priority is a number
  oidcClient({ application: WEB, signOnPolicy: { name: "Single_Factor", priority: "1" } });
  // @ts-expect-error -- `scopes` is a list, not one scope
  oidcClient({ application: WEB, scopes: "openid profile" });
}

describe("public argument types: Outputs at every level reach the engine resolved", () => {
  const received = new Map<string, Record<string, unknown>>();
  before(() => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = args.inputs as Record<string, unknown>;
          received.set(args.name, inputs);
          return { id: `${args.name}-id`, state: inputs };
        },
        call: () => ({}),
      },
      "types",
      "spec",
      false,
    );
  });

  /** Registers `resources` and waits until the mocks have seen each of them. */
  async function registered(resources: pulumi.CustomResource[]): Promise<void> {
    await new Promise<void>((resolve) => pulumi.all(resources.map((r) => r.urn)).apply(() => resolve()));
  }

  /** The received inputs of `name` for the keys of `expected`. */
  function receivedFor(name: string, expected: Record<string, unknown>): Record<string, unknown> {
    const inputs = received.get(name);
    assert.ok(inputs, `${name} was not registered`);
    return Object.fromEntries(Object.keys(expected).map((key) => [key, inputs[key]]));
  }

  it("ApplicationArgs: Outputs as fields, list items, whole lists and objects, and fields of objects in lists", async () => {
    await registered([new Application("web", applicationArgs())]);
    assert.deepEqual(receivedFor("web", APPLICATION_RECEIVED), APPLICATION_RECEIVED);
  });

  it("ApplicationSecretArgs: another resource's id and Outputs inside rotateWhenChanged", async () => {
    const app = new Application("web-for-secret", applicationArgs());
    await registered([app, new ApplicationSecret("web-secret", secretArgs(app.id))]);
    const expected = {
      applicationId: "web-for-secret-id",
      rotateWhenChanged: { quarter: "2031-Q3", attempt: 2, forced: false },
      previousSecretValidFor: "24h",
      rotationPeriod: "2160h",
      revokePreviousSecret: true,
    };
    assert.deepEqual(receivedFor("web-secret", expected), expected);
  });

  it("grant and assignment arguments: Outputs as list items, whole lists and numbers", async () => {
    const app = new Application("web-for-access", applicationArgs());
    await registered([
      app,
      new ApplicationResourceGrant("by-name", grantArgs(app.id)),
      new ApplicationResourceGrant("by-ids", grantByIdsArgs(app.id)),
      new ApplicationSignOnPolicyAssignment("policy", assignmentArgs(app.id)),
    ]);
    const byName = { applicationId: "web-for-access-id", resourceName: "openid", scopes: ["openid", "profile"] };
    const byIds = { applicationId: "web-for-access-id", resourceId: KEY_POLICY, scopeIds: [GROUP] };
    const policy = { applicationId: "web-for-access-id", signOnPolicyName: "Single_Factor", priority: 2 };
    assert.deepEqual(receivedFor("by-name", byName), byName);
    assert.deepEqual(receivedFor("by-ids", byIds), byIds);
    assert.deepEqual(receivedFor("policy", policy), policy);
  });
});
