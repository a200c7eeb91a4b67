/** The Pulumi dynamic-provider host's face of a resource's lifecycle: the only kernel module that knows that host. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CheckOutcome, CreateOutcome, DiffDecision, ReadOutcome, ResourceLifecycle, UpdateOutcome } from "./lifecycle";
import type { Inputs } from "./values";

/**
 * What a package entry exports (`module.exports`), and so what the serialized provider's `handler`
 * returns: the host calls `configure` once per process, then `check`, `diff`, `create`, `read`,
 * `update` and `delete`, each passed to the lifecycle as it came. One instance per entry and
 * process, so every resource of a type shares its token cache and settings.
 * @see serializedProvider (./shim.ts), the text that requires the entry
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/dynamic-provider/index.ts (the host)
 */
export class DynamicProvider implements dynamic.ResourceProvider<Inputs, Inputs> {
  constructor(private readonly lifecycle: ResourceLifecycle) {}

  configure(request: dynamic.ConfigureRequest): Promise<void> {
    return this.lifecycle.configure({ config: request.config });
  }

  check(olds: Inputs, news: Inputs): Promise<CheckOutcome> {
    return this.lifecycle.check(olds, news);
  }

  diff(id: string, olds: Inputs, news: Inputs): Promise<DiffDecision> {
    return this.lifecycle.diff(id, olds, news);
  }

  create(inputs: Inputs): Promise<CreateOutcome> {
    return this.lifecycle.create(inputs);
  }

  /** The host's interface makes `props` optional; it always passes the state's. */
  read(id: string, props: Inputs = {}): Promise<ReadOutcome> {
    return this.lifecycle.read(id, props);
  }

  update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome> {
    return this.lifecycle.update(id, olds, news);
  }

  delete(id: string, props: Inputs): Promise<void> {
    return this.lifecycle.delete(id, props);
  }
}

/** Where the host keeps the serialized provider, in a resource's inputs and outputs alike. */
export const PROVIDER_KEY = "__provider";

/**
 * The inputs and outputs the host records in state after `check` and `create`: the lifecycle's
 * checked inputs and create outputs, each with the serialized provider copied from the registered
 * inputs (the host's `check` sets `inputs.__provider = news.__provider`, and `resultIncludingProvider`
 * adds it to what `create` returns). An entry of a `pulumi import --file` file with inputs and
 * outputs becomes the state as it is, without `read`, so `pulumi-pingone adopt` writes this.
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/sdk/nodejs/cmd/dynamic-provider/index.ts (`check`, `resultIncludingProvider`)
 */
export function hostRecordedState(registered: Inputs, checked: Inputs, outs: Inputs): { inputs: Inputs; outputs: Inputs } {
  const provider = registered[PROVIDER_KEY];
  return { inputs: { ...checked, [PROVIDER_KEY]: provider }, outputs: { ...outs, [PROVIDER_KEY]: provider } };
}
