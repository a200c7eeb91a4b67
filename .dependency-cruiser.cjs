/**
 * The layout's rules, checked by `npm run lint` (dependency-cruiser). docs/architecture.md
 * explains them:
 * - provider/, policy/ and emulator/ are peers standing on pingone/: each imports PingOne's facts
 *   from pingone/ and another wing only through its public entry;
 * - plugin/ (the provider plugin) serves provider/'s lifecycles; nothing else imports it;
 * - pingone/ imports nothing of this repository;
 * - a resource folder imports only the kernel, the HTTP layer, the registry, pingone/ and support;
 *   the grant and the assignment also share provider/application-access/, and the OidcClient
 *   component may use the resource classes it composes;
 * - the kernel and the HTTP layer never import a resource folder;
 * - nothing that ships imports test/, bench/ or demo/.
 */
const RESOURCE_FOLDERS = "(application|application-secret|resource-grant|sign-on-policy-assignment|oidc-client)";
const RESOURCE_CLASSES = `^provider/(application/application|application-secret/application-secret|resource-grant/resource-grant|sign-on-policy-assignment/sign-on-policy-assignment)\\.ts$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "pingone-is-the-floor",
      comment: "pingone/ holds PingOne's facts and imports nothing else of this repository.",
      severity: "error",
      from: { path: "^pingone/" },
      to: { path: "^(provider|plugin|policy|emulator|cli|scripts|bench|demo|test|examples)/" },
    },
    {
      name: "emulator-stands-on-pingone-only",
      comment: "The emulator stands in for PingOne: it may use pingone/ facts, never the provider's or the pack's code.",
      severity: "error",
      from: { path: "^emulator/" },
      to: { path: "^(provider|plugin|policy|cli)/" },
    },
    {
      name: "policy-uses-the-provider-public-entry",
      comment: "The pack judges resources through the provider's public entry (provider/index.ts and the registry), never its internals.",
      severity: "error",
      from: { path: "^policy/" },
      to: { path: "^(emulator|cli|plugin)/|^provider/(?!index\\.ts$|resources\\.ts$)" },
    },
    {
      name: "provider-does-not-use-peers",
      comment: "The provider talks to PingOne (or the emulator) over HTTP; it never imports the emulator or the pack.",
      severity: "error",
      from: { path: "^provider/" },
      to: { path: "^(emulator|plugin|policy|cli)/" },
    },
    {
      name: "resource-folders-are-independent",
      comment: "A resource folder uses the kernel, the HTTP layer, the registry and pingone/, not another resource's folder.",
      severity: "error",
      from: { path: `^provider/${RESOURCE_FOLDERS}/`, pathNot: "^provider/oidc-client/" },
      to: { path: `^provider/${RESOURCE_FOLDERS}/`, pathNot: "^provider/$1/" },
    },
    {
      name: "the-component-composes-resource-classes-only",
      comment: "OidcClient registers the resource classes; it does not reach into their lifecycles or checks.",
      severity: "error",
      from: { path: "^provider/oidc-client/" },
      to: { path: `^provider/${RESOURCE_FOLDERS}/`, pathNot: [RESOURCE_CLASSES, "^provider/oidc-client/"] },
    },
    {
      name: "application-access-serves-grants-and-assignments",
      comment: "provider/application-access/ is the grant's and the assignment's shared lifecycle; only those two folders use it.",
      severity: "error",
      from: { path: "^provider/", pathNot: "^provider/(application-access|resource-grant|sign-on-policy-assignment)/" },
      to: { path: "^provider/application-access/" },
    },
    {
      name: "application-access-is-kernel-level",
      comment: "The shared access lifecycle stands on the kernel, the HTTP layer and pingone/, never on a resource folder.",
      severity: "error",
      from: { path: "^provider/application-access/" },
      to: { path: `^provider/${RESOURCE_FOLDERS}/` },
    },
    {
      name: "kernel-and-http-know-no-resource",
      comment: "The kernel and the HTTP layer serve every resource, so they import none.",
      severity: "error",
      from: { path: "^provider/(kernel|http)/" },
      to: { path: `^provider/(${RESOURCE_FOLDERS.slice(1, -1)}|application-access)/` },
    },
    {
      name: "shipped-code-does-not-import-tests-or-tools",
      comment: "What the package ships (package.json files) must not load test, bench or demo code.",
      severity: "error",
      from: { path: "^(pingone|provider|plugin|policy|emulator|cli)/" },
      to: { path: "^(test|bench|demo|examples)/" },
    },
    {
      name: "no-circular",
      comment: "Module cycles make load order matter, and the dynamic-provider process loads entries by name.",
      severity: "error",
      from: { path: "^(pingone|provider|plugin|policy|emulator|cli)/" },
      // A cycle through type-only imports is erased at compile time and harmless.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
