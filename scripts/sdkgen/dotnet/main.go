// sdkgen-dotnet writes a Pulumi package's .NET SDK from its schema with the Pulumi CLI's .NET
// code generator. That generator left github.com/pulumi/pulumi/pkg/v3 at v3.229.0 (it lives with
// the .NET language host since), so this tool is built against pkg/v3 v3.228.0, the last release
// that has pkg/codegen/dotnet; ../main.go writes the other languages at the CLI's own version.
//
// Usage: sdkgen-dotnet <schema.json> <out dir>
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The generator downloads the package's logo (or Pulumi's) for the NuGet package. No download is
// possible here, and the SDK's code does not depend on it: every request gets a 1×1 PNG instead.
const onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	png, err := base64.StdEncoding.DecodeString(onePixelPNG)
	if err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(png)), Request: req, Header: http.Header{}}, nil
}

// noPackages is the loader for a schema that refers to no other package.
type noPackages struct{}

var errNoPackages = errors.New("this schema refers to no other package")

func (noPackages) LoadPackage(string, *semver.Version) (*schema.Package, error) { return nil, errNoPackages }
func (noPackages) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoPackages
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen-dotnet <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen-dotnet:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	http.DefaultTransport = offlineLogo{}
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
	files, err := dotnetgen.GeneratePackage("pulumi-pingone sdkgen-dotnet", pkg, nil, nil)
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
