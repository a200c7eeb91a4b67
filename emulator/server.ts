/**
 * The HTTP front door: routes a request to the admin, token or management handlers and runs
 * the per-request pipeline for the emulated PingOne routes:
 *
 *   count → read body → decide faults → latency → (reset | fault answer | handle → answer or reset)
 *
 * Every emulated-route request is counted and logged, including faulted ones, so a test can
 * see retries. /__admin bypasses all of it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { ERROR_CODES } from "../pingone";
import { handleAdmin, isLoopback } from "./admin";
import { invalidRequest, methodNotAllowed, notFound, pingOneError } from "./errors";
import { BodyTooLargeError, readBody, writeResponse, type EmulatorResponse } from "./http";
import type { JsonValue } from "./json";
import { handleManagement } from "./management";
import { matchRoute, type RouteMatch } from "./routes";
import { handleSignIn, isSignInRoute, isUserRoute } from "./signin";
import type { EmulatorState } from "./state";

export function createEmulatorServer(state: EmulatorState, shutdown: AbortSignal): Server {
  return createServer((req, res) => {
    // PingOne's answers carry an RFC 7231 `Date` (whole seconds); the emulator's comes from its own
    // clock, so a test that moves that clock sees a PingOne whose time differs from the caller's.
    res.setHeader("Date", new Date(state.now()).toUTCString());
    handle(state, req, res, shutdown).catch((error: unknown) => {
      if (shutdown.aborted) {
        req.socket.destroy();
        return;
      }
      // Only the message: a stack or request dump could carry a caller's credentials.
      process.stderr.write(`pingone-emulator: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) writeResponse(res, pingOneError(500, ERROR_CODES.unexpectedError, "An unexpected error occurred."));
      else res.destroy();
    });
  });
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse, shutdown: AbortSignal): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = new URL(req.url ?? "/", "http://emulator.invalid").pathname;

  if (path === "/__admin" || path.startsWith("/__admin/")) {
    if (!isLoopback(req)) {
      writeResponse(res, { status: 403, headers: {}, body: { error: "/__admin is only served to loopback clients" } });
      return;
    }
    writeResponse(res, handleAdmin(state, method, path, await readBody(req)));
    return;
  }

  const match = matchRoute(path);
  state.recorder.count(`${method} ${match.template}`);
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const response = invalidRequest("The request could not be completed. The request body is too large.", 413);
    writeResponse(res, response);
    state.recorder.record({ method, path, route: match.template, status: response.status, faults: [] });
    return;
  }

  const decision = state.faults.decide(method, path);
  // Token, sign-in and user bodies carry client secrets, codes, verifiers and passwords: they are never logged.
  const loggable = match.name !== null && match.name !== "token" && !isSignInRoute(match.name) && !isUserRoute(match.name);
  const body = loggable ? bodyForLog(raw) : undefined;
  const log = (status: number | null, committedStatus?: number): void =>
    state.recorder.record({ method, path, route: match.template, status, committedStatus, faults: decision.applied, body });

  if (decision.latencyMs > 0) await delay(decision.latencyMs, undefined, { signal: shutdown });
  const outcome = decision.outcome;
  if (outcome.kind === "reset-before") {
    log(null);
    drop(req, res);
    return;
  }
  if (outcome.kind === "respond") {
    writeResponse(res, outcome.response);
    log(outcome.response.status);
    return;
  }
  const response = await dispatch(state, match, method, req, raw);
  if (outcome.resetAfterCommit) {
    // The change is stored; the client just never hears about it.
    log(null, response.status);
    drop(req, res);
    return;
  }
  writeResponse(res, response);
  log(response.status);
}

async function dispatch(state: EmulatorState, match: RouteMatch, method: string, req: IncomingMessage, raw: string): Promise<EmulatorResponse> {
  if (match.name === null) return notFound();
  const signInContext = { store: state.store, signin: state.signin, tokens: state.tokens, authUrl: state.authUrl, apiUrl: state.apiUrl, now: state.now };
  const query = new URL(req.url ?? "/", "http://emulator.invalid").searchParams;
  if (isSignInRoute(match.name)) return handleSignIn(signInContext, { match, method, req, raw, query });
  if (match.name === "token") {
    if (match.environmentId === undefined || !state.store.environment(match.environmentId)) return notFound();
    if (method !== "POST") return methodNotAllowed(match.methods);
    return state.tokens.handleTokenRequest(req, raw, match.environmentId, signInContext);
  }
  // PingOne checks the token before it looks at the environment or the body.
  const auth = state.tokens.checkBearer(req);
  if (!auth.ok) return auth.response;
  if (isUserRoute(match.name)) return handleSignIn(signInContext, { match, method, req, raw, query });
  return handleManagement(match, method, req, raw, { store: state.store, apiUrl: state.apiUrl, now: state.now, listPageSize: state.listPageSize });
}

function bodyForLog(raw: string): JsonValue | undefined {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return "<invalid JSON>";
  }
}

function drop(req: IncomingMessage, res: ServerResponse): void {
  res.destroy();
  req.socket.destroy();
}
