/**
 * HTTP plumbing: reading a request body and writing an `EmulatorResponse`.
 *
 * Handlers return a response value instead of writing to the socket themselves, so the server
 * can decide afterwards to send it or to drop the connection (the reset-after-commit fault).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { invalidRequest } from "./errors";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body; absent for 204 and redirects. */
  body?: JsonValue;
  /** A non-JSON body (the sign-on page's HTML); `body` wins when both are set. */
  text?: { contentType: string; content: string };
}

/** PingOne bodies are small; anything larger is a client bug, not something to buffer. */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function writeResponse(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined && response.text !== undefined) {
    headers["content-type"] = response.text.contentType;
    headers["content-length"] = String(Buffer.byteLength(response.text.content));
    res.writeHead(response.status, headers);
    res.end(response.text.content);
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/** Parses a JSON object body. `optional` lets an empty body through as `{}`. */
export function jsonBody(req: IncomingMessage, raw: string, optional: boolean): { body: JsonObject } | { error: EmulatorResponse } {
  if (raw.trim() === "") {
    return optional ? { body: {} } : { error: invalidRequest("The request could not be completed. The request body is required.") };
  }
  if (!mediaType(req).endsWith("json")) {
    return { error: invalidRequest("The request could not be completed. Content-Type must be application/json.", 415) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { error: invalidRequest("The request could not be completed. The request body is not valid JSON.") };
  }
  if (!isJsonObject(parsed)) {
    return { error: invalidRequest("The request could not be completed. The request body must be a JSON object.") };
  }
  return { body: parsed };
}
