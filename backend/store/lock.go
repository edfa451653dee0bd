package store

import (
	"errors"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store/internal/flock"
)

// SyncLock is the cache's exclusive sync lock, held by at most one sync in
// any process at a time.
type SyncLock struct{ l *flock.Lock }

// Unlock releases the lock.
func (l *SyncLock) Unlock() error { return l.l.Unlock() }

// TryLockSync takes the cache's sync lock without waiting, so that two
// processes (the app and the CLI, say) never sync the same cache at once.
// It is a lock on the file <database>.sync-lock that the operating system
// releases when the process dies, so a crash never leaves it stuck. It
// returns a CodeConflict error when the lock is held.
func (s *Store) TryLockSync() (*SyncLock, error) {
	l, err := flock.TryLock(s.path + ".sync-lock")
	if errors.Is(err, flock.ErrLocked) {
		return nil, domain.Wrap(err, domain.CodeConflict, "A sync of this cache is already running.")
	}
	if err != nil {
		return nil, err
	}
	return &SyncLock{l: l}, nil
}
