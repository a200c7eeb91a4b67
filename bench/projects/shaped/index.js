// The engine's floor for a resource of an Application's shape (bench/scaling.ts, "same-shape
// floor"): `count` resources registered through this package's own resource base class, with the
// same arguments, the same declared outputs (53) and the same secret output as an Application, but a
// provider (dist/bench/shaped-provider.js) that only sleeps 100 ms and answers with the outputs
// of a real Application recorded at the start of the benchmark. What this stack costs beyond the
// plain floor is Pulumi's price for the shape; what the package costs beyond this stack is the
// package's own. Config: `repo` (this repository's root), `outputKeys` (the recorded outputs' keys), and
// `app`, `count`, `changed`, `suffix` as for bench/projects/app.
"use strict";
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const repo = config.require("repo");
const { PackageResource } = require(`${repo}/dist/provider/kernel/package-resource.js`);
const { resourceProps } = require(`${repo}/dist/provider/kernel/resource-props.js`);
const count = config.requireNumber("count");
const changed = config.getNumber("changed") || 0;
const suffix = config.get("suffix") || "";
const app = config.requireObject("app");
// Every output an Application declares (its class registers them all), and any the recorded outputs add.
const { APPLICATION_DECLARED_OUTPUTS } = require(`${repo}/dist/provider/application/application.js`);
const declaredOutputs = [...new Set([...APPLICATION_DECLARED_OUTPUTS, ...config.requireObject("outputKeys")])];

class Shaped extends PackageResource {
  constructor(name, args) {
    super(`${repo}/dist/bench/shaped-provider.js`, "Shaped", name, resourceProps(declaredOutputs, args, name), { additionalSecretOutputs: ["clientSecret"] });
  }
}

for (let i = 0; i < count; i++) {
  const id = String(i).padStart(4, "0");
  const description = i < changed ? `${app.description} (${suffix})` : app.description;
  new Shaped(`shaped-${id}`, { ...app, name: `bench-${id}`, description });
}
