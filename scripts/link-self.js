#!/usr/bin/env node
// Links node_modules/pulumi-pingone to this repository, so that programs inside it (the demo
// stack, the examples, the tests) load the package by name exactly as a consumer's project does.
// The serialized providers require "pulumi-pingone/provider" (and "pulumi-pingone/provider/secret") in the dynamic-provider
// process, which resolves from the program directory; Node's self-reference by package name does
// not apply there (the module is compiled from a string with no filename).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
if (!fs.existsSync(path.join(root, "tsconfig.json")) || !fs.existsSync(modules)) process.exit(0);
const link = path.join(modules, "pulumi-pingone");
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.symlinkSync("..", link, "dir");
