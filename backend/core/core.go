// Package core holds the application's use cases. The desktop App (app.go)
// and the headless commands (backend/cli) are both thin adapters onto it.
package core
