/**
 * The resource classes' registration cost in the program: the SDK records a stack trace with each
 * of its per-property bookkeeping promises, and under source-map support (which every Pulumi
 * program runs with) each trace is expensive. Registering an Application must not format a trace
 * per property, must leave `Error.stackTraceLimit` as it found it, and an error the SDK throws
 * while registering must still carry the caller's stack.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Application, ApplicationSecret, type ApplicationArgs } from "../../provider";

const ARGS: ApplicationArgs = {
  type: "WEB_APP",
  grantTypes: ["AUTHORIZATION_CODE"],
  responseTypes: ["CODE"],
  redirectUris: ["https://app.example.com/cb"],
  tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
};

/** How many stack traces with at least one frame get formatted while `fn` runs (what source-map support pays for). */
function tracesFormatted(fn: () => void): number {
  const previous = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
  let count = 0;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
    if (frames.length > 0) count += 1;
    return `${error.name}: ${error.message}\n${frames.map((f) => `    at ${f.getFileName() ?? "?"}:${f.getLineNumber() ?? 0}`).join("\n")}`;
  };
  try {
    fn();
  } finally {
    if (previous) Object.defineProperty(Error, "prepareStackTrace", previous);
    else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  }
  return count;
}

describe("resource registration in the program", () => {
  before(() => {
    pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }), call: () => ({}) },
      "registration",
      "spec",
      false,
    );
  });

  it("an Application (53 properties) formats a handful of stack traces, not one per bookkeeping promise", () => {
    let app: Application | undefined;
    const traces = tracesFormatted(() => {
      app = new Application("traces", ARGS);
    });
    assert.ok(app);
    // The SDK's own source position for the engine is one trace; 4 promises × 53 properties were 212 more.
    assert.ok(traces <= 5, `${traces} stack traces formatted while registering one Application`);
  });

  it("Error.stackTraceLimit is as it was, after a registration and after one that throws", () => {
    const saved = Error.stackTraceLimit;
    Error.stackTraceLimit = 17;
    try {
      new ApplicationSecret("limit", { applicationId: "app" });
      assert.equal(Error.stackTraceLimit, 17);
      assert.throws(() => new Application(undefined as unknown as string, ARGS));
      assert.equal(Error.stackTraceLimit, 17);
    } finally {
      Error.stackTraceLimit = saved;
    }
  });

  it("an error the SDK throws while registering carries the message and the caller's stack", () => {
    let caught: unknown;
    try {
      new Application(undefined as unknown as string, ARGS);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof Error);
    assert.match(caught.message, /name/i);
    assert.match(String(caught.stack), /package-resource\.spec/, "the stack reaches the program line that made the resource");
  });
});
