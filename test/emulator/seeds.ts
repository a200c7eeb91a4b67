/**
 * Request and response of seed 001 (shared/seeds/001_5d852db5633827a2.txt: POST an OIDC WEB_APP),
 * with the timestamped name made concrete. The response holds only the fields that do not
 * depend on ids, URLs or time.
 */
import type { JsonObject } from "../../emulator";
import { SEED_001 } from "../fixtures/seeds";

/** The request body, written once in the shared fixtures. */
export const SEED_001_REQUEST: JsonObject = { ...SEED_001.body } as unknown as JsonObject;

/** The example response's id-, URL- and time-independent fields, from the shared fixtures. */
export const SEED_001_RESPONSE_FIELDS: JsonObject = SEED_001.response as JsonObject;

export const SEED_001_LINKS = ["self", "environment", "attributes", "secret", "grants", "keyRotationPolicy"];
