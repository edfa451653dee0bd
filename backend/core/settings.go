package core

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
	"github.com/investec-desk/investec-desk/backend/store"
)

// DemoBankURL returns the base URL the built-in demo bank listens on (a
// loopback address with a port chosen at start), starting it if needed. It
// works only on the demo connection. The demo bank accepts Investec's
// published sandbox credentials, so the address can be given as a custom
// base URL to try the connection form, or to any tool that speaks the
// Programmable Banking API, without an account or the internet.
func (s *Service) DemoBankURL(ctx context.Context) (string, error) {
	sess, err := s.demoSession(ctx)
	if err != nil {
		return "", err
	}
	if _, err := sess.api(ctx); err != nil {
		return "", err
	}
	sess.apiMu.Lock()
	defer sess.apiMu.Unlock()
	return sess.demoURL, nil
}

// ConnectionCache says what a connection keeps on this computer: its
// cached accounts and transactions and the size of its directory (cache and
// downloaded documents). A connection that never opened its cache reports
// Exists false; this never creates one.
func (s *Service) ConnectionCache(ctx context.Context, id string) (domain.ConnectionCache, error) {
	e, err := s.reg.Get(id)
	if err != nil {
		return domain.ConnectionCache{}, err
	}
	dir := s.reg.Dir(e.ID)
	out := domain.ConnectionCache{ConnectionID: e.ID}
	size, err := dirSize(dir)
	if err != nil {
		return domain.ConnectionCache{}, err
	}
	out.Bytes = size

	s.mu.Lock()
	sess := s.sess
	s.mu.Unlock()
	var st *store.Store
	if sess != nil && sess.entry.ID == e.ID {
		st = sess.store
	} else {
		path := filepath.Join(dir, "cache.db")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return out, nil
		}
		st, err = store.Open(ctx, path, store.WithClock(s.cfg.Now), store.WithLogger(s.log))
		if err != nil {
			return domain.ConnectionCache{}, err
		}
		defer st.Close()
	}
	out.Exists = true
	accounts, err := st.ListAccounts(ctx)
	if err != nil {
		return domain.ConnectionCache{}, err
	}
	out.Accounts = len(accounts)
	page, err := st.ListTransactions(ctx, domain.TransactionFilter{Limit: 1})
	if err != nil {
		return domain.ConnectionCache{}, err
	}
	out.Transactions = page.Totals.Count
	return out, nil
}

// dirSize adds up the sizes of the regular files under dir; a missing dir
// is empty.
func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked (a WAL checkpoint, say)
			}
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measure the cache: %w", err)
	}
	return total, nil
}

// RestartOnboarding forgets that the first-run screen was completed, so the
// window offers the three ways to start again (the demo, Investec's
// sandbox, a real account). Nothing else changes.
func (s *Service) RestartOnboarding() error { return s.reg.ClearOnboarded() }

// ExploreDemo is the first-run choice "Explore with demo data": it makes
// sure the built-in demo connection exists (a person who added an account
// from the command line first has none), switches to it unless it is
// already the one in use, and records that the first-run screen is done.
// It reports whether the connection changed, so the window knows to reload
// its views.
func (s *Service) ExploreDemo(ctx context.Context) (domain.Connection, bool, error) {
	current, err := s.CurrentConnection(ctx)
	if err != nil {
		return domain.Connection{}, false, err
	}
	switched := false
	if current.Kind != domain.KindDemo {
		if _, err := s.reg.EnsureDemo(); err != nil {
			return domain.Connection{}, false, err
		}
		if current, err = s.SwitchConnection(ctx, connections.DemoID); err != nil {
			return domain.Connection{}, false, err
		}
		switched = true
	}
	if err := s.reg.SetOnboarded(); err != nil {
		return domain.Connection{}, switched, err
	}
	return current, switched, nil
}

// ReplaceCredentials replaces the credentials of a connection that keeps
// them in the keyring, but only the parts given: an empty client ID, secret
// or API key keeps the stored one (the window never learns the stored
// values, so it cannot send them back). Nothing is stored unless the
// result is complete and well-formed. It does not test them; TestConnection
// does.
func (s *Service) ReplaceCredentials(ctx context.Context, id string, c domain.Credentials) error {
	e, err := s.reg.Get(id)
	if err != nil {
		return err
	}
	if !connections.UsesKeyring(e.Kind) {
		return domain.Errorf(domain.CodeInvalid, "This connection uses published test credentials; there is nothing to set.")
	}
	c = trimCredentials(c)
	if c.ClientID == "" && c.ClientSecret == "" && c.APIKey == "" {
		return domain.ValidationErrors{
			domain.FieldError("clientId", "Type a new client ID, client secret or API key; empty fields keep what is stored."),
		}.Err()
	}
	for _, part := range []struct {
		name connections.Secret
		v    *string
	}{
		{connections.SecretClientID, &c.ClientID}, {connections.SecretClientSecret, &c.ClientSecret}, {connections.SecretAPIKey, &c.APIKey},
	} {
		if *part.v != "" {
			continue
		}
		stored, err := s.cfg.Secrets.Get(ctx, connections.SecretKey(e.ID, part.name))
		switch {
		case errors.Is(err, secrets.ErrNotFound):
			// Left empty: ValidateCredentials asks for it.
		case secrets.IsUnavailable(err):
			return domain.Wrap(err, domain.CodeKeyring, err.Error())
		case err != nil:
			return fmt.Errorf("read credentials: %w", err)
		default:
			*part.v = stored
		}
	}
	// SetCredentials validates: a stored value passed when it was saved, so
	// a problem is with what was typed, or a part that is neither typed nor
	// stored.
	return s.SetCredentials(ctx, e.ID, c)
}
