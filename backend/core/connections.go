package core

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// Connections lists every connection; the one this process works on is
// marked active. No secret is ever returned, only whether they are set.
func (s *Service) Connections(ctx context.Context) ([]domain.Connection, error) {
	current := s.reg.ActiveID()
	s.mu.Lock()
	if s.sess != nil {
		current = s.sess.entry.ID
	}
	s.mu.Unlock()
	var out []domain.Connection
	for _, e := range s.reg.List() {
		c := s.toDomain(e, current)
		if connections.UsesKeyring(e.Kind) {
			c.HasCredentials, c.KeyringProblem = s.hasCredentials(ctx, e.ID)
		}
		out = append(out, c)
	}
	return out, nil
}

// CurrentConnection returns the connection this process works on.
func (s *Service) CurrentConnection(ctx context.Context) (domain.Connection, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Connection{}, err
	}
	c := s.toDomain(sess.entry, sess.entry.ID)
	if connections.UsesKeyring(sess.entry.Kind) {
		c.HasCredentials, c.KeyringProblem = s.hasCredentials(ctx, sess.entry.ID)
	}
	return c, nil
}

func (s *Service) toDomain(e connections.Entry, activeID string) domain.Connection {
	c := domain.Connection{
		ID: e.ID, Name: e.Name, Kind: e.Kind, BaseURL: e.BaseURL, Business: e.Business,
		Active: e.ID == activeID, HasCredentials: !connections.UsesKeyring(e.Kind),
		CreatedAt: e.CreatedAt.Format(time.RFC3339), Permissions: slices.Clone(e.Permissions),
	}
	if c.Permissions == nil {
		c.Permissions = []string{}
	}
	if !e.LastTestedAt.IsZero() {
		c.LastTestedAt = e.LastTestedAt.Format(time.RFC3339)
	}
	if e.Kind == domain.KindDemo {
		c.BaseURL = "built-in"
	}
	return c
}

// hasCredentials reports whether all of a connection's secrets are in the
// keyring; when the keyring cannot be asked, it says why instead (the
// message of secrets.UnavailableError, which never holds a secret).
func (s *Service) hasCredentials(ctx context.Context, id string) (bool, string) {
	for _, name := range connections.AllSecrets {
		if _, err := s.cfg.Secrets.Get(ctx, connections.SecretKey(id, name)); err != nil {
			if secrets.IsUnavailable(err) {
				return false, err.Error()
			}
			return false, ""
		}
	}
	return true, ""
}

// Onboarded reports whether the first-run screen has been completed.
func (s *Service) Onboarded() bool { return s.reg.Onboarded() }

// CompleteOnboarding records that the first-run screen is done.
func (s *Service) CompleteOnboarding() error { return s.reg.SetOnboarded() }

// ValidateCredentials checks the shape of credentials a person typed.
func ValidateCredentials(c domain.Credentials) error {
	var errs domain.ValidationErrors
	check := func(field, label, v string, minLen int) {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			errs = append(errs, domain.FieldError(field, "Enter the %s from Investec Online.", label))
		case len(v) < minLen || len(v) > 512 || strings.ContainsAny(v, " \t\r\n"):
			errs = append(errs, domain.FieldError(field, "That does not look like an Investec %s; copy it again from Investec Online.", label))
		}
	}
	check("clientId", "client ID", c.ClientID, 8)
	check("clientSecret", "client secret", c.ClientSecret, 8)
	check("apiKey", "API key", c.APIKey, 16)
	return errs.Err()
}

func trimCredentials(c domain.Credentials) domain.Credentials {
	return domain.Credentials{
		ClientID: strings.TrimSpace(c.ClientID), ClientSecret: strings.TrimSpace(c.ClientSecret), APIKey: strings.TrimSpace(c.APIKey),
	}
}

// AddConnection creates a connection and, for real and custom ones, stores
// its credentials in the keyring. It does not switch to it.
func (s *Service) AddConnection(ctx context.Context, n domain.NewConnection) (domain.Connection, error) {
	if connections.UsesKeyring(n.Kind) {
		if err := ValidateCredentials(n.Credentials); err != nil {
			return domain.Connection{}, err
		}
	}
	e, err := s.reg.Add(n.Name, n.Kind, n.BaseURL, n.Business)
	if err != nil {
		return domain.Connection{}, err
	}
	if connections.UsesKeyring(n.Kind) {
		if err := s.storeCredentials(ctx, e.ID, trimCredentials(n.Credentials)); err != nil {
			// Do not leave a connection behind that cannot work.
			_ = s.reg.Remove(e.ID, true)
			return domain.Connection{}, err
		}
	}
	return s.toDomain(e, s.reg.ActiveID()), nil
}

