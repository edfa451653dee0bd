package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/investec-desk/investec-desk/backend/cardcode"
)

// stateVersion is the version of the state file format.
const stateVersion = 1

// stateFile is what Options.StatePath holds: the seed and start date that
// determine the generated history, and every change since, in order.
// Replaying the actions on a fresh bank of the same seed and start date
// rebuilds the exact state. No credentials or tokens are stored.
type stateFile struct {
	Version      int      `json:"version"`
	Seed         int64    `json:"seed"`
	Start        string   `json:"start"` // YYYY-MM-DD
	Transactions int      `json:"transactions,omitempty"`
	Actions      []action `json:"actions"`
}

// Action kinds.
const (
	actTransfer   = "transfer"
	actPay        = "pay"
	actSaveCode   = "saveCode"
	actPublish    = "publish"
	actSetEnv     = "setEnv"
	actToggle     = "toggle"
	actExecute    = "execute"
	actCreateCard = "createCard"
	actHook       = "hook"
)

// action is one change to the bank, recorded so it can be replayed.
type action struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"`

	Account string     `json:"account,omitempty"` // source account id (transfer, pay)
	Items   []moveItem `json:"items,omitempty"`   // transfers and payments

	Card       string                     `json:"card,omitempty"` // card key
	Code       string                     `json:"code,omitempty"`
	Env        map[string]json.RawMessage `json:"env,omitempty"`
	Enabled    *bool                      `json:"enabled,omitempty"`
	Executions []cardcode.ExecutionItem   `json:"executions,omitempty"`
	NewCard    *newCardAction             `json:"newCard,omitempty"`

	Hook *hookAction `json:"hook,omitempty"`
}

// moveItem is one transfer or payment of an action.
type moveItem struct {
	To           string `json:"to"` // destination account id or beneficiary id
	Amount       int64  `json:"amount"`
	MyReference  string `json:"myReference"`
	TheirRef     string `json:"theirReference"`
	Faster       bool   `json:"faster,omitempty"`
	AuthRequired bool   `json:"authRequired,omitempty"`
}

// newCardAction is a virtual card creation.
type newCardAction struct {
	Account     string `json:"account"`
	EmbossName  string `json:"embossName"`
	EmbossName2 string `json:"embossName2"`
}

// loadState reads a state file; a missing file (or no path) is not an
// error and returns nil.
func loadState(path string) (*stateFile, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("read state %s: %w", filepath.Base(path), err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("read state %s: unsupported version %d", filepath.Base(path), st.Version)
	}
	return &st, nil
}

// restore builds the bank from st and replays its actions. The caller holds
// s.mu (or owns s exclusively).
func (s *Server) restore(st *stateFile) error {
	start, err := parseDay(st.Start)
	if err != nil {
		return fmt.Errorf("state start: %w", err)
	}
	s.bank = newBank(st.Seed, start, st.Transactions)
	s.seedCards()
	s.actions = nil
	for i, a := range st.Actions {
		if err := s.apply(a); err != nil {
			return fmt.Errorf("replay action %d (%s): %w", i, a.Kind, err)
		}
		s.actions = append(s.actions, a)
	}
	s.opts.Seed, s.opts.Transactions = st.Seed, st.Transactions
	return nil
}

// commit applies a new action, records it and saves the state. The caller
// holds s.mu.
func (s *Server) commit(a action) error {
	if err := s.apply(a); err != nil {
		return err
	}
	s.actions = append(s.actions, a)
	return s.saveLocked()
}

// actionRand is the deterministic source for identifiers an action creates
// (payment references, code ids, card keys): it depends on the seed and the
// action's position, so replaying the log recreates the same ids.
func (s *Server) actionRand(salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s.bank.seed), uint64(len(s.actions))<<8|salt)) //nolint:gosec // G404: deterministic ids, not secrets
}

// actionDay is the bank day an action happens on: its date, or the bank's
// latest day if the clock was behind.
func (s *Server) actionDay(a action) day {
	d := dayOf(a.At)
	if d > s.bank.frontier {
		s.bank.advance(d)
	}
	return max(d, s.bank.frontier)
}

// saveLocked writes the state file atomically (temp file, fsync, rename)
// with mode 0600. The caller holds s.mu.
func (s *Server) saveLocked() error {
	path := s.opts.StatePath
	if path == "" {
		return nil
	}
	st := stateFile{Version: stateVersion, Seed: s.bank.seed, Start: s.bank.start.String(), Transactions: s.opts.Transactions, Actions: s.actions}
	if st.Actions == nil {
		st.Actions = []action{}
	}
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	f, err := os.CreateTemp(dir, ".sandbox-state-*.tmp")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	ok = true
	return nil
}

// apply performs an action on the bank. It is the single code path for
// live requests and for replaying a state file. The caller holds s.mu.
func (s *Server) apply(a action) error {
	switch a.Kind {
	case actTransfer:
		return s.applyTransfer(a)
	case actPay:
		return s.applyPay(a)
	case actSaveCode, actPublish, actSetEnv, actToggle, actExecute, actCreateCard:
		return s.applyCard(a)
	case actHook:
		_, err := s.applyHook(a)
		return err
	}
	return fmt.Errorf("unknown action %q", a.Kind)
}
