package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// keyringTimeout bounds every keyring call: a locked keyring can wait on a
// prompt nobody answers.
const keyringTimeout = 10 * time.Second

// openService opens the core on the data directory the global flags chose.
// The caller closes it.
func openService(env Env, g *Globals, emit core.Emitter) (*core.Service, error) {
	store := env.Secrets
	if store == nil {
		store = secrets.NewKeyring(secrets.Service, keyringTimeout)
	}
	log := env.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return core.Open(core.Config{
		DataDir:    g.DataDir,
		Demo:       g.Demo,
		Connection: g.Connection,
		Secrets:    store,
		Getenv:     env.Getenv,
		Logger:     log,
		Emitter:    emit,
	})
}

// withService runs fn on an open core and closes it afterwards.
func withService(ctx context.Context, env Env, g *Globals, emit core.Emitter, fn func(*core.Service) error) error {
	svc, err := openService(env, g, emit)
	if err != nil {
		return err
	}
	defer func() { _ = svc.Close() }()
	return fn(svc)
}
