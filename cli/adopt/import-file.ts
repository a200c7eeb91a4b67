/**
 * The import file `adopt` writes, for `pulumi import --file <f> --generate-code=false`: one entry per
 * declaration, whose `inputs` and `outputs` the engine takes as the resource's state as they are,
 * without calling `read` (Pulumi CLI 3.254 and later). Each entry is computed by the provider's own
 * code: `check` gives the inputs from what the program registers, the lifecycle's
 * `createdOutputs` (which `create` itself returns) gives the outputs, and the dynamic-provider
 * host's bookkeeping (`__provider`) is added by `hostRecordedState`. So the state after the import
 * is the state a create would have written, and the program previews with no change.
 *
 * No secret is written. Where the state holds a secret (`Application.clientSecret`,
 * `ApplicationSecret.secret` and `previousSecret`), the entry holds a Pulumi secret whose value is
 * `null`: the engine stores it encrypted, a later `read` (`pulumi refresh`) replaces it with
 * PingOne's value, and the engine keeps a value secret when the state it read held a secret there,
 * so the real secret is encrypted even when `pulumi refresh` runs before any `pulumi up`.
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/pkg/cmd/pulumi/operations/import.go (`importSpec`: `inputs`, `outputs`)
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/pkg/resource/plugin/provider_plugin.go (`Read`: `annotateSecrets(newState, req.State)`)
 */
import type { ApplicationSecretAnswer } from "../../provider/http/client";
import { ApplicationSecretLifecycle } from "../../provider/application-secret/lifecycle";
import { ApplicationLifecycle, keepsClientSecret } from "../../provider/application/lifecycle";
import type { AccessLifecycle } from "../../provider/application-access/lifecycle";
import type { ConfigSource } from "../../provider/kernel/config";
import { hostRecordedState } from "../../provider/kernel/dynamic-provider";
import type { LifecycleBase } from "../../provider/kernel/lifecycle";
import { resourceProps } from "../../provider/kernel/resource-props";
import { serializedProvider } from "../../provider/kernel/shim";
import type { Inputs } from "../../provider/kernel/values";
import { ApplicationResourceGrantLifecycle } from "../../provider/resource-grant/lifecycle";
import { dynamicTypeToken, providerModule, secretOutputsOf } from "../../provider/resources";
import { ApplicationSignOnPolicyAssignmentLifecycle } from "../../provider/sign-on-policy-assignment/lifecycle";
import type { AccessRecord } from "../../provider/http/client";
import { CliError } from "../errors";
import { resolved, type Declaration } from "./declarations";

/**
 * Pulumi's mark of a secret value in serialized state: `{ [SECRET_SIG_KEY]: SECRET_SIG, plaintext | ciphertext }`.
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/sdk/go/common/resource/sig/sig.go (`Key`, `Secret`)
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/pkg/resource/stack/deployment.go (`plaintext` is JSON text)
 */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A Pulumi secret of `null`: where the state keeps a secret that PingOne fills at the first refresh. */
export const SECRET_PLACEHOLDER = { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: "null" } as const;

/** One entry of a `pulumi import --file` file. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
  inputs: Inputs;
  outputs: Inputs;
}

/** The file: `{ resources: [...] }`. */
export interface ImportFile {
  resources: ImportEntry[];
}

/** The lifecycles the entries are computed with, configured as the provider would be. */
export class EntryLifecycles {
  readonly application: ApplicationLifecycle;
  readonly secret: ApplicationSecretLifecycle;
  readonly grant: ApplicationResourceGrantLifecycle;
  readonly assignment: ApplicationSignOnPolicyAssignmentLifecycle;

  constructor(env: NodeJS.ProcessEnv, config: ConfigSource | undefined) {
    this.application = new ApplicationLifecycle({ env });
    this.secret = new ApplicationSecretLifecycle({ env });
    this.grant = new ApplicationResourceGrantLifecycle({ env });
    this.assignment = new ApplicationSignOnPolicyAssignmentLifecycle({ env });
    if (config !== undefined) for (const lifecycle of this.all()) void lifecycle.configure({ config });
  }

  private all(): LifecycleBase[] {
    return [this.application, this.secret, this.grant, this.assignment];
  }
}

/** What the resource class registers for these arguments: the props, the resource name (`__autoname`) and the serialized provider. */
function registered(declaration: Declaration): Inputs {
  const args = resolved(declaration.args) as Inputs;
  const props = resourceProps([], args, declaration.resourceName);
  return { ...props, __provider: serializedProvider(providerModule(declaration.type)) };
}

/** `check`'s inputs, or an error saying why (the caller lists the application with it). */
async function checked(lifecycle: LifecycleBase, declaration: Declaration, props: Inputs): Promise<Inputs> {
  const { inputs, failures } = await lifecycle.check({}, props);
  if (failures.length === 0) return inputs;
  throw new CliError(
    "ERR_ADOPT_REFUSED",
    `the provider's check refuses its ${declaration.type} as PingOne holds it, so it cannot be adopted as it is: ${failures
      .slice(0, 5)
      .map((f) => f.reason)
      .join("; ")}`,
  );
}

/** Replaces each secret output that holds a value with the placeholder. */
function withoutSecrets(type: Declaration["type"], outputs: Inputs): Inputs {
  const out: Inputs = { ...outputs };
  for (const key of secretOutputsOf(type)) if (out[key] !== undefined) out[key] = SECRET_PLACEHOLDER;
  return out;
}

/** The import entry of one declaration. */
export async function importEntry(declaration: Declaration, lifecycles: EntryLifecycles): Promise<ImportEntry> {
  const props = registered(declaration);
  const { live } = declaration;
  let inputs: Inputs;
  let outs: Inputs;
  switch (declaration.type) {
    case "Application": {
      inputs = await checked(lifecycles.application, declaration, props);
      outs = lifecycles.application.createdOutputs(live.app, inputs, undefined);
      if (keepsClientSecret(live.app, inputs)) outs.clientSecret = SECRET_PLACEHOLDER;
      break;
    }
    case "ApplicationSecret": {
      inputs = await checked(lifecycles.secret, declaration, props);
      outs = lifecycles.secret.createdOutputs(inputs, live.secret as ApplicationSecretAnswer);
      break;
    }
    case "ApplicationResourceGrant":
    case "ApplicationSignOnPolicyAssignment": {
      const lifecycle: AccessLifecycle = declaration.type === "ApplicationResourceGrant" ? lifecycles.grant : lifecycles.assignment;
      inputs = await checked(lifecycle, declaration, props);
      const records: AccessRecord[] = declaration.type === "ApplicationResourceGrant" ? live.grants : live.assignments;
      const record = records.find((r) => r.id === declaration.id) as AccessRecord;
      outs = await lifecycle.createdOutputs(inputs, record);
      break;
    }
  }
  const state = hostRecordedState(props, inputs, outs);
  return {
    type: dynamicTypeToken(declaration.type),
    name: declaration.resourceName,
    id: declaration.id,
    inputs: state.inputs,
    outputs: withoutSecrets(declaration.type, state.outputs),
  };
}

/** The import file of every declaration, in order. */
export async function importFile(declarations: readonly Declaration[], lifecycles: EntryLifecycles): Promise<ImportFile> {
  const resources: ImportEntry[] = [];
  for (const declaration of declarations) resources.push(await importEntry(declaration, lifecycles));
  return { resources };
}
