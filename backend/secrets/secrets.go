// Package secrets keeps credentials in the operating system's keyring (the
// Secret Service on Linux, Keychain on macOS, Credential Manager on Windows)
// behind a small interface of the project's own. Secrets are never written
// anywhere else: not SQLite, not files, not logs, not errors.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service name every entry is stored under.
const Service = "investec-desk"

// ErrNotFound means no secret is stored under the key.
var ErrNotFound = errors.New("secret not found")

// UnavailableError means the keyring cannot be used: no Secret Service on
// the session bus, a locked collection, a keyring that does not answer. It
// says what went wrong and what to do, and never contains a secret.
type UnavailableError struct {
	Reason string // short, safe description of the cause
	Hint   string // what the user can do about it
}

// Error implements error.
func (e *UnavailableError) Error() string {
	return "the system keyring is not available (" + e.Reason + "). " + e.Hint
}

// IsUnavailable reports whether err means the keyring cannot be used.
func IsUnavailable(err error) bool {
	var u *UnavailableError
	return errors.As(err, &u)
}

// Store reads and writes secrets by key.
type Store interface {
	// Get returns the secret stored under key, or ErrNotFound.
	Get(ctx context.Context, key string) (string, error)
	// Set stores secret under key, replacing any previous value.
	Set(ctx context.Context, key, secret string) error
	// Delete removes the secret under key. Deleting a missing key is not an
	// error.
	Delete(ctx context.Context, key string) error
}

// Keyring is a Store on the OS keyring through zalando/go-keyring.
type Keyring struct {
	service string
	timeout time.Duration
}

// NewKeyring returns a Store on the OS keyring under the given service name
// (Service in the app). Every call gives up after timeout, because a locked
// keyring can wait on an unlock prompt nobody answers.
func NewKeyring(service string, timeout time.Duration) *Keyring {
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &Keyring{service: service, timeout: timeout}
}

// Get implements Store.
func (k *Keyring) Get(ctx context.Context, key string) (string, error) {
	var secret string
	err := k.do(ctx, func() error {
		var err error
		secret, err = keyring.Get(k.service, key)
		return err
	})
	return secret, err
}

// Set implements Store.
func (k *Keyring) Set(ctx context.Context, key, secret string) error {
	return k.do(ctx, func() error { return keyring.Set(k.service, key, secret) })
}

// Delete implements Store.
func (k *Keyring) Delete(ctx context.Context, key string) error {
	err := k.do(ctx, func() error { return keyring.Delete(k.service, key) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// Probe checks that the keyring can store and read back a value, so the
// app can say up front that it cannot keep credentials rather than fail
// later.
func (k *Keyring) Probe(ctx context.Context) error {
	const key = "probe"
	value := fmt.Sprintf("probe-%d", time.Now().UnixNano())
	if err := k.Set(ctx, key, value); err != nil {
		return err
	}
	got, err := k.Get(ctx, key)
	if err != nil {
		return err
	}
	if got != value {
		return &UnavailableError{Reason: "it returned a different value than was stored", Hint: hint}
	}
	return k.Delete(ctx, key)
}

const hint = "Investec Desk keeps your credentials only in the system keyring. On Linux, install and unlock " +
	"GNOME Keyring or KWallet (any Secret Service) and sign in to a desktop session; " +
	"or explore with the demo data, which needs no credentials."

// do runs op with the keyring's timeout and translates its errors.
func (k *Keyring) do(ctx context.Context, op func() error) error {
	ctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- op() }()
	select {
	case err := <-done:
		return translate(err)
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &UnavailableError{Reason: "it did not answer; it may be locked and waiting for a password", Hint: hint}
		}
		return ctx.Err()
	}
}

// translate maps go-keyring's errors to ours. The library's own messages
// name D-Bus details but never the secret; we keep only a short reason.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("secret too large for the system keyring: %w", err)
	}
	msg := err.Error()
	reason := "it returned an error"
	switch {
	case strings.Contains(msg, "dbus-launch"), strings.Contains(msg, "DBUS_SESSION_BUS_ADDRESS"),
		strings.Contains(msg, "connect"), strings.Contains(msg, "no such file"):
		reason = "there is no D-Bus session to reach a Secret Service"
	case strings.Contains(msg, "org.freedesktop.secrets"), strings.Contains(msg, "ServiceUnknown"),
		strings.Contains(msg, "was not provided"):
		reason = "no Secret Service (such as GNOME Keyring) is running"
	case strings.Contains(msg, "unlock"), strings.Contains(msg, "locked"), strings.Contains(msg, "dismissed"):
		reason = "the keyring is locked"
	}
	return &UnavailableError{Reason: reason, Hint: hint}
}
