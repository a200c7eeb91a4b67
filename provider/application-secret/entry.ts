/**
 * `pulumi-pingone/provider/secret` (package.json `exports`): the module the serialized
 * ApplicationSecret provider (`kernel/shim.ts`) requires. Its exports are the process-wide implementation instance itself.
 */
import { applicationSecretLifecycle } from "./lifecycle";

export = applicationSecretLifecycle;
