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
