/** `pulumi-pingone/provider/sop` (package.json `exports`): the module the serialized ApplicationSignOnPolicyAssignment provider (`kernel/shim.ts`) requires. */
import { applicationSignOnPolicyAssignmentLifecycle } from "./lifecycle";

export = applicationSignOnPolicyAssignmentLifecycle;
