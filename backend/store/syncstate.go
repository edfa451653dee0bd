package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// SyncState returns how much of the account's history is cached. An account
// never synced has a zero state (with AccountID set).
func (s *Store) SyncState(ctx context.Context, accountID string) (domain.AccountSyncState, error) {
	st := domain.AccountSyncState{AccountID: accountID}
	var complete bool
	err := s.r.QueryRowContext(ctx, `
		SELECT oldest_date, newest_date, backfill_complete, empty_windows, last_success_at, last_attempt_at,
			last_error_code, last_error_message
		FROM sync_state WHERE account_id = ?`, accountID).Scan(&st.OldestDate, &st.NewestDate, &complete,
		&st.EmptyWindows, &st.LastSuccessAt, &st.LastAttemptAt, &st.LastErrorCode, &st.LastErrorMessage)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, formatError(fmt.Errorf("read sync state: %w", err))
	}
	st.BackfillComplete = complete
	return st, nil
}

// SaveSyncState stores an account's sync state.
func (s *Store) SaveSyncState(ctx context.Context, st domain.AccountSyncState) error {
	return s.write(ctx, func(tx *sql.Tx) error { return saveSyncState(ctx, tx, st) })
}

func saveSyncState(ctx context.Context, tx *sql.Tx, st domain.AccountSyncState) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO sync_state (account_id, oldest_date, newest_date, backfill_complete, empty_windows,
			last_success_at, last_attempt_at, last_error_code, last_error_message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET oldest_date = excluded.oldest_date,
			newest_date = excluded.newest_date, backfill_complete = excluded.backfill_complete,
			empty_windows = excluded.empty_windows, last_success_at = excluded.last_success_at,
			last_attempt_at = excluded.last_attempt_at, last_error_code = excluded.last_error_code,
			last_error_message = excluded.last_error_message`,
		st.AccountID, st.OldestDate, st.NewestDate, boolInt(st.BackfillComplete), st.EmptyWindows,
		st.LastSuccessAt, st.LastAttemptAt, string(st.LastErrorCode), st.LastErrorMessage)
	if err != nil {
		return formatError(fmt.Errorf("save sync state: %w", err))
	}
	return nil
}

// StartSyncRun records the start of a sync run and returns it with its ID.
// Runs an earlier process left unfinished (it was killed) are closed first,
// marked as interrupted.
func (s *Store) StartSyncRun(ctx context.Context, trigger string) (domain.SyncRun, error) {
	run := domain.SyncRun{StartedAt: s.nowString(), Trigger: trigger}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			UPDATE sync_runs SET finished_at = ?, error_code = ?, error_message = ?
			WHERE finished_at IS NULL`, run.StartedAt, string(domain.CodeCancelled),
			"Interrupted: the app stopped before the sync finished."); err != nil {
			return formatError(fmt.Errorf("close interrupted runs: %w", err))
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sync_runs (started_at, trigger) VALUES (?, ?)`, run.StartedAt, trigger)
		if err != nil {
			return formatError(fmt.Errorf("start sync run: %w", err))
		}
		run.ID, err = res.LastInsertId()
		return err
	})
	return run, err
}

// FinishSyncRun records a run's counts and outcome. An empty FinishedAt is
// set to now. The error message must be a safe message (never a secret):
// callers pass domain.ErrorMessage(err).
func (s *Store) FinishSyncRun(ctx context.Context, run domain.SyncRun) (domain.SyncRun, error) {
	if run.FinishedAt == "" {
		run.FinishedAt = s.nowString()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE sync_runs SET finished_at = ?, accounts = ?, fetched = ?, added = ?, removed = ?, failed = ?,
				error_code = ?, error_message = ?
			WHERE id = ?`, run.FinishedAt, run.Accounts, run.Fetched, run.Added, run.Removed, run.Failed,
			string(run.ErrorCode), run.ErrorMessage, run.ID)
		if err != nil {
			return formatError(fmt.Errorf("finish sync run: %w", err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.CodeNotFound, "No such sync run.")
		}
		return nil
	})
	return run, err
}

const runColumns = `id, started_at, coalesce(finished_at, ''), trigger, accounts, fetched, added, removed, failed,
	error_code, error_message`

func scanRun(sc interface{ Scan(...any) error }) (domain.SyncRun, error) {
	var r domain.SyncRun
	err := sc.Scan(&r.ID, &r.StartedAt, &r.FinishedAt, &r.Trigger, &r.Accounts, &r.Fetched, &r.Added, &r.Removed,
		&r.Failed, &r.ErrorCode, &r.ErrorMessage)
	return r, err
}

// LastSync returns the most recent finished sync run; ok is false if there
// has been none.
func (s *Store) LastSync(ctx context.Context) (run domain.SyncRun, ok bool, err error) {
	run, err = scanRun(s.r.QueryRowContext(ctx, `SELECT `+runColumns+`
		FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return run, false, nil
	}
	if err != nil {
		return run, false, formatError(fmt.Errorf("last sync: %w", err))
	}
	return run, true, nil
}

// ListSyncRuns returns the most recent sync runs, newest first (at most
// limit; 0 means 50).
func (s *Store) ListSyncRuns(ctx context.Context, limit int) ([]domain.SyncRun, error) {
	if limit <= 0 {
		limit = 50
	}
	var out []domain.SyncRun
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+runColumns+` FROM sync_runs ORDER BY id DESC LIMIT ?`, limit)
		if err != nil {
			return formatError(fmt.Errorf("list sync runs: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRun(rows)
			if err != nil {
				return formatError(fmt.Errorf("list sync runs: %w", err))
			}
			out = append(out, r)
		}
		return formatError(rows.Err())
	})
	return out, err
}
