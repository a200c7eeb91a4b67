/**
 * `pulumi-pingone/provider`: the module the serialized provider (`kernel/shim.ts`) requires. Its exports
 * are the process-wide implementation instance itself, which the dynamic-provider host calls.
 */
import { lifecycle } from "./lifecycle";

export = lifecycle;
