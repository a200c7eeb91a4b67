/**
 * PingOne's error bodies (docs/pingone-applications-api.md §7): `{id, code, message, details?}` for the management API
 * and RFC 6749 `{error, error_description}` for the token endpoint.
 */
import { randomUUID } from "node:crypto";
import { ERROR_CODES, type DetailCode, type ErrorCode, type PingOneErrorDetail } from "../pingone";
import type { JsonObject } from "./json";
import type { EmulatorResponse } from "./http";

/** A detail as the emulator builds it: PingOne's detail shape, with the fields it always sets. */
export interface ErrorDetail extends PingOneErrorDetail {
  code: DetailCode;
  target: string;
  message: string;
  innerError?: {
    allowedValues?: string[];
    rangeMinimumValue?: number;
    rangeMaximumValue?: number;
    allowedPattern?: string;
    maximumValue?: number;
  };
  /**
   * PingOne reports some rule violations with the rule's own text as the top-level message:
   * the Terraform provider matches `^Wildcards are not allowed in redirect URIs.` against the
   * top-level message, and issue #82 quotes "Once specified, refreshTokenDuration cannot be
   * nullified" as the error. Such a detail, when it is the only one, becomes the message.
   */
  headline?: boolean;
}

export const VALIDATION_MESSAGE = "The request could not be completed. One or more validation errors were in the request.";
export const NOT_FOUND_MESSAGE = "The request could not be completed. The requested resource was not found.";

export function pingOneError(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body: { id: randomUUID(), code, message } };
}

export function validationError(details: ErrorDetail[]): EmulatorResponse {
  const only = details.length === 1 ? details[0] : undefined;
  const message = only?.headline ? only.message : VALIDATION_MESSAGE;
  const body: JsonObject = {
    id: randomUUID(),
    code: ERROR_CODES.invalidData,
    message,
    details: details.map((d) => {
      const out: JsonObject = { code: d.code, target: d.target, message: d.message };
      if (d.innerError) out.innerError = { ...d.innerError };
      return out;
    }),
  };
  return { status: 400, headers: {}, body };
}

export function notFound(message: string = NOT_FOUND_MESSAGE): EmulatorResponse {
  return pingOneError(404, ERROR_CODES.notFound, message);
}

export function invalidRequest(message: string, status = 400): EmulatorResponse {
  return pingOneError(status, ERROR_CODES.invalidRequest, message);
}

/** 401 (with the Bearer challenge) for a missing or bad token; 403 for a token without the right. */
export function accessFailed(message: string, status: 401 | 403 = 401): EmulatorResponse {
  return pingOneError(status, ERROR_CODES.accessFailed, message, status === 401 ? { "www-authenticate": 'Bearer realm="PingOne"' } : {});
}

export function rateLimited(retryAfterSeconds: number): EmulatorResponse {
  return pingOneError(429, ERROR_CODES.requestLimited, "The request could not be completed. The request was rate limited.", {
    "retry-after": String(retryAfterSeconds),
  });
}

export function serverError(status: number): EmulatorResponse {
  return pingOneError(status, ERROR_CODES.unexpectedError, "The request could not be completed. An unexpected error occurred.");
}

export function methodNotAllowed(allowed: readonly string[]): EmulatorResponse {
  return pingOneError(405, ERROR_CODES.invalidRequest, "The request could not be completed. The HTTP method is not supported for this resource.", {
    allow: allowed.join(", "),
  });
}

/** RFC 6749 §5.2 error for the token endpoint. */
export function oauthError(status: number, error: string, description: string): EmulatorResponse {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="PingOne"';
  return { status, headers, body: { error, error_description: description } };
}
