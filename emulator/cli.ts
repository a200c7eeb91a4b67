#!/usr/bin/env node
/**
 * `pingone-emulator`: runs the emulator until SIGINT/SIGTERM and prints how to point a client at it.
 *
 * Every flag can also come from an environment variable (flag wins). The client secret is never
 * printed: a random one cannot be recovered from the output, so choose one with
 * --client-secret or, better (it stays out of `ps`), PINGONE_EMULATOR_CLIENT_SECRET.
 */
import { parseArgs } from "node:util";
import { authEndpointUrl } from "../pingone";
import { DEFAULT_TOKEN_LIFETIME_SECONDS, startEmulator } from "./index";
import type { EmulatorOptions, FaultSettings, RunningEmulator, TestUserInput } from "./types";

type NumericFault = Exclude<keyof FaultSettings, "script">;

interface FlagSpec {
  flag: string;
  env: string;
  help: string;
}

const STRING_FLAGS: readonly FlagSpec[] = [
  { flag: "port", env: "PINGONE_EMULATOR_PORT", help: "TCP port (default 0: pick a free one)" },
  { flag: "host", env: "PINGONE_EMULATOR_HOST", help: "interface to listen on (default 127.0.0.1)" },
  { flag: "env-id", env: "PINGONE_EMULATOR_ENV_ID", help: "environment id; repeatable (env var: comma-separated). Default: random UUID" },
  { flag: "client-id", env: "PINGONE_EMULATOR_CLIENT_ID", help: "worker client id (default: random UUID)" },
  { flag: "client-secret", env: "PINGONE_EMULATOR_CLIENT_SECRET", help: "worker client secret (default: random, not shown)" },
  { flag: "token-lifetime", env: "PINGONE_EMULATOR_TOKEN_LIFETIME", help: `access token lifetime in seconds (default ${DEFAULT_TOKEN_LIFETIME_SECONDS})` },
  { flag: "seed", env: "PINGONE_EMULATOR_SEED", help: "seed for rate-based faults" },
];

/** Fault flags and the FaultSettings field each one sets. */
const FAULT_FLAGS: readonly (FlagSpec & { field: NumericFault })[] = [
  { flag: "latency", env: "PINGONE_EMULATOR_LATENCY_MS", field: "latencyMs", help: "added latency per request, ms" },
  { flag: "rate-429", env: "PINGONE_EMULATOR_RATE_429", field: "rate429", help: "probability 0..1 of a 429" },
  { flag: "retry-after", env: "PINGONE_EMULATOR_RETRY_AFTER", field: "retryAfterSeconds", help: "Retry-After seconds on 429 (default 1)" },
  { flag: "rps", env: "PINGONE_EMULATOR_RPS", field: "requestsPerSecond", help: "requests admitted per second, then 429 (0 = no limit)" },
  { flag: "rate-5xx", env: "PINGONE_EMULATOR_RATE_5XX", field: "rate5xx", help: "probability 0..1 of a 5xx" },
  { flag: "status-5xx", env: "PINGONE_EMULATOR_STATUS_5XX", field: "status5xx", help: "status for --rate-5xx (default 503)" },
  { flag: "rate-reset", env: "PINGONE_EMULATOR_RATE_RESET", field: "rateReset", help: "probability 0..1 of dropping the connection before handling" },
  {
    flag: "rate-reset-after-commit",
    env: "PINGONE_EMULATOR_RATE_RESET_AFTER_COMMIT",
    field: "rateResetAfterCommit",
    help: "probability 0..1 of handling, then dropping the connection unanswered",
  },
];

export class CliUsageError extends Error {}

export interface CliConfig {
  help: boolean;
  options: EmulatorOptions;
  /** Whether the user chose the client secret (otherwise it is random and unknowable). */
  secretChosen: boolean;
}

export function usage(): string {
  const lines = ["Usage: pingone-emulator [options]", "", "Options (environment variable in brackets):"];
  for (const spec of [...STRING_FLAGS, ...FAULT_FLAGS]) {
    lines.push(`  --${spec.flag.padEnd(25)} ${spec.help} [${spec.env}]`);
  }
  lines.push(`  --${"user username:password".padEnd(25)} a test user who can sign in; repeatable (the password shows in \`ps\`: test fixtures only)`);
  lines.push(`  --${"help".padEnd(25)} show this help`);
  return lines.join("\n");
}

