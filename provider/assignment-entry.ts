/** `pulumi-pingone/provider/sign-on-policy` (package.json `exports`): the module the serialized ApplicationSignOnPolicyAssignment shim requires. */
import { applicationSignOnPolicyAssignmentLifecycle } from "./assignment-lifecycle";

export = applicationSignOnPolicyAssignmentLifecycle;