// SetCredentials replaces a connection's credentials in the keyring.
func (s *Service) SetCredentials(ctx context.Context, id string, c domain.Credentials) error {
	e, err := s.reg.Get(id)
	if err != nil {
		return err
	}
	if !connections.UsesKeyring(e.Kind) {
		return domain.Errorf(domain.CodeInvalid, "This connection uses published test credentials; there is nothing to set.")
	}
	if err := ValidateCredentials(c); err != nil {
		return err
	}
	if err := s.storeCredentials(ctx, e.ID, trimCredentials(c)); err != nil {
		return err
	}
	return s.dropClient(e.ID)
}

func (s *Service) storeCredentials(ctx context.Context, id string, c domain.Credentials) error {
	vals := map[connections.Secret]string{
		connections.SecretClientID: c.ClientID, connections.SecretClientSecret: c.ClientSecret, connections.SecretAPIKey: c.APIKey,
	}
	for _, name := range connections.AllSecrets {
		if err := s.cfg.Secrets.Set(ctx, connections.SecretKey(id, name), vals[name]); err != nil {
			if secrets.IsUnavailable(err) {
				return domain.Wrap(err, domain.CodeKeyring, err.Error())
			}
			return domain.Wrap(err, domain.CodeKeyring, "The credentials could not be saved in the system keyring.")
		}
	}
	return nil
}

// UpdateConnection renames a connection (and moves a custom one to a new
// base URL).
func (s *Service) UpdateConnection(ctx context.Context, id, name, baseURL string) (domain.Connection, error) {
	e, err := s.reg.Update(id, name, baseURL)
	if err != nil {
		return domain.Connection{}, err
	}
	if err := s.dropClient(id); err != nil {
		return domain.Connection{}, err
	}
	cs, _ := s.Connections(ctx)
	for _, c := range cs {
		if c.ID == e.ID {
			return c, nil
		}
	}
	return s.toDomain(e, s.reg.ActiveID()), nil
}

// RemoveConnection deletes a connection and its keyring entries, and its
// cache when deleteCache is true (the UI asks first). The demo cannot be
// removed, only reset.
func (s *Service) RemoveConnection(ctx context.Context, id string, deleteCache bool) error {
	e, err := s.reg.Get(id)
	if err != nil {
		return err
	}
	if e.Kind == domain.KindDemo {
		return domain.Errorf(domain.CodeInvalid, "The demo connection is built in; use Reset demo data instead.")
	}
	s.mu.Lock()
	open := s.sess != nil && s.sess.entry.ID == id
	s.mu.Unlock()
	if open {
		if err := s.reopen(); err != nil {
			return err
		}
	}
	if connections.UsesKeyring(e.Kind) {
		for _, name := range connections.AllSecrets {
			if err := s.cfg.Secrets.Delete(ctx, connections.SecretKey(id, name)); err != nil {
				return domain.Wrap(err, domain.CodeKeyring, "The credentials could not be removed from the system keyring: "+err.Error())
			}
		}
	}
	if err := s.forgetCardEnvCopies(ctx, id); err != nil {
		// Removing a connection that keeps no credentials in the keyring
		// must not depend on the keyring being available.
		if connections.UsesKeyring(e.Kind) || !secrets.IsUnavailable(err) {
			return domain.Wrap(err, domain.CodeKeyring, "The card environment variables could not be removed from the system keyring: "+err.Error())
		}
	}
	return s.reg.Remove(id, deleteCache)
}

// SwitchConnection makes another connection the active one and opens it.
func (s *Service) SwitchConnection(ctx context.Context, id string) (domain.Connection, error) {
	if _, err := s.reg.Get(id); err != nil {
		return domain.Connection{}, err
	}
	if err := s.reg.SetActive(id); err != nil {
		return domain.Connection{}, err
	}
	s.stopBackground()
	if err := s.reopen(); err != nil {
		return domain.Connection{}, err
	}
	c, err := s.CurrentConnection(ctx)
	if err != nil {
		return domain.Connection{}, err
	}
	s.restartBackground()
	return c, nil
}

