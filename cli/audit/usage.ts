/**
 * `audit`'s usage text, apart from the command: \`pulumi-pingone --help\` prints it without loading the
 * policy pack's framework (\`@pulumi/policy\`), which only \`audit\` needs.
 */
export const AUDIT_USAGE = `Usage: pulumi-pingone audit [options]

Judges every OIDC application of a PingOne environment (with its grants and sign-on policy
assignments), or the resources of a \`pulumi stack export\`, with the policy pack's rules.

Options:
      --environment-id <id>  the environment (default: pingone:environmentId, PINGONE_ENVIRONMENT_ID)
      --from-state <file>    judge a \`pulumi stack export\` file instead of a live environment
      --config <file>        the pack's config, as \`pulumi preview --policy-pack-config\` takes it
  -f, --format <format>      table (default), json or sarif
  -o, --output <file>        write the report there (default: standard output)
      --program <file>       with sarif: point each finding at the line of this program that declares it
      --name, --id, --type   only these applications, as for \`adopt\` (repeatable)
      --with-secrets         also judge each shared secret's rotation (client-secret-rotation): one
                             read per application with a secret; needs the right to read secrets
  -s, --stack <name>         read the provider's settings from this stack's config
  -C, --cwd <dir>            the Pulumi project directory (default: the current directory)
      --pulumi <path>        the pulumi executable (default: pulumi), for --stack
  -h, --help                 show this help

Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad usage or an input that cannot be read.`;
