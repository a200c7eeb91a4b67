/**
 * The ApplicationSignOnPolicyAssignment provider: assigns a sign-on policy to an application with
 * a priority (`POST/GET/PUT/DELETE …/applications/{appId}/signOnPolicyAssignments[/{id}]`, body
 * `{ signOnPolicy: { id }, priority }`; facts in pingone/sign-on-policies.ts). The policy is named by
 * `signOnPolicyId` or `signOnPolicyName` (looked up with `GET …/signOnPolicies`, once per process
 * and environment). Another policy is another assignment (replace, as the Terraform provider
 * does); another priority updates the assignment with one PUT. Shared
 * behaviour (reconciliation, 404s) is in ../application-access/lifecycle.ts.
 */
import { MAX_SIGN_ON_POLICY_PRIORITY, MIN_SIGN_ON_POLICY_PRIORITY, type PingOneSignOnPolicyAssignment } from "../../pingone";
import { AccessInputError, AccessLifecycle, type ResolvedBody } from "../application-access/lifecycle";
import type { InputChecks } from "../kernel/check";
import type { AccessLookup } from "../http/lookups";
import type { AccessRecord } from "../http/client";
import { excerpt } from "../kernel/excerpt";
import { isUnknown, type Inputs } from "../kernel/values";

function assignmentOf(record: AccessRecord): PingOneSignOnPolicyAssignment {
  return record as PingOneSignOnPolicyAssignment;
}

export class ApplicationSignOnPolicyAssignmentLifecycle extends AccessLifecycle {
  protected readonly kind = "signOnPolicyAssignments" as const;
  protected readonly resourceKind = "ApplicationSignOnPolicyAssignment" as const;

  // Another policy is another assignment (replace, as the Terraform provider does).
  protected readonly target = ["signOnPolicyId", "signOnPolicyName"] as const;

  protected validate(checks: InputChecks, inputs: Inputs): void {
    const priority = inputs.priority;
    if (priority === undefined) checks.fail("priority", `is required: an integer of at least ${MIN_SIGN_ON_POLICY_PRIORITY} (1 is evaluated first)`);
    else if (
      !isUnknown(priority) &&
      (typeof priority !== "number" || !Number.isInteger(priority) || priority < MIN_SIGN_ON_POLICY_PRIORITY || priority > MAX_SIGN_ON_POLICY_PRIORITY)
    ) {
      checks.fail(
        "priority",
        `must be an integer from ${MIN_SIGN_ON_POLICY_PRIORITY} to ${MAX_SIGN_ON_POLICY_PRIORITY} (1 is evaluated first), got ${excerpt(priority)}`,
      );
    }
  }

  protected changed(olds: Inputs, news: Inputs): string[] {
    return news.priority !== olds.priority ? ["priority"] : [];
  }

  protected async resolve(inputs: Inputs, lookup: AccessLookup, label: string): Promise<ResolvedBody> {
    let signOnPolicyId = typeof inputs.signOnPolicyId === "string" ? inputs.signOnPolicyId : undefined;
    if (signOnPolicyId === undefined) {
      const { found, items } = await lookup.signOnPolicyByName(String(inputs.signOnPolicyName));
      if (!found) {
        throw new AccessInputError(
          `${label}: signOnPolicyName ${excerpt(inputs.signOnPolicyName)} is not a sign-on policy of environment ${String(inputs.environmentId)}; its policies: ${items.map((p) => p.name).join(", ")}`,
        );
      }
      signOnPolicyId = found.id;
    }
    return { body: { signOnPolicy: { id: signOnPolicyId }, priority: inputs.priority }, resolved: { signOnPolicyId } };
  }

  protected matches(record: AccessRecord, body: Record<string, unknown>): boolean {
    const assignment = assignmentOf(record);
    const wanted = body as unknown as PingOneSignOnPolicyAssignment;
    return assignment.signOnPolicy.id === wanted.signOnPolicy.id && assignment.priority === wanted.priority;
  }

  protected async outputs(previous: Inputs, record: AccessRecord, lookup: AccessLookup): Promise<Inputs> {
    const assignment = assignmentOf(record);
    const out: Inputs = { signOnPolicyId: assignment.signOnPolicy.id, priority: assignment.priority };
    if (previous.signOnPolicyName !== undefined && assignment.signOnPolicy.id !== previous.signOnPolicyId) {
      out.signOnPolicyName = (await lookup.signOnPolicyById(assignment.signOnPolicy.id))?.name ?? assignment.signOnPolicy.id;
    }
    return out;
  }
}
