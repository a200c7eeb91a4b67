/**
 * What every resource's provider shares: the engine's config and the environment kept in
 * closures, settings resolved lazily (so preview never needs credentials), a client per
 * operation, the clock, and the typed results of Pulumi's lifecycle.
 */
import { PingOneClient, type ClientOptions } from "../http/client";
import { currentTime } from "./clock";
import { resolveSettings, type ConfigSource, type ProviderSettings } from "./config";
import type { CheckFailure } from "./check";
import { excerpt } from "./excerpt";
import { findUnknown, UNKNOWN_SENTINEL, type Inputs } from "./values";

export interface LifecycleOptions {
  /** Environment to read `PINGONE_*` (and the clock's test hook) from; defaults to `process.env` at call time. */
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
}

/**
 * Thrown when PingOne did something but a follow-up failed (a created application's secret read,
 * a rotation whose outcome could not be settled): the engine records the resource with these
 * properties instead of losing what happened (`ErrorResourceInitFailed`, on create and update).
 */
export class ResourceInitError extends Error {
  override name = "ResourceInitError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Inputs,
    readonly reasons: string[] = [message],
  ) {
    super(message);
  }
}

/** The lifecycle's results, typed (the dynamic-provider interface types them as `any`). */
export interface CheckOutcome {
  inputs: Inputs;
  failures: CheckFailure[];
}
export interface DiffDecision {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface CreateOutcome {
  id: string;
  outs: Inputs;
}
export interface ReadOutcome {
  /** Empty when the object no longer exists. */
  id: string;
  props: Inputs;
}
export interface UpdateOutcome {
  outs: Inputs;
}

/**
 * Thrown by create and update, before any request, when an input still holds the engine's
 * placeholder for an unknown value. `check` lets the placeholder through because it cannot tell a
 * preview (where unknowns are normal) from an update; by create or update every value must be
 * known, so the placeholder here means a program set that literal text, and it must never reach
 * PingOne as if it were the value.
 */
export class UnknownInputError extends Error {
  override name = "UnknownInputError";
  constructor(
    readonly resource: string,
    readonly operation: "create application" | "update application" | "create application secret" | "update application secret",
    readonly property: string,
  ) {
    super(
      `${resource}: ${operation} refused before any request: ${property} is ${excerpt(UNKNOWN_SENTINEL)}, the engine's placeholder ` +
        `for a value that is unknown during preview; it cannot be sent to PingOne as a value. Set ${property} to a known value ` +
        `(if the program sets this text literally, change it).`,
    );
  }
}

/** Refuses inputs that still hold the unknown-value placeholder anywhere (see UnknownInputError). */
export function refuseUnknownInputs(inputs: Inputs, resource: string, operation: UnknownInputError["operation"]): void {
  const property = findUnknown(inputs);
  if (property !== undefined) throw new UnknownInputError(resource, operation, property);
}

export abstract class ProviderBase {
  /**
   * Closures, not fields: the engine's config (which holds `pingone:clientSecret` in plaintext) and
   * an injected environment must not show in a dump or JSON of the provider.
   */
  private readConfig: () => ConfigSource | undefined = () => undefined;
  protected readonly readEnv: () => NodeJS.ProcessEnv;
  private settingsCache: ProviderSettings | undefined;
  private readonly clientOptions: ClientOptions | undefined;

  constructor(options: LifecycleOptions = {}) {
    const env = options.env;
    this.readEnv = () => env ?? process.env;
    this.clientOptions = options.clientOptions;
  }

  /** Receives the stack config; credentials are resolved lazily so preview never needs them. */
  configure(request: { config: ConfigSource }): Promise<void> {
    const config = request.config;
    this.readConfig = () => config;
    this.settingsCache = undefined;
    return Promise.resolve();
  }

  protected settings(): ProviderSettings {
    this.settingsCache ??= resolveSettings(this.readConfig(), this.readEnv());
    return this.settingsCache;
  }

  protected client(): PingOneClient {
    return new PingOneClient(this.settings(), this.clientOptions);
  }

  /** Now, in epoch ms (the clock's test hook applies). */
  protected now(): number {
    return currentTime(this.readEnv());
  }
}
