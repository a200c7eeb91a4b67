/**
 * The `ApplicationSignOnPolicyAssignment` resource class: a dynamic resource with type token
 * `pulumi-nodejs:dynamic/pingone:ApplicationSignOnPolicyAssignment` that assigns a sign-on policy
 * to an application. See `assignment-lifecycle.ts` for what each operation sends to PingOne.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../kernel/resource-props";
import { PackageResource } from "../kernel/package-resource";
import { APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE, ASSIGNMENT_PROVIDER_MODULE } from "../resources";

/** Arguments of `new ApplicationSignOnPolicyAssignment(name, args)`. */
export interface ApplicationSignOnPolicyAssignmentArgs {
  /** The application (replaces the assignment when changed). */
  applicationId: pulumi.Input<string>;
  /** The environment; defaults to the provider's. */
  environmentId?: pulumi.Input<string>;
  /** The sign-on policy by id. Exactly one of signOnPolicyId and signOnPolicyName; another policy replaces the assignment. */
  signOnPolicyId?: pulumi.Input<string>;
  /** The sign-on policy by name, e.g. `"Single_Factor"` (looked up once per run). */
  signOnPolicyName?: pulumi.Input<string>;
  /** An integer from 1 to 2147483647; the assignment with priority 1 is evaluated first. Changing it updates in place. */
  priority: pulumi.Input<number>;
}

const DECLARED_OUTPUTS = ["applicationId", "environmentId", "signOnPolicyId", "signOnPolicyName", "priority"] as const;

/** Assigns a sign-on policy to an application (PingOne's "associate the sign-on policy with the application" step). */
export class ApplicationSignOnPolicyAssignment extends PackageResource {
  /** The assignment's id in PingOne. */
  declare readonly id: pulumi.Output<string>;
  declare readonly applicationId: pulumi.Output<string>;
  declare readonly environmentId: pulumi.Output<string>;
  /** The policy's id (always set). */
  declare readonly signOnPolicyId: pulumi.Output<string>;
  /** The policy's name, when it was given by name. */
  declare readonly signOnPolicyName: pulumi.Output<string | undefined>;
  declare readonly priority: pulumi.Output<number>;

  constructor(name: string, args: ApplicationSignOnPolicyAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(ASSIGNMENT_PROVIDER_MODULE, APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE, name, resourceProps(DECLARED_OUTPUTS, args, name), opts);
  }
}
