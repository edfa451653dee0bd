package core

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// EnvReadyFile names a file the app writes once the frontend reports that
// its shell rendered. The headless smoke test sets it to prove the real
// window drew the app, not a blank frame.
const EnvReadyFile = "INVESTEC_DESK_READY_FILE"

// ReportShellReady logs the frontend's shell report and, when EnvReadyFile
// is set, writes it there as JSON.
func ReportShellReady(log *slog.Logger, r domain.ShellReport) error {
	log.Info("shell ready", "title", r.Title, "views", r.Views, "theme", r.Theme)
	path := os.Getenv(EnvReadyFile)
	if path == "" {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode shell report: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil { //nolint:gosec // the path is set by the smoke-test harness, not by untrusted input
		return fmt.Errorf("write ready file: %w", err)
	}
	return nil
}