/** Flags and environment variables → emulator options. Throws CliUsageError on bad input. */
export function parseCliConfig(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  const optionSpecs: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = { help: { type: "boolean" } };
  for (const spec of [...STRING_FLAGS, ...FAULT_FLAGS]) optionSpecs[spec.flag] = { type: "string" };
  optionSpecs["env-id"] = { type: "string", multiple: true };
  optionSpecs.user = { type: "string", multiple: true };

  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: optionSpecs, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const pick = (spec: FlagSpec): string | undefined => {
    const value = values[spec.flag];
    if (typeof value === "string") return value;
    const fromEnv = env[spec.env];
    return fromEnv !== undefined && fromEnv !== "" ? fromEnv : undefined;
  };
  const spec = (flag: string): FlagSpec => STRING_FLAGS.find((s) => s.flag === flag)!;

  const options: EmulatorOptions = {};
  const port = pick(spec("port"));
  if (port !== undefined) options.port = toNumber("port", port, true);
  const host = pick(spec("host"));
  if (host !== undefined) options.host = host;
  const envIdFlags = values["env-id"];
  const envIds = Array.isArray(envIdFlags)
    ? envIdFlags.map(String)
    : (env.PINGONE_EMULATOR_ENV_ID ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
  if (envIds.length > 0) options.environmentIds = envIds;
  const clientId = pick(spec("client-id"));
  if (clientId !== undefined) options.clientId = clientId;
  const clientSecret = pick(spec("client-secret"));
  if (clientSecret !== undefined) options.clientSecret = clientSecret;
  const lifetime = pick(spec("token-lifetime"));
  if (lifetime !== undefined) options.tokenLifetimeSeconds = toNumber("token-lifetime", lifetime, true);
  const seed = pick(spec("seed"));
  if (seed !== undefined) options.seed = toNumber("seed", seed, true);

  const users = (Array.isArray(values.user) ? values.user : []).map((value) => testUser(String(value)));
  if (users.length > 0) options.users = users;

  const faults: Partial<Record<NumericFault, number>> = {};
  for (const fault of FAULT_FLAGS) {
    const value = pick(fault);
    if (value !== undefined) faults[fault.field] = toNumber(fault.flag, value, false);
  }
  if (Object.keys(faults).length > 0) options.faults = faults;

  return { help: values.help === true, options, secretChosen: clientSecret !== undefined };
}

/** `username:password`, split at the first colon (a password may contain colons, a username may not). */
function testUser(value: string): TestUserInput {
  const colon = value.indexOf(":");
  if (colon <= 0 || colon === value.length - 1) throw new CliUsageError("--user expects username:password");
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

function toNumber(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CliUsageError(`--${name} expects ${integer ? "an integer" : "a number"}, got '${text}'`);
  }
  return value;
}

/** What the CLI prints once listening. Never contains the client secret. */
export function banner(emulator: RunningEmulator, secretChosen: boolean, users: readonly TestUserInput[] = []): string {
  const secretNote = secretChosen
    ? "******** (the one you chose)"
    : "******** (random and not shown; choose one with --client-secret or PINGONE_EMULATOR_CLIENT_SECRET)";
  const faults = emulator.faults();
  const active = Object.entries(faults)
    .filter(([key, value]) => key !== "script" && key !== "tokenLifetimeSeconds" && typeof value === "number" && value !== 0)
    .filter(([key, value]) => !(key === "retryAfterSeconds" && value === 1) && !(key === "status5xx" && value === 503))
    .map(([key, value]) => `${key}=${String(value)}`);
  return [
    `PingOne emulator listening on ${emulator.baseUrl}`,
    `  management API  ${emulator.apiUrl}`,
    `  token endpoint  ${authEndpointUrl(emulator.authUrl, "token", emulator.environmentId)}`,
    `  admin           ${emulator.adminUrl}`,
    `  environments    ${emulator.environmentIds.join(", ")}`,
    `  client id       ${emulator.clientId}`,
    `  client secret   ${secretNote}`,
    `  token lifetime  ${faults.tokenLifetimeSeconds}s`,
    `  faults          ${active.length > 0 ? active.join(" ") : "none"}`,
    `  test users      ${users.length > 0 ? `${users.map((u) => u.username).join(", ")} (passwords not shown)` : "none (add with --user username:password)"}`,
    `  sign-in         ${authEndpointUrl(emulator.authUrl, "discovery", emulator.environmentId)}`,
    "",
    "Point a client at it with:",
    `export PINGONE_API_URL=${emulator.apiUrl} PINGONE_AUTH_URL=${emulator.authUrl} PINGONE_ENVIRONMENT_ID=${emulator.environmentId} PINGONE_CLIENT_ID=${emulator.clientId}`,
    "export PINGONE_CLIENT_SECRET='<the secret you chose>'",
  ].join("\n");
}

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCliConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`pingone-emulator: ${error.message}\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const emulator = await startEmulator(config.options);
  process.stdout.write(`${banner(emulator, config.secretChosen, config.options.users)}\n`);
  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\npingone-emulator: ${signal}, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`pingone-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
