/** The ApplicationSignOnPolicyAssignment's documented properties and outputs (rendered into the README). */
import { DEFAULT_SIGN_ON_POLICY_NAME, MAX_SIGN_ON_POLICY_PRIORITY, MIN_SIGN_ON_POLICY_PRIORITY } from "../../pingone";
import type { ResourceDocs } from "../kernel/property-docs";

export const SIGN_ON_POLICY_ASSIGNMENT_DOCS: ResourceDocs = {
  properties: [
    { name: "applicationId", type: "**required**, string", rules: "Changing it replaces the assignment." },
    { name: "environmentId", type: "string", rules: "Defaults as for `Application`; changing it replaces." },
    {
      name: "signOnPolicyId / signOnPolicyName",
      type: "string, exactly one",
      rules: `The policy by id or by name (every environment has \`${DEFAULT_SIGN_ON_POLICY_NAME}\`). Another policy replaces the assignment.`,
    },
    {
      name: "priority",
      type: `**required**, integer ${MIN_SIGN_ON_POLICY_PRIORITY} to ${MAX_SIGN_ON_POLICY_PRIORITY}`,
      rules: `${MIN_SIGN_ON_POLICY_PRIORITY} is evaluated first. Changing it updates with one PUT.`,
    },
  ],
  outputs: [
    { name: "id", meaning: "The assignment's id." },
    { name: "signOnPolicyId", meaning: "Always." },
    { name: "signOnPolicyName", meaning: "When given by name." },
    { name: "priority", meaning: "As given." },
  ],
};
