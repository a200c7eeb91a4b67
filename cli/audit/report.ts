/**
 * `audit`'s output: a table for people, JSON for programs, and SARIF 2.1.0 for code-scanning
 * dashboards. In SARIF, `ruleId` is the rule's catalogue code, `level` is `error` for a mandatory
 * finding and `warning` for an advisory one, `helpUri` is the rule's specification source, the
 * message is the finding's problem, requirement and fix, and the location is a logical location
 * `environment/app-name (app-id)`, or the program's file and line with `--program`.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import type { Finding, Unjudged } from "../../policy/evaluate";
import { PACKAGE_NAME } from "../../provider/resources";
import type { SkippedApplication } from "../adopt/environment";
import type { AuditedResource } from "./resources";

/** The SARIF version and the schema it validates against (vendored in test/fixtures/sarif for the test). */
export const SARIF_VERSION = "2.1.0";
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export type AuditFormat = "table" | "json" | "sarif";
export const AUDIT_FORMATS: readonly AuditFormat[] = ["table", "json", "sarif"];

export interface AuditReport {
  /** Where the resources came from: an environment id, or an export file. */
  source: string;
  resources: number;
  findings: Finding[];
  unjudged: Unjudged[];
  skipped: SkippedApplication[];
}

function audited(finding: Finding): AuditedResource {
  return finding.resource as AuditedResource;
}

/** Where a finding points, in words: `environment/app-name (app-id)`. */
export function logicalLocation(resource: AuditedResource): string {
  return `${resource.environmentId}/${resource.applicationName} (${resource.applicationId})`;
}

/** Findings, mandatory ones first, then by rule code and application. */
function ordered(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(b.level === "mandatory") - Number(a.level === "mandatory") ||
      a.policy.code.localeCompare(b.policy.code) ||
      audited(a).applicationName.localeCompare(audited(b).applicationName) ||
      a.resource.name.localeCompare(b.resource.name),
  );
}

export function renderTable(report: AuditReport): string {
  const findings = ordered(report.findings);
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  const lines = [`audit of ${report.source}: ${report.resources} resources, ${mandatory} mandatory and ${findings.length - mandatory} advisory findings`];
  for (const s of report.skipped) lines.push(`skipped  ${JSON.stringify(s.name)} (${s.id}): ${s.reason}`);
  for (const f of findings) {
    lines.push(
      `${f.level === "mandatory" ? "MANDATORY" : "advisory "}  ${f.policy.code.padEnd(4)} ${f.policy.name}  ${logicalLocation(audited(f))}  [${f.resource.name}]`,
    );
    lines.push(`           ${f.message}`);
  }
  for (const u of report.unjudged) lines.push(`not judged  ${u.policy.code} ${u.policy.name}${u.resource ? ` on ${u.resource.name}` : ""}: ${u.reason}`);
  return `${lines.join("\n")}\n`;
}

export function renderJson(report: AuditReport): string {
  const findings = ordered(report.findings).map((f) => ({
    code: f.policy.code,
    rule: f.policy.name,
    level: f.level,
    severity: f.policy.severity,
    resource: { type: f.resource.type, name: f.resource.name },
    application: { environmentId: audited(f).environmentId, id: audited(f).applicationId, name: audited(f).applicationName },
    message: f.message,
    helpUri: f.policy.url,
  }));
  return `${JSON.stringify(
    {
      source: report.source,
      resources: report.resources,
      findings,
      notJudged: report.unjudged.map((u) => ({ code: u.policy.code, rule: u.policy.name, resource: u.resource?.name, reason: u.reason })),
      skipped: report.skipped,
    },
    null,
    2,
  )}\n`;
}

/** Where a resource is declared in a program file: the first line that names it as a resource. */
function programLine(program: { uri: string; text: string } | undefined, name: string): number | undefined {
  if (program === undefined) return undefined;
  const needle = `(${JSON.stringify(name)},`;
  const index = program.text.split("\n").findIndex((line) => line.includes(needle));
  return index < 0 ? undefined : index + 1;
}

export function renderSarif(report: AuditReport, version: string, program?: { uri: string; text: string }): string {
  const findings = ordered(report.findings);
  const policies = [...new Map(findings.map((f) => [f.policy.name, f.policy])).values()];
  const rules = policies.map((p) => ({
    id: p.code,
    name: p.name,
    shortDescription: { text: p.description },
    helpUri: p.url,
    defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: { tags: p.tags ?? [], severity: p.severity },
  }));
  const results = findings.map((f) => {
    const line = programLine(program, f.resource.name);
    const location =
      line === undefined || program === undefined
        ? { logicalLocations: [{ fullyQualifiedName: logicalLocation(audited(f)), kind: "resource" }] }
        : {
            physicalLocation: { artifactLocation: { uri: program.uri }, region: { startLine: line } },
            logicalLocations: [{ fullyQualifiedName: logicalLocation(audited(f)), kind: "resource" }],
          };
    return {
      ruleId: f.policy.code,
      ruleIndex: policies.indexOf(f.policy),
      level: f.level === "mandatory" ? "error" : "warning",
      message: { text: f.message },
      locations: [location],
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [{ tool: { driver: { name: `${PACKAGE_NAME} audit`, version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
