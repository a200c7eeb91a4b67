#!/usr/bin/env node
// The first command of `npm start` and `npm test` (and their pre-hooks): stops with one clear
// message when the running Node.js is older than package.json's "engines" allows.
//
// Why this exists: npm scripts put node_modules/.bin first on PATH, where the `node`
// devDependency provides Node.js 24 on machines with an older Node. That binary is downloaded by
// the package's preinstall script; when npm skips the script (package.json "allowScripts" does not
// approve it, or --ignore-scripts), node_modules/.bin has no node and npm scripts silently run on
// the machine's Node instead, which this project does not support.
//
// Plain JavaScript in the syntax of old Node versions (no const, arrow functions or optional
// chaining), since it must run, and explain itself, on whatever Node the machine has.
"use strict";
var fs = require("fs");
var path = require("path");

var root = path.resolve(__dirname, "..");
var range = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines.node;

// Only the ">=X[.Y[.Z]]" form is understood; anything else is a mistake in this repository.
var minimum = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range);
if (!minimum) throw new Error('scripts/require-node.js understands engines.node only as ">=X.Y.Z", not "' + range + '"');

function isAtLeast(version, wanted) {
  var parts = version.split(".");
  for (var i = 0; i < 3; i++) {
    var have = Number(parts[i] || 0);
    var need = Number(wanted[i + 1] || 0);
    if (have !== need) return have > need;
  }
  return true;
}

var running = process.versions.node;
if (!isAtLeast(running, minimum)) {
  var bridge = "node_modules/node/bin/" + (process.platform === "win32" ? "node.exe" : "node");
  var why = fs.existsSync(path.join(root, bridge))
    ? "Why: " +
      bridge +
      " (the Node.js that npm scripts use) is installed, but this was not started by\n" +
      "an npm script, which puts node_modules/.bin first on PATH.\n" +
      "What to do: run it through npm (npm start, npm test), or install Node.js " +
      range +
      ".\n"
    : "Why: npm scripts get a newer Node.js from the `node` devDependency, whose preinstall script\n" +
      "downloads it. npm did not run that script, so " +
      bridge +
      " is missing: npm runs a\n" +
      'dependency\'s install script only if package.json "allowScripts" approves it, and none under\n' +
      "--ignore-scripts (or ignore-scripts=true in an .npmrc).\n" +
      "What to do: npm rebuild node --ignore-scripts=false && npm run prepare\n" +
      "(the rebuild runs the skipped preinstall; prepare redoes this project's own install step, which\n" +
      "--ignore-scripts skips as well). Or install Node.js " +
      range +
      " yourself and put it first on PATH.\n";
  process.stderr.write(
    "pulumi-pingone needs Node.js " + range + ' (package.json "engines"), but this is Node.js ' + running + " (" + process.execPath + ").\n" + why,
  );
  process.exitCode = 1;
}
