/**
 * The pack's policies run by `@pulumi/policy`'s own analyzer service, as the engine calls it at
 * `pulumi preview`: `makeAnalyzeRpcFun` (one resource) and `makeAnalyzeStackRpcFun` (the stack),
 * from its server.js, fed the protobuf requests the engine sends (`analyzer_pb`). Unlike the
 * harness in ./harness.ts this is the framework's code, not a copy of it: the props are
 * deserialized and proxied, levels resolved, not-applicable and unknown values handled by it.
 * No pack config is set, so every policy runs at its default level with its default parameters.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { allPolicies } from "../../policy/rules";
import type { StackResource } from "../fixtures/bridge-stacks";

/** server.js's exports, which its d.ts keeps internal. */
interface AnalyzerServer {
  makeAnalyzeRpcFun: (pack: string, version: string, level: string, policies: readonly object[]) => RpcFun<analyzerProto.AnalyzeRequest>;
  makeAnalyzeStackRpcFun: (pack: string, version: string, level: string, policies: readonly object[]) => RpcFun<analyzerProto.AnalyzeStackRequest>;
}
type RpcFun<Req> = (call: { request: Req }, callback: (error: unknown, response?: analyzerProto.AnalyzeResponse) => void) => Promise<void>;

const server = require("@pulumi/policy/server") as AnalyzerServer;
const PACK = "pingone-oauth-guardrails";
const LEVELS: Record<number, string> = {
  [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
  [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
};

/** One diagnostic the analyzer returned. */
export interface Diagnostic {
  readonly policy: string;
  readonly level: string;
  readonly message: string;
  /** The resource's name (the stack rules name the resource they report on). */
  readonly resource: string;
}

const urnOf = (r: StackResource): string => `urn:pulumi:test::bridge::${r.type}::${r.name}`;

function analyzerResource<T extends analyzerProto.AnalyzerResource | analyzerProto.AnalyzeRequest>(message: T, r: StackResource): T {
  message.setType(r.type);
  message.setName(r.name);
  message.setUrn(urnOf(r));
  message.setProperties(Struct.fromJavaScript(r.props as Parameters<typeof Struct.fromJavaScript>[0]));
  message.setOptions(new analyzerProto.AnalyzerResourceOptions());
  return message;
}

function call<Req>(fun: RpcFun<Req>, request: Req): Promise<analyzerProto.AnalyzeResponse> {
  return new Promise((resolve, reject) => {
    void fun({ request }, (error, response) =>
      error ? reject(error instanceof Error ? error : new Error("the analyzer failed")) : resolve(response as analyzerProto.AnalyzeResponse),
    );
  });
}

function diagnostics(response: analyzerProto.AnalyzeResponse, nameOf: (urn: string) => string): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()] ?? String(d.getEnforcementlevel()),
    message: d.getMessage(),
    resource: nameOf(d.getUrn()),
  }));
}

/** Every diagnostic of the pack on the stack: each resource analysed alone, then the stack. */
export async function analyze(resources: readonly StackResource[]): Promise<Diagnostic[]> {
  const analyzeOne = server.makeAnalyzeRpcFun(PACK, "0.0.0", "advisory", allPolicies);
  const analyzeStack = server.makeAnalyzeStackRpcFun(PACK, "0.0.0", "advisory", allPolicies);
  const out: Diagnostic[] = [];
  for (const r of resources) out.push(...diagnostics(await call(analyzeOne, analyzerResource(new analyzerProto.AnalyzeRequest(), r)), () => r.name));
  const stack = new analyzerProto.AnalyzeStackRequest();
  stack.setResourcesList(
    resources.map((r) => {
      const resource = analyzerResource(new analyzerProto.AnalyzerResource(), r);
      const app = resources.find((other) => other.name === r.applicationFrom);
      if (app !== undefined) {
        resource.setDependenciesList([urnOf(app)]);
        resource.getPropertydependenciesMap().set("applicationId", new analyzerProto.AnalyzerPropertyDependencies().setUrnsList([urnOf(app)]));
      }
      return resource;
    }),
  );
  const byUrn = new Map(resources.map((r) => [urnOf(r), r.name]));
  out.push(...diagnostics(await call(analyzeStack, stack), (urn) => byUrn.get(urn) ?? urn));
  return out;
}
