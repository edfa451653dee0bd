// Package buildinfo reports the application's name and version.
package buildinfo

import (
	"runtime"
	"runtime/debug"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Name is the product name shown to people.
const Name = "Investec Desk"

// Binary is the executable's name.
const Binary = "investec-desk"

// Version is the release version. Release builds may override it with
// -ldflags "-X github.com/investec-desk/investec-desk/backend/buildinfo.Version=...".
var Version = "0.1.0"

// Get returns the running build's information, including the VCS revision
// the Go toolchain stamped into the binary when there is one.
func Get() domain.AppInfo {
	info := domain.AppInfo{
		Name:      Name,
		Version:   Version,
		GoVersion: runtime.Version(),
		Platform:  runtime.GOOS + "/" + runtime.GOARCH,
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Revision = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	return info
}
