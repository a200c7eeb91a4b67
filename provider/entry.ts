/**
 * `pulumi-pingone/provider`: the module the serialized shim requires. Its exports are the
 * process-wide implementation instance itself, so each shim method is one short call.
 */
import { lifecycle } from "./lifecycle";

export = lifecycle;
