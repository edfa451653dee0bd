package secrets

import (
	"context"
	"sync"
)

// Memory is an in-memory Store for tests of code that uses a Store. The app
// itself only ever uses Keyring. It is safe for concurrent use.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
	// Err, when set, is returned by every call (to simulate an unavailable
	// keyring).
	Err error
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{m: map[string]string{}} }

// Get implements Store.
func (s *Memory) Get(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return "", s.Err
	}
	v, ok := s.m[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Set implements Store.
func (s *Memory) Set(_ context.Context, key, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	s.m[key] = secret
	return nil
}

// Delete implements Store.
func (s *Memory) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	delete(s.m, key)
	return nil
}

// Keys returns the stored keys (for tests that check what was stored).
func (s *Memory) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.m))
	for k := range s.m {
		keys = append(keys, k)
	}
	return keys
}
