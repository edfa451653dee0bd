// Command investec-desk is a local-first desktop client for Investec
// Programmable Banking. With no arguments it opens the window; with a
// subcommand it runs headless (see `investec-desk --help`).
//
// This file only wires: it hands the command line to backend/cli and, when
// the window is wanted, builds the App and runs Wails.
package main

import (
	"context"
	"embed"
	"os"
	"os/signal"
	"syscall"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"golang.org/x/term"

	"github.com/investec-desk/investec-desk/backend/buildinfo"
	"github.com/investec-desk/investec-desk/backend/cli"
	"github.com/investec-desk/investec-desk/backend/domain"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.Env{
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		IsTerminal: isTerminal,
		RunGUI:     runGUI,
	})
	stop()
	os.Exit(code)
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// runGUI opens the desktop window on the core configured by the global flags.
func runGUI(ctx context.Context, g cli.Globals) error {
	app, err := NewApp(ctx, g)
	if err != nil {
		return err
	}
	return wails.Run(&options.App{
		Title:     buildinfo.Name,
		Width:     1280,
		Height:    800,
		MinWidth:  960,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		OnStartup:  app.startup,
		OnShutdown: app.shutdown,
		Bind:       []any{app},
		EnumBind:   []any{domain.AllCodes},
		ErrorFormatter: func(err error) any {
			// A JSON string: Wails v2.16.0 turns anything else into "[object Object]".
			return domain.PayloadJSON(err)
		},
		Linux: &linux.Options{
			ProgramName: buildinfo.Binary,
		},
	})
}
