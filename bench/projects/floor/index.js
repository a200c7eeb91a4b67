// The engine's floor for the scaling benchmark (bench/scaling.ts): `count` dynamic resources on
// the same engine, serialization path and dynamic-provider host as pulumi-pingone's Application,
// with a minimal provider whose create, read, update and delete only sleep 100 ms (about one
// request plus one follow-up request at the benchmark's 50 ms latency). No check and no diff:
// the engine compares the inputs itself. The first `changed` resources get the value `suffix`.
"use strict";
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const changed = config.getNumber("changed") || 0;
const suffix = config.get("suffix") || "";

const provider = {
  async create(inputs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { id: require("crypto").randomUUID(), outs: inputs };
  },
  async read(id, props) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { id, props };
  },
  async update(_id, _olds, news) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { outs: news };
  },
  async delete() {
    await new Promise((resolve) => setTimeout(resolve, 100));
  },
};

class Floor extends pulumi.dynamic.Resource {
  constructor(name, props, opts) {
    super(provider, name, props, opts, "bench", "Floor");
  }
}

for (let i = 0; i < count; i++) {
  const id = String(i).padStart(4, "0");
  new Floor(`floor-${id}`, { value: i < changed ? suffix : "initial" });
}
