// Package flock takes an exclusive, non-blocking lock on a file, held until
// Unlock or until the process dies (the operating system releases it then,
// so a killed process never leaves a stale lock behind).
package flock

import (
	"errors"
	"fmt"
	"os"
)

// ErrLocked is returned by TryLock when another holder has the lock.
var ErrLocked = errors.New("file is locked")

// Lock is a held lock.
type Lock struct {
	f *os.File
}

// TryLock opens (creating, mode 0600) the file at path and takes an
// exclusive lock on it without waiting. It returns ErrLocked if another
// process, or another Lock in this process, holds it.
func TryLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	return nil
}
