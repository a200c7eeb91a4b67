/**
 * A local PingOne-compatible server: the management API for OIDC applications
 * (`/v1/environments/{envId}/applications...`) and the worker token endpoint
 * (`/{envId}/as/token`), with failure injection, request counters and out-of-band controls for
 * tests. See admin.ts for the HTTP control endpoints and cli.ts for the command line.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, MANAGEMENT_API_VERSION_PREFIX } from "../pingone";
import { defaultFaultSettings } from "./faults";
import { createRandom } from "./rng";
import { createEmulatorServer } from "./server";
import { exportStore, importStore, snapshotEnvironmentIds } from "./snapshot";
import { EmulatorState } from "./state";
import type { CreatedTestUser, EmulatorOptions, RunningEmulator, TestUserInput } from "./types";

export type {
  ApplicationRecord,
  CreatedTestUser,
  EmulatorOptions,
  FaultKind,
  FaultSettings,
  LoggedRequest,
  RequestCounters,
  RunningEmulator,
  ScriptedFault,
  ScriptedFaultAction,
  ScriptedFaultMatch,
  TestUserInput,
} from "./types";
export type { JsonObject, JsonValue } from "./json";
export { FaultSettingsError } from "./faults";
export { STORE_SNAPSHOT_FORMAT, StoreSnapshotError, type ApplicationSnapshot, type EnvironmentSnapshot, type StoreSnapshot } from "./snapshot";

/** The worker token's lifetime unless `tokenLifetimeSeconds` says otherwise: PingOne's default. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0-65535, got ${port}`);
  const host = options.host ?? "127.0.0.1";
  // A snapshot brings its environments (the ids a restored stack's state names).
  const snapshotIds = options.store === undefined ? undefined : snapshotEnvironmentIds(options.store);
  if (snapshotIds && options.environmentIds && [...new Set(options.environmentIds)].sort().join() !== [...snapshotIds].sort().join()) {
    throw new RangeError(`environmentIds (${options.environmentIds.join(", ")}) are not the store snapshot's (${snapshotIds.join(", ")})`);
  }
  const environmentIds = [...new Set(snapshotIds ?? options.environmentIds ?? [randomUUID()])];
  if (environmentIds.length === 0) throw new RangeError("environmentIds must name at least one environment");
  for (const id of environmentIds) {
    if (typeof id !== "string" || id === "" || /[/\s?#]/.test(id)) throw new RangeError(`invalid environment id '${String(id)}'`);
  }
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds < 0) throw new RangeError("tokenLifetimeSeconds must be a non-negative integer");
  const clientId = options.clientId ?? randomUUID();
  const clientSecret = options.clientSecret ?? randomBytes(32).toString("base64url");
  if (clientId === "" || clientSecret === "") throw new RangeError("clientId and clientSecret must not be empty");

  const state = new EmulatorState(
    environmentIds,
    { clientId, clientSecret },
    defaultFaultSettings(tokenLifetimeSeconds),
    createRandom(options.seed),
    options.clock ?? Date.now,
  );
  if (options.store !== undefined) importStore(state.store, options.store);
  if (options.faults) state.faults.set(options.faults);
  if (options.listPageSize !== undefined) {
    if (!Number.isInteger(options.listPageSize) || options.listPageSize < 1) throw new RangeError("listPageSize must be a positive integer");
    state.listPageSize = options.listPageSize;
  }

  const createUser = ({ environmentId, ...user }: TestUserInput): CreatedTestUser => state.createUser(environmentId ?? environmentIds[0], user);
  for (const user of options.users ?? []) createUser(user);

  const shutdown = new AbortController();
  const server = createEmulatorServer(state, shutdown.signal);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const boundPort = (server.address() as AddressInfo).port;
  const baseUrl = `http://${urlHost(host)}:${boundPort}`;
  const apiUrl = `${baseUrl}${MANAGEMENT_API_VERSION_PREFIX}`;
  state.apiUrl = apiUrl;
  state.authUrl = baseUrl;

  let closing: Promise<void> | undefined;
  return {
    port: boundPort,
    baseUrl,
    apiUrl,
    authUrl: baseUrl,
    adminUrl: `${baseUrl}/__admin`,
    environmentId: environmentIds[0],
    environmentIds: Object.freeze([...environmentIds]),
    clientId,
    clientSecret,
    setFaults: (faults) => state.faults.set(faults),
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.settings(),
    counters: () => state.recorder.counters(),
    resetCounters: () => state.recorder.reset(),
    requestLog: () => state.recorder.entries(),
    expireTokens: () => state.tokens.expireAll(),
    issuedTokens: () => state.tokens.issued(),
    applications: (environmentId) => state.applications(environmentId),
    defaultKeyRotationPolicyId: (environmentId) => state.defaultKeyRotationPolicyId(environmentId ?? environmentIds[0]),
    mutateApplication: (environmentId, applicationId, patch) => state.mutateApplication(environmentId, applicationId, patch),
    importApplications: (environmentId, bodies) => state.importApplications(environmentId, bodies),
    deleteApplicationOutOfBand: (environmentId, applicationId) => state.deleteApplicationOutOfBand(environmentId, applicationId),
    exportStore: () => exportStore(state.store),
    createUser,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        // Abort pending latency waits, then drop keep-alive connections so close() returns promptly.
        shutdown.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A URL host for the listen address; wildcard addresses are reached through loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * The `PINGONE_*` environment that points the provider at this emulator, exactly as a user points
 * it at PingOne (the worker secret included: it is the emulator's own throwaway credential).
 */
export function pingOneEnvironment(emulator: RunningEmulator): Record<string, string> {
  return {
    PINGONE_API_URL: emulator.apiUrl,
    PINGONE_AUTH_URL: emulator.authUrl,
    PINGONE_ENVIRONMENT_ID: emulator.environmentId,
    PINGONE_CLIENT_ID: emulator.clientId,
    PINGONE_CLIENT_SECRET: emulator.clientSecret,
  };
}
