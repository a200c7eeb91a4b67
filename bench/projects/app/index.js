// Scaling benchmark program (bench/scaling.ts): `count` Applications, each with the settings of
// stack config `app` and its own name; the first `changed` get ` (<suffix>)` after their
// description, so one config change updates one application or all of them. No stack outputs:
// the state holds only what the resources themselves need.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { Application } = require("pulumi-pingone");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const changed = config.getNumber("changed") || 0;
const suffix = config.get("suffix") || "";
const app = config.requireObject("app");
for (let i = 0; i < count; i++) {
  const id = String(i).padStart(4, "0");
  const description = i < changed ? `${app.description} (${suffix})` : app.description;
  new Application(`app-${id}`, { ...app, name: `bench-${id}`, description });
}
