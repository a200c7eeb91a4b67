// sdkgen writes a Pulumi package's SDK for one language from its schema, with the code generators
// of the Pulumi CLI this repository builds (github.com/pulumi/pulumi/pkg/v3/codegen at the same
// version): `pulumi package gen-sdk` asks a language host for the SDK, and the hosts that can be
// built here predate that request, so the generators are called directly.
//
// Usage: sdkgen <schema.json> <go|python|nodejs> <out dir>
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-pingone sdkgen"

// noPackages is the loader for a schema that refers to no other package (only pulumi.json's
// built-in types): any request for one is an error.
type noPackages struct{}

var errNoPackages = errors.New("this schema refers to no other package")

func (noPackages) LoadPackage(string, *semver.Version) (*schema.Package, error) { return nil, errNoPackages }
func (noPackages) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoPackages
}
func (noPackages) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoPackages
}
func (noPackages) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoPackages
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <go|python|nodejs> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, language, out string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	var files map[string][]byte
	switch language {
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
	case "python":
		files, err = pygen.GeneratePackage(tool, pkg, nil, noPackages{})
	case "nodejs":
		files, err = nodejsgen.GeneratePackage(tool, pkg, nil, nil, false, noPackages{})
	default:
		return fmt.Errorf("unknown language %q (go, python, nodejs)", language)
	}
	if err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
