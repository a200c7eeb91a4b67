/**
 * The policy pack's entry point: it only assembles the rules from the registry and constructs
 * the `PolicyPack`. Constructing a PolicyPack starts the analyzer's gRPC server, so nothing else
 * (and no test) may import this module; tests import `./rules` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./rules";

new PolicyPack("pingone-oauth-guardrails", {
  displayName: "PingOne OAuth 2.0 / OIDC guardrails",
  description:
    "Blocks insecure OAuth 2.0 / OpenID Connect client configurations of PingOne applications " +
    "(RFC 9700, OAuth 2.1, RFC 8252, RFC 7636, FAPI 2.0 for apps that opt in).",
  provider: "pingone",
  tags: ["pingone", "oauth", "oidc", "security"],
  policies: buildPolicies(),
});
