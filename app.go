package main

import (
	"context"
	"log/slog"

	"github.com/investec-desk/investec-desk/backend/buildinfo"
	"github.com/investec-desk/investec-desk/backend/cli"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
)

// App is the allowlist of methods the frontend may call. Every exported
// method here becomes JavaScript API, so each one is a deliberate, thin
// adapter onto backend/core: take domain types, call core, return domain
// types or an error.
type App struct {
	ctx     context.Context
	globals cli.Globals
	log     *slog.Logger
}

// NewApp prepares the App for the window; the heavy lifting happens in startup.
func NewApp(_ context.Context, g cli.Globals) (*App, error) {
	return &App{globals: g, log: slog.Default()}, nil
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
}

func (a *App) shutdown(context.Context) {}

// AppInfo returns the application's name and version.
func (a *App) AppInfo() domain.AppInfo {
	return buildinfo.Get()
}

// ShellReady is called by the frontend once its shell has rendered. It
// records the fact for the headless smoke test (see core.ReportShellReady).
func (a *App) ShellReady(r domain.ShellReport) error {
	return core.ReportShellReady(a.log, r)
}
