/**
 * A resource's lifecycle, host-neutral: check, diff, create, read, update and delete over plain
 * inputs, with typed outcomes. Nothing here knows which host calls it; `dynamic-provider.ts` is
 * the Pulumi dynamic-provider host's face of it.
 */
import { PingOneClient, type ClientOptions } from "../http/client";
import type { CheckFailure } from "./check";
import { currentTime } from "./clock";
import { resolveSettings, type ConfigSource, type ProviderSettings } from "./config";
import { isGone, RESOURCE_NOUNS, UnknownInputError, type ResourceKind } from "./errors";
import { findUnknown, type Inputs } from "./values";

/**
 * What a lifecycle is built with; tests inject the environment and the client's options.
 * @see LifecycleBase
 */
export interface LifecycleOptions {
  /** Environment to read `PINGONE_*` (and the clock's test hook) from; defaults to `process.env` at call time. */
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
}

/**
 * `check`'s outcome: the inputs with the provider's defaults, and what PingOne would refuse.
 * @see InputChecks
 */
export interface CheckOutcome {
  inputs: Inputs;
  failures: CheckFailure[];
}

/** `diff`'s outcome: whether anything changes, and which properties need a new object. */
export interface DiffDecision {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** `create`'s outcome: the new object's id and the outputs to record. */
export interface CreateOutcome {
  id: string;
  outs: Inputs;
}

/** `read`'s outcome: the object as PingOne holds it, or `gone()`. */
export interface ReadOutcome {
  /** Empty when the object no longer exists. */
  id: string;
  props: Inputs;
}

/** `update`'s outcome: the outputs to record. */
export interface UpdateOutcome {
  outs: Inputs;
}

/**
 * The lifecycle every resource implements, whatever host calls it (the dynamic-provider host
 * today; a provider plugin with a schema could call the same methods).
 * @see DynamicProvider, the dynamic-provider host's adapter
 * @see https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/ (the operations' meaning)
 */
export interface ResourceLifecycle {
  /** Receives the stack config; nothing is resolved until an operation needs it. */
  configure(request: { config: ConfigSource }): Promise<void>;
  check(olds: Inputs, news: Inputs): Promise<CheckOutcome>;
  diff(id: string, olds: Inputs, news: Inputs): Promise<DiffDecision>;
  create(inputs: Inputs): Promise<CreateOutcome>;
  read(id: string, props: Inputs): Promise<ReadOutcome>;
  update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome>;
  delete(id: string, props: Inputs): Promise<void>;
}

/** Longest resource name a message quotes in full. */
const MAX_LABEL_NAME_LENGTH = 100;

/**
 * How every message names a resource: `pingone:<kind> "<name>"` (`?` when the name is unknown).
 * @see InputChecks, whose failures start with it
 */
export function resourceLabel(kind: ResourceKind, name: string | undefined): string {
  const shown = name === undefined ? "?" : name.length > MAX_LABEL_NAME_LENGTH ? `${name.slice(0, MAX_LABEL_NAME_LENGTH)}…` : name;
  return `pingone:${kind} "${shown}"`;
}

/**
 * Plain properties, whatever the engine passed (null, a string, a list...).
 * @see LifecycleBase.withDefaults
 */
export function asInputs(value: unknown): Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Inputs) : {};
}

/**
 * `read`'s outcome for an object that no longer exists: the engine drops it from state, and the
 * next `up` creates it again. A fresh object each time (the host adds `__provider` to it).
 * @see readUnlessGone
 */
export function gone(): ReadOutcome {
  return { id: "", props: {} };
}

/**
 * What `read` returns, or undefined when PingOne proved the object gone (its own NOT_FOUND while
 * the environment still answers). Any other failure, any other 404 included, is thrown: the
 * resource stays in state.
 * @see isGone
 */
export async function readUnlessGone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/**
 * What every resource's lifecycle shares: the engine's config and the environment kept in
 * closures, settings resolved lazily (so preview never needs credentials), a client per
 * operation, the clock, check's defaults, labels, and the refusal of unknown placeholders.
 * @see ResourceLifecycle
 */
export abstract class LifecycleBase implements ResourceLifecycle {
  /** The Pulumi resource type within the `pingone` module: messages and errors name it. */
  protected abstract readonly resourceKind: ResourceKind;

  /**
   * Closures, not fields: the engine's config (which holds `pingone:clientSecret` in plaintext) and
   * an injected environment must not show in a dump or JSON of the lifecycle.
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

  abstract check(olds: Inputs, news: Inputs): Promise<CheckOutcome>;
  abstract diff(id: string, olds: Inputs, news: Inputs): Promise<DiffDecision>;
  abstract create(inputs: Inputs): Promise<CreateOutcome>;
  abstract read(id: string, props: Inputs): Promise<ReadOutcome>;
  abstract update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome>;
  abstract delete(id: string, props: Inputs): Promise<void>;

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

  /** The Pulumi resource's name, as the resource class passes it (`__autoname`). */
  protected resourceName(values: Inputs): string | undefined {
    return typeof values.__autoname === "string" ? values.__autoname : undefined;
  }

  /** How messages name this resource. */
  protected label(values: Inputs): string {
    return resourceLabel(this.resourceKind, this.resourceName(values));
  }

  /**
   * `check`'s inputs: the program's properties with the provider's defaults for those it left
   * unset (its environment, and `defaults`), and with no property left `undefined`.
   */
  protected withDefaults(news: Inputs, defaults: Inputs = {}): Inputs {
    const inputs: Inputs = { ...asInputs(news) };
    for (const [key, value] of Object.entries({ ...defaults, environmentId: this.settings().environmentId })) inputs[key] ??= value;
    for (const key of Object.keys(inputs)) if (inputs[key] === undefined) delete inputs[key];
    return inputs;
  }

  /**
   * Refuses, before any request, inputs that still hold the engine's unknown-value placeholder
   * anywhere (see UnknownInputError).
   */
  protected refuseUnknowns(inputs: Inputs, operation: "create" | "update"): void {
    const property = findUnknown(inputs);
    if (property !== undefined) throw new UnknownInputError(this.label(inputs), `${operation} ${RESOURCE_NOUNS[this.resourceKind]}`, property);
  }
}
