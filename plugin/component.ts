/**
 * The provider plugin's `OidcClient`: a component the engine asks the plugin to build
 * (`construct`), so that a YAML, Go, Python or .NET program declares one resource and gets the
 * application, its openid grant and its sign-on policy assignment. The children are this plugin's
 * own custom resources, registered by their `pingone-oidc:index:*` tokens, and served by the
 * plugin's lifecycles as if the program had declared them. What is declared, and from which
 * options, is `declareOidcClient`, the TypeScript component's own.
 *
 * The engine hands `construct` the program's inputs as the Node SDK deserializes them
 * (sdk/nodejs/provider/server.ts `deserializeInputs`): values that depend on no resource arrive
 * plain, so the grant is decided from them as in a TypeScript program; values that depend on a
 * resource arrive as Outputs, and then the default grant is declared (see `planScopes`).
 */
import * as pulumi from "@pulumi/pulumi";
import { APPLICATION_DECLARED_OUTPUTS, type ApplicationArgs } from "../provider/application/application";
import { APPLICATION_PROPERTY_NAMES } from "../provider/application/properties";
import { fieldsOf } from "../provider/oidc-client/options";
import { declareOidcClient, type OidcClientApplication, type OidcClientArgs, type OidcClientChildTypes } from "../provider/oidc-client/declare";
import { pluginTypeToken, secretOutputsOf, type CustomResourceType } from "../provider/resources";
import { PLUGIN_OIDC_CLIENT_OUTPUTS, PLUGIN_OIDC_CLIENT_TOKEN } from "./schema";

type OidcClientState = Record<(typeof PLUGIN_OIDC_CLIENT_OUTPUTS)[number], pulumi.Input<unknown>>;

/** One of the plugin's custom resources, registered by its token: the engine serves it through the plugin. */
class PluginResource extends pulumi.CustomResource {
  declare readonly id: pulumi.Output<string>;
  constructor(type: CustomResourceType, name: string, props: object, opts: pulumi.CustomResourceOptions) {
    super(pluginTypeToken(type), name, { ...props }, { ...opts, additionalSecretOutputs: [...secretOutputsOf(type)] });
  }
}

class PluginApplication extends PluginResource implements OidcClientApplication {
  declare readonly environmentId: pulumi.Output<string>;
  declare readonly clientId: pulumi.Output<string>;
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  declare readonly secretLink: pulumi.Output<string | undefined>;
  constructor(name: string, args: ApplicationArgs, opts: pulumi.CustomResourceOptions) {
    // Every output seeded as undefined: the SDK exposes only the keys of the props it registers.
    super("Application", name, { ...Object.fromEntries(APPLICATION_DECLARED_OUTPUTS.map((key) => [key, undefined])), ...args }, opts);
  }
}

function childTypes(defaultAuthUrl: () => string): OidcClientChildTypes<PluginApplication, PluginResource, PluginResource> {
  return {
    application: (name, args, opts) => new PluginApplication(name, args, opts),
    grant: (name, args, opts) => new PluginResource("ApplicationResourceGrant", name, args, opts),
    signOnPolicyAssignment: (name, args, opts) => new PluginResource("ApplicationSignOnPolicyAssignment", name, args, opts),
    defaultAuthUrl,
  };
}

/**
 * `application` as an object of properties. Given whole as an Output (a secret, or a value that
 * depended on a resource and was not sent as an object of output values), each property becomes
 * an Output of its own: the Application's properties are known by name, and the child must be
 * registered with its keys.
 */
export function applicationArgs(application: unknown): ApplicationArgs {
  if (pulumi.Output.isInstance(application)) return fieldsOf(application, APPLICATION_PROPERTY_NAMES) as ApplicationArgs;
  if (typeof application !== "object" || application === null || Array.isArray(application)) {
    throw new pulumi.InputPropertyError({ propertyPath: "application", reason: "application must be an object of the Application's properties" });
  }
  return application as ApplicationArgs;
}

/** The component itself, in the plugin's process: registered under the URN the engine asked for. */
export class PluginOidcClient extends pulumi.ComponentResource {
  readonly state: OidcClientState;

  constructor(name: string, inputs: pulumi.Inputs, opts: pulumi.ComponentResourceOptions, defaultAuthUrl: () => string) {
    super(PLUGIN_OIDC_CLIENT_TOKEN, name, {}, opts);
    const args = { ...inputs, application: applicationArgs(inputs.application) } as OidcClientArgs;
    const parts = declareOidcClient(this, name, args, childTypes(defaultAuthUrl));
    this.state = {
      applicationId: parts.application.id,
      // null, not undefined: an output left out reads as still to be computed in a preview (YAML
      // shows `[unknown]`), where a client without a grant or an assignment knows it has none.
      grantId: parts.grant?.id ?? null,
      signOnPolicyAssignmentId: parts.signOnPolicyAssignment?.id ?? null,
      clientId: parts.clientId,
      clientSecret: parts.clientSecret,
      secretLink: parts.secretLink,
      scopes: parts.scopes,
      issuer: parts.issuer,
      discoveryUrl: parts.discoveryUrl,
      authorizationEndpoint: parts.authorizationEndpoint,
      tokenEndpoint: parts.tokenEndpoint,
      userinfoEndpoint: parts.userinfoEndpoint,
      jwksUri: parts.jwksUri,
      endSessionEndpoint: parts.endSessionEndpoint,
    };
    this.registerOutputs(this.state);
  }
}
