// End-to-end fixture program: one Application per entry of the stack config `apps`
// ({ "<resource name>": <ApplicationArgs> }), so each test states its apps as data.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { Application } = require("pulumi-pingone");

const apps = new pulumi.Config().requireObject("apps");
const outputs = {};
for (const [name, args] of Object.entries(apps)) {
  const app = new Application(name, args);
  outputs[name] = { id: app.id, clientId: app.clientId, secretLink: app.secretLink, clientSecret: app.clientSecret, name: app.name };
}
module.exports = outputs;
