/** The ApplicationSignOnPolicyAssignment's documented properties and outputs (rendered into the README). */
import type { ResourceDocs } from "../kernel/property-docs";

export const SIGN_ON_POLICY_ASSIGNMENT_DOCS: ResourceDocs = {
  properties: [
    { name: "applicationId", type: "**required**, string", rules: "Changing it replaces the assignment." },
    { name: "environmentId", type: "string", rules: "Defaults as for `Application`; changing it replaces." },
    {
      name: "signOnPolicyId / signOnPolicyName",
      type: "string, exactly one",
      rules: "The policy by id or by name (every environment has `Single_Factor`). Another policy replaces the assignment.",
    },
    { name: "priority", type: "**required**, integer 1 to 2147483647", rules: "1 is evaluated first. Changing it updates with one PUT." },
  ],
  outputs: [
    { name: "id", meaning: "The assignment's id." },
    { name: "signOnPolicyId", meaning: "Always." },
    { name: "signOnPolicyName", meaning: "When given by name." },
    { name: "priority", meaning: "As given." },
  ],
};
