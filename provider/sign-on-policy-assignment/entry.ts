/** `pulumi-pingone/provider/sop` (package.json `exports`): the module the serialized ApplicationSignOnPolicyAssignment provider (`kernel/shim.ts`) requires. */
import { DynamicProvider } from "../kernel/dynamic-provider";
import { ApplicationSignOnPolicyAssignmentLifecycle } from "./lifecycle";

export = new DynamicProvider(new ApplicationSignOnPolicyAssignmentLifecycle());
