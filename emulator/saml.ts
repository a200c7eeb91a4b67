/**
 * SAML applications, only as far as an environment's list needs them: the emulator stores one
 * that carries PingOne's required SAML settings, and lists, reads, replaces and deletes it like
 * any application, so a test can seed one through the API and see `pulumi-pingone adopt` skip
 * it. No SAML sign-in is emulated, and no SAML setting beyond the required ones is judged.
 * @see SAML_REQUIRED_FIELDS in pingone/saml.ts, with the source
 */
import { APPLICATION_TYPES, DETAIL_CODES, READ_ONLY_FIELDS, SAML_BASE_REQUIRED_FIELDS, SAML_PROTOCOL, SAML_REQUIRED_FIELDS } from "../pingone";
import type { ErrorDetail } from "./errors";
import { deepCopy, type JsonObject } from "./json";

/** Whether a request body asks for a SAML application. */
export function isSamlBody(body: JsonObject): boolean {
  return body.protocol === SAML_PROTOCOL;
}

/** The record a SAML application's body stores, and what PingOne would refuse in it. */
export function validateSamlApplication(body: JsonObject): { record: JsonObject; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const required = (target: string): void => void details.push({ code: DETAIL_CODES.requiredValue, target, message: `${target} is required.` });
  const invalid = (target: string, message: string): void => void details.push({ code: DETAIL_CODES.invalidValue, target, message });
  for (const field of [...SAML_BASE_REQUIRED_FIELDS, ...SAML_REQUIRED_FIELDS]) if (body[field] === undefined || body[field] === null) required(field);
  if (typeof body.name === "string" && body.name.trim() === "") invalid("name", "name must not be empty.");
  if (body.enabled !== undefined && typeof body.enabled !== "boolean") invalid("enabled", "enabled must be a boolean.");
  if (body.type !== undefined && !(APPLICATION_TYPES as readonly unknown[]).includes(body.type))
    invalid("type", `type must be one of ${APPLICATION_TYPES.join(", ")}.`);
  if (body.spEntityId !== undefined && (typeof body.spEntityId !== "string" || body.spEntityId === ""))
    invalid("spEntityId", "spEntityId must be a non-empty string.");
  const acs = body.acsUrls;
  if (acs !== undefined && (!Array.isArray(acs) || acs.length === 0 || acs.some((url) => typeof url !== "string"))) {
    invalid("acsUrls", "acsUrls must list at least one URL.");
  }
  const duration = body.assertionDuration;
  if (duration !== undefined && (typeof duration !== "number" || !Number.isInteger(duration) || duration < 1)) {
    invalid("assertionDuration", "assertionDuration must be a positive integer (seconds).");
  }
  const record = deepCopy(body);
  for (const readOnly of READ_ONLY_FIELDS) delete record[readOnly];
  return { record, details };
}
