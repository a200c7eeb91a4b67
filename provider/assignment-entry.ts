/** `pulumi-pingone/provider/sop` (package.json `exports`): the module the serialized ApplicationSignOnPolicyAssignment shim requires. */
import { applicationSignOnPolicyAssignmentLifecycle } from "./assignment-lifecycle";

export = applicationSignOnPolicyAssignmentLifecycle;
