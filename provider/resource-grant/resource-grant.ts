/**
 * The `ApplicationResourceGrant` resource class: a dynamic resource with type token
 * `pulumi-nodejs:dynamic/pingone:ApplicationResourceGrant` that grants an application scopes of a
 * resource, e.g. the `openid` resource's `openid`, `profile` and `email`. See `lifecycle.ts` in this folder
 * for what each operation sends to PingOne.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../kernel/resource-props";
import { PackageResource } from "../kernel/package-resource";
import { APPLICATION_RESOURCE_GRANT_TYPE, GRANT_PROVIDER_MODULE } from "../resources";

/** Arguments of `new ApplicationResourceGrant(name, args)`. */
export interface ApplicationResourceGrantArgs {
  /** The application to grant scopes to (replaces the grant when changed). */
  applicationId: pulumi.Input<string>;
  /** The environment; defaults to the provider's (`pingone:environmentId` / `PINGONE_ENVIRONMENT_ID`). */
  environmentId?: pulumi.Input<string>;
  /** The resource by name, e.g. `"openid"` (looked up once per run). Exactly one of resourceName and resourceId. */
  resourceName?: pulumi.Input<string>;
  /** The resource by id. */
  resourceId?: pulumi.Input<string>;
  /** The scopes by name, e.g. `["openid", "profile", "email"]`. Exactly one of scopes and scopeIds. */
  scopes?: pulumi.Input<pulumi.Input<string>[]>;
  /** The scopes by id. */
  scopeIds?: pulumi.Input<pulumi.Input<string>[]>;
}

const DECLARED_OUTPUTS = ["applicationId", "environmentId", "resourceName", "resourceId", "scopes", "scopeIds"] as const;

/** A resource access grant: lets an application request scopes of one resource. */
export class ApplicationResourceGrant extends PackageResource {
  /** The grant's id in PingOne. */
  declare readonly id: pulumi.Output<string>;
  declare readonly applicationId: pulumi.Output<string>;
  declare readonly environmentId: pulumi.Output<string>;
  /** The resource's name, when it was given by name. */
  declare readonly resourceName: pulumi.Output<string | undefined>;
  /** The resource's id (always set). */
  declare readonly resourceId: pulumi.Output<string>;
  /** The granted scopes' names, when they were given by name. */
  declare readonly scopes: pulumi.Output<string[] | undefined>;
  /** The granted scopes' ids (always set). */
  declare readonly scopeIds: pulumi.Output<string[]>;

  constructor(name: string, args: ApplicationResourceGrantArgs, opts?: pulumi.CustomResourceOptions) {
    super(GRANT_PROVIDER_MODULE, APPLICATION_RESOURCE_GRANT_TYPE, name, resourceProps(DECLARED_OUTPUTS, args, name), opts);
  }
}