// dropClient forgets the API client of the open session when it belongs to
// id, and the syncer built on it, so the next call and the next sync use
// the connection's new base URL and credentials.
func (s *Service) dropClient(id string) error {
	s.mu.Lock()
	sess := s.sess
	s.mu.Unlock()
	if sess == nil || sess.entry.ID != id {
		return nil
	}
	sess.apiMu.Lock()
	sess.client = nil
	if e, err := s.reg.Get(id); err == nil {
		sess.entry = e
	}
	sess.apiMu.Unlock()
	// After the client: a syncer built meanwhile on the old client goes too.
	sess.dropSyncer()
	return nil
}

// appPermissions are the scopes the app uses, in the order a person sees
// them.
var appPermissions = []string{
	investec.ScopeAccounts, investec.ScopeBalances, investec.ScopeTransactions, investec.ScopeTransfers,
	investec.ScopeBeneficiaryPayments, investec.ScopeDocumentsStatements, investec.ScopeDocumentsTaxCertificates,
	investec.ScopeCards,
}

// TestCredentials tries credentials without storing them: which
// permissions the API key has and which accounts it sees. For an existing
// connection pass its ID and empty credentials to test what is stored.
func (s *Service) TestCredentials(ctx context.Context, kind domain.ConnectionKind, baseURL string, business bool, c domain.Credentials) (domain.ConnectionTest, error) {
	base, err := connections.BaseURLFor(kind, baseURL)
	if err != nil {
		return domain.ConnectionTest{}, err
	}
	if kind == domain.KindDemo || kind == domain.KindInvestecSandbox {
		return domain.ConnectionTest{}, domain.Errorf(domain.CodeInvalid, "Test the demo and Investec's sandbox by switching to them.")
	}
	if err := ValidateCredentials(c); err != nil {
		return domain.ConnectionTest{}, err
	}
	c = trimCredentials(c)
	client := investec.NewClient(investec.WithBaseURL(base), investec.WithHTTPClient(s.cfg.HTTPClient), investec.WithLogger(s.log),
		investec.WithCredentials(investec.Credentials{ClientID: c.ClientID, ClientSecret: c.ClientSecret, APIKey: c.APIKey}))
	return s.probe(ctx, client, business), nil
}

// TestConnection tries a stored connection's credentials and records the
// permissions it found.
func (s *Service) TestConnection(ctx context.Context, id string) (domain.ConnectionTest, error) {
	e, err := s.reg.Get(id)
	if err != nil {
		return domain.ConnectionTest{}, err
	}
	tmp := &session{svc: s, entry: e, dir: s.reg.Dir(e.ID)}
	s.mu.Lock()
	if s.sess != nil && s.sess.entry.ID == id {
		tmp = s.sess
	}
	s.mu.Unlock()
	client, err := tmp.api(ctx)
	if err != nil {
		return domain.ConnectionTest{OK: false, Message: domain.ErrorMessage(err), ErrorCode: domain.ErrorCode(err)}, nil
	}
	if tmp != s.sess && tmp.demoStop != nil {
		defer tmp.demoStop()
	}
	res := s.probe(ctx, client, e.Business)
	if res.OK {
		_ = s.reg.RecordTest(id, res.Permissions)
	}
	return res, nil
}

// probe asks Investec what the credentials allow.
func (s *Service) probe(ctx context.Context, client *investec.Client, business bool) domain.ConnectionTest {
	fail := func(err error) domain.ConnectionTest {
		err = investec.DomainError(err)
		return domain.ConnectionTest{OK: false, Message: domain.ErrorMessage(err), ErrorCode: domain.ErrorCode(err),
			Permissions: []string{}, Missing: []string{}, Accounts: []domain.Account{}}
	}
	scopes, err := client.Scopes(ctx)
	if err != nil {
		return fail(err)
	}
	res := domain.ConnectionTest{OK: true, Permissions: []string{}, Missing: []string{}, Accounts: []domain.Account{}}
	for _, p := range investec.PermissionsForScopes(scopes) {
		res.Permissions = append(res.Permissions, p.Label)
	}
	for _, sc := range appPermissions {
		if business && sc != investec.ScopeAccounts && sc != investec.ScopeTransactions && sc != investec.ScopeCards {
			continue // business keys cannot have these
		}
		if !slices.Contains(scopes, sc) {
			res.Missing = append(res.Missing, investec.PermissionForScope(sc).Label)
		}
	}
	if slices.Contains(scopes, investec.ScopeAccounts) {
		accounts, err := s.listAccounts(ctx, client, business)
		if err != nil {
			return fail(err)
		}
		res.Accounts = accounts
	}
	res.Message = connectionSummary(res)
	return res
}

