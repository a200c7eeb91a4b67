/**
 * The `ApplicationSecret` resource class: a dynamic resource with type token
 * `pulumi-nodejs:dynamic/pingone:ApplicationSecret` that rotates an application's client secret,
 * with secret outputs `secret` and `previousSecret`. See `lifecycle.ts` in this folder for what each
 * operation sends to PingOne.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../kernel/resource-props";
import { PackageResource } from "../kernel/package-resource";
import { APPLICATION_SECRET_TYPE, SECRET_PROVIDER_MODULE, secretOutputsOf } from "../resources";
import type { ApplicationSecretOutputs, ApplicationSecretProperties } from "./types";

/** Arguments of `new ApplicationSecret(name, args)`; see `ApplicationSecretProperties` for each one's meaning. */
export interface ApplicationSecretArgs {
  applicationId: pulumi.Input<string>;
  environmentId?: pulumi.Input<string>;
  rotateWhenChanged?: pulumi.Input<{ [key: string]: pulumi.Input<string | number | boolean> }>;
  previousSecretValidFor?: pulumi.Input<string>;
  previousSecretExpiresAt?: pulumi.Input<string>;
  rotationPeriod?: pulumi.Input<string>;
  revokePreviousSecret?: pulumi.Input<boolean>;
}

const SECRET_OUTPUTS = secretOutputsOf(APPLICATION_SECRET_TYPE);

/** Every output the class declares (dynamic resources expose only outputs seeded in the props). */
const DECLARED_OUTPUTS = [
  "applicationId",
  "environmentId",
  "previousSecretValidFor",
  "previousSecretExpiresAt",
  "rotationPeriod",
  "revokePreviousSecret",
  "secret",
  "previousSecret",
  "previousExpiresAt",
  "rotatedAt",
] as const satisfies readonly (keyof ApplicationSecretOutputs)[];

/** An application's client secret, rotated on a trigger or a schedule without downtime. */
export class ApplicationSecret extends PackageResource {
  /** The application id (also this resource's id). */
  declare readonly id: pulumi.Output<string>;
  declare readonly applicationId: pulumi.Output<string>;
  declare readonly environmentId: pulumi.Output<string>;
  /** The current client secret (a Pulumi secret). */
  declare readonly secret: pulumi.Output<string>;
  /** The replaced secret (a Pulumi secret) while it still works, as of the last rotation or refresh. */
  declare readonly previousSecret: pulumi.Output<string | undefined>;
  /** When the replaced secret stops working (RFC 3339), as of the last rotation or refresh. */
  declare readonly previousExpiresAt: pulumi.Output<string | undefined>;
  /** When this resource last rotated the secret, or adopted it at create (RFC 3339). */
  declare readonly rotatedAt: pulumi.Output<string>;
  declare readonly previousSecretValidFor: pulumi.Output<string | undefined>;
  declare readonly previousSecretExpiresAt: pulumi.Output<string | undefined>;
  declare readonly rotationPeriod: pulumi.Output<string | undefined>;
  declare readonly revokePreviousSecret: pulumi.Output<boolean | undefined>;

  /**
   * @param name The Pulumi resource name.
   * @param args The application and the rotation settings.
   * @param opts Resource options. `secret` and `previousSecret` are always added to `additionalSecretOutputs`.
   */
  constructor(name: string, args: ApplicationSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(SECRET_PROVIDER_MODULE, APPLICATION_SECRET_TYPE, name, resourceProps(DECLARED_OUTPUTS, args, name), {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS],
    });
  }
}

/** Compile-time guard: every argument is a documented property, and every output is declared. */
type UndocumentedArgs = Exclude<keyof ApplicationSecretArgs, keyof ApplicationSecretProperties>;
type UndeclaredOutputs = Exclude<keyof ApplicationSecretOutputs, keyof ApplicationSecret>;
const argsDocumented: [UndocumentedArgs] extends [never] ? true : UndocumentedArgs = true;
const outputsDeclared: [UndeclaredOutputs] extends [never] ? true : UndeclaredOutputs = true;
void argsDocumented;
void outputsDeclared;
