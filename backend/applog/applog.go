// Package applog sets up the application's structured log: JSON lines in
// the data directory, rotated by size, with any attribute whose key smells
// of a credential masked before it is written.
package applog

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
)

// maxSize is the size at which the log is rotated on open.
const maxSize = 5 << 20

// sensitiveKey matches attribute keys that must never reach the log with
// their values.
var sensitiveKey = regexp.MustCompile(`(?i)(secret|token|password|passwd|authori[sz]ation|api[-_]?key|client[-_]?id|credential|cookie)`)

// Redacted replaces the value of a sensitive attribute.
const Redacted = "[redacted]"

// ReplaceAttr masks sensitive attributes; use it in any slog handler.
func ReplaceAttr(_ []string, a slog.Attr) slog.Attr {
	if sensitiveKey.MatchString(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	return a
}

// Open opens (creating it 0600) dir/investec-desk.log for appending,
// rotating it to .1 first when it has grown past a few megabytes, and
// returns a logger writing JSON lines to it at the given level.
func Open(dir string, level slog.Level) (*slog.Logger, io.Closer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create log directory: %w", err)
	}
	path := filepath.Join(dir, "investec-desk.log")
	if st, err := os.Stat(path); err == nil && st.Size() > maxSize {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open log: %w", err)
	}
	return New(f, level), f, nil
}

// New returns a logger writing JSON lines to w with sensitive attributes
// masked.
func New(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: ReplaceAttr}))
}