func (s *Service) listAccounts(ctx context.Context, client *investec.Client, business bool) ([]domain.Account, error) {
	out := []domain.Account{}
	if business {
		accts, err := client.ListCIBAccounts(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range accts {
			out = append(out, a.ToDomain())
		}
		return out, nil
	}
	accts, err := client.ListAccounts(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accts {
		out = append(out, a.ToDomain())
	}
	return out, nil
}

func connectionSummary(r domain.ConnectionTest) string {
	var b strings.Builder
	b.WriteString("Connected. ")
	switch n := len(r.Accounts); n {
	case 0:
		b.WriteString("The key sees no accounts.")
	case 1:
		b.WriteString("The key sees 1 account.")
	default:
		b.WriteString("The key sees " + strconv.Itoa(n) + " accounts.")
	}
	if len(r.Missing) > 0 {
		b.WriteString(" Not granted: " + strings.Join(r.Missing, ", ") + ".")
	}
	return b.String()
}

// Connect tests a new connection's credentials and, only when Investec
// accepts them, saves the connection (credentials in the keyring), records
// the permissions found and makes it the active connection. Connecting
// again under an existing name replaces that connection's credentials.
// Nothing is stored when the test fails; the result says why.
func (s *Service) Connect(ctx context.Context, n domain.NewConnection) (domain.Connection, domain.ConnectionTest, error) {
	test, err := s.TestCredentials(ctx, n.Kind, n.BaseURL, n.Business, n.Credentials)
	if err != nil || !test.OK {
		return domain.Connection{}, test, err
	}
	var id string
	if existing, err := s.reg.Get(strings.TrimSpace(n.Name)); err == nil && connections.UsesKeyring(existing.Kind) {
		// The credentials were tested against what n describes: keep them
		// only for a connection to the same place.
		if existing.Kind != n.Kind || existing.Business != n.Business {
			return domain.Connection{}, test, domain.FieldError("name",
				"A connection called %q already exists for another kind of account; choose another name, or remove it first.", existing.Name)
		}
		if base, _ := connections.BaseURLFor(n.Kind, n.BaseURL); base != existing.BaseURL {
			if _, err := s.reg.Update(existing.ID, existing.Name, base); err != nil {
				return domain.Connection{}, test, err
			}
		}
		if err := s.SetCredentials(ctx, existing.ID, n.Credentials); err != nil {
			return domain.Connection{}, test, err
		}
		id = existing.ID
	} else {
		c, err := s.AddConnection(ctx, n)
		if err != nil {
			return domain.Connection{}, test, err
		}
		id = c.ID
	}
	if err := s.reg.RecordTest(id, test.Permissions); err != nil {
		return domain.Connection{}, test, err
	}
	c, err := s.SwitchConnection(ctx, id)
	return c, test, err
}

// AddInvestecSandbox adds (or reuses) a connection to Investec's public
// sandbox, which uses published test credentials and needs the internet,
// and switches to it.
func (s *Service) AddInvestecSandbox(ctx context.Context, business bool) (domain.Connection, error) {
	name := "Investec sandbox"
	if business {
		name = "Investec business sandbox"
	}
	for _, e := range s.reg.List() {
		if e.Kind == domain.KindInvestecSandbox && e.Business == business {
			return s.SwitchConnection(ctx, e.ID)
		}
	}
	c, err := s.AddConnection(ctx, domain.NewConnection{Name: name, Kind: domain.KindInvestecSandbox, Business: business})
	if err != nil {
		return domain.Connection{}, err
	}
	return s.SwitchConnection(ctx, c.ID)
}
