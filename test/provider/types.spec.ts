/**
 * The public argument types accept Pulumi inputs at every level, as a program composing an
 * Application with other resources passes them (this file fails to compile otherwise).
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import type { ApplicationArgs, ApplicationSecretArgs } from "../../provider";

describe("ApplicationArgs", () => {
  it("accepts Outputs inside lists and nested objects", () => {
    const origin = pulumi.output("https://app.example.com");
    const args: ApplicationArgs = {
      type: "SINGLE_PAGE_APP",
      grantTypes: ["AUTHORIZATION_CODE"],
      tokenEndpointAuthMethod: "NONE",
      redirectUris: [pulumi.interpolate`${origin}/callback`],
      corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: [origin] },
      signing: { keyRotationPolicy: { id: pulumi.output("5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11") } },
    };
    assert.equal(args.type, "SINGLE_PAGE_APP");
  });
});

describe("ApplicationSecretArgs", () => {
  it("accepts Outputs for the application id and inside rotateWhenChanged", () => {
    const quarter = pulumi.output("2031-Q3");
    const args: ApplicationSecretArgs = {
      applicationId: pulumi.output("5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11"),
      rotateWhenChanged: { quarter, attempt: 2, forced: false },
      previousSecretValidFor: "24h",
      rotationPeriod: "2160h",
    };
    assert.equal(args.rotationPeriod, "2160h");
  });
});
