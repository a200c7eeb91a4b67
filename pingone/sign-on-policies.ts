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
 * - The Terraform provider's `pingone_application_sign_on_policy_assignment` (`priority` required,
 *   `sign_on_policy_id` required; changing the application replaces):
 *   https://github.com/pingidentity/terraform-provider-pingone/blob/main/docs/resources/application_sign_on_policy_assignment.md
 *
 * Not confirmed in public documentation (the emulator's choices, flagged where used): an upper
 * bound for `priority`, and whether two assignments of one application may share a priority.
 */

/** The name of the default sign-on policy every new environment has. */
export const DEFAULT_SIGN_ON_POLICY_NAME = "Single_Factor";

/** `priority` is an integer; 1 is the first evaluated. No documented maximum. */
export const MIN_SIGN_ON_POLICY_PRIORITY = 1;

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
