// End-to-end fixture program: one Application per entry of the stack config `apps`
// ({ "<resource name>": <ApplicationArgs> }), and one ApplicationSecret per entry of `rotations`
// ({ "<resource name>": { app: "<an apps name>", ...<ApplicationSecretArgs> } }), so each test
// states its resources as data. Likewise `grants` and `signOnPolicyAssignments`
// ({ "<resource name>": { app: "<an apps name>", ...<args> } }): ApplicationResourceGrant and
// ApplicationSignOnPolicyAssignment resources of one of the apps.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { Application, ApplicationResourceGrant, ApplicationSecret, ApplicationSignOnPolicyAssignment } = require("pulumi-pingone");

const config = new pulumi.Config();
const apps = config.requireObject("apps");
const rotations = config.getObject("rotations") || {};
const outputs = {};
const created = {};
for (const [name, args] of Object.entries(apps)) {
  const app = new Application(name, args);
  created[name] = app;
  outputs[name] = { id: app.id, clientId: app.clientId, secretLink: app.secretLink, clientSecret: app.clientSecret, name: app.name };
}
for (const [name, { app, ...args }] of Object.entries(rotations)) {
  const secret = new ApplicationSecret(name, { ...args, applicationId: created[app].id });
  outputs[name] = {
    applicationId: secret.applicationId,
    secret: secret.secret,
    previousSecret: secret.previousSecret,
    previousExpiresAt: secret.previousExpiresAt,
    rotatedAt: secret.rotatedAt,
  };
}
for (const [name, { app, ...args }] of Object.entries(config.getObject("grants") || {})) {
  const grant = new ApplicationResourceGrant(name, { ...args, applicationId: created[app].id });
  outputs[name] = { id: grant.id, applicationId: grant.applicationId, resourceId: grant.resourceId, scopeIds: grant.scopeIds, scopes: grant.scopes };
}
for (const [name, { app, ...args }] of Object.entries(config.getObject("signOnPolicyAssignments") || {})) {
  const assignment = new ApplicationSignOnPolicyAssignment(name, { ...args, applicationId: created[app].id });
  outputs[name] = { id: assignment.id, applicationId: assignment.applicationId, signOnPolicyId: assignment.signOnPolicyId, priority: assignment.priority };
}
module.exports = outputs;
