/**
 * Facts about sign-on policies and their assignment to applications. No HTTP.
 *
 * Sources:
 * - Assignments: `POST/GET/PUT/DELETE /environments/{envId}/applications/{appId}/signOnPolicyAssignments[/{id}]`,
 *   body `{ "signOnPolicy": { "id" }, "priority" }`, both required; priority 1 is evaluated first;
 *   an application without assignments uses the environment's default policy; "Single_Factor" is
 *   the basic username-and-password policy.
 *   https://developer.pingidentity.com/pingone-api/platform/applications/application-sign-on-policy-assignments.html
 *   https://developer.pingidentity.com/pingone-api/platform/applications/application-sign-on-policy-assignments/create-sop-assignment.html
 * - The Terraform provider's `pingone_application_sign_on_policy_assignment`: `priority` required and
 *   validated `IntAtLeast(1)`, sent as an int32; `environment_id`, `application_id` and
 *   `sign_on_policy_id` are ForceNew (another policy is another assignment; only the priority is
 *   updated in place):
 *   https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application_sign_on_policy_assignment.go
 *   https://github.com/pingidentity/terraform-provider-pingone/blob/main/docs/resources/application_sign_on_policy_assignment.md
 *
 * Not confirmed in public documentation (the emulator's choices, flagged where used): whether
 * PingOne itself bounds `priority` above (the SDKs' int32 is the only bound found), and whether
 * two assignments of one application may share a priority.
 */

/** The name of the default sign-on policy every new environment has. */
export const DEFAULT_SIGN_ON_POLICY_NAME = "Single_Factor";

/** `priority` is an integer; 1 is the first evaluated (Terraform provider: `IntAtLeast(1)`). */
export const MIN_SIGN_ON_POLICY_PRIORITY = 1;
/** The largest priority the SDKs can send (an int32); PingOne documents no maximum of its own. */
export const MAX_SIGN_ON_POLICY_PRIORITY = 2_147_483_647;

/** An assignment as PingOne returns it (the fields this package reads). */
export interface PingOneSignOnPolicyAssignment {
  id: string;
  signOnPolicy: { id: string };
  priority: number;
  application?: { id: string };
}

/** A sign-on policy as `GET …/signOnPolicies` lists it. */
export interface PingOneSignOnPolicy {
  id: string;
  name: string;
  default?: boolean;
}
