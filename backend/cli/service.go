package cli

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/investec-desk/investec-desk/backend/applog"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// keyringTimeout bounds every keyring call: a locked keyring can wait on a
// prompt nobody answers.
const keyringTimeout = 10 * time.Second

// openService opens the core on the data directory the global flags chose,
// logging to the data directory unless env has a logger. The caller closes
// both.
func openService(env Env, g *Globals, emit core.Emitter) (*core.Service, io.Closer, error) {
	store := env.Secrets
	if store == nil {
		store = secrets.NewKeyring(secrets.Service, keyringTimeout)
	}
	log := env.Logger
	var logFile io.Closer
	if log == nil {
		var err error
		if log, logFile, err = applog.Open(filepath.Join(g.DataDir, "logs"), slog.LevelInfo); err != nil {
			return nil, nil, err
		}
	}
	svc, err := core.Open(core.Config{
		DataDir:    g.DataDir,
		Demo:       g.Demo,
		Connection: g.Connection,
		Secrets:    store,
		Getenv:     env.Getenv,
		Logger:     log,
		Emitter:    emit,
	})
	if err != nil && logFile != nil {
		_ = logFile.Close()
	}
	return svc, logFile, err
}

// withService runs fn on an open core and closes it afterwards.
func withService(ctx context.Context, env Env, g *Globals, emit core.Emitter, fn func(*core.Service) error) error {
	svc, logFile, err := openService(env, g, emit)
	if err != nil {
		return err
	}
	defer func() {
		_ = svc.Close()
		if logFile != nil {
			_ = logFile.Close()
		}
	}()
	return fn(svc)
}
