/** `pulumi-pingone/provider/sop` (package.json `exports`): the module the serialized ApplicationSignOnPolicyAssignment provider (`shim.ts`) requires. */
import { applicationSignOnPolicyAssignmentLifecycle } from "./assignment-lifecycle";

export = applicationSignOnPolicyAssignmentLifecycle;
