// Package connections keeps the list of named connections (which base URL,
// which kind, which one is active) in a small JSON file in the data
// directory, and gives each connection its own directory for its cache and
// documents. It never stores a secret: credentials live in the OS keyring
// under keys derived from the connection's ID (see SecretKey).
package connections

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Base URLs of the places a connection can point at.
const (
	ProductionURL      = "https://openapi.investec.com"
	InvestecSandboxURL = "https://openapisandbox.investec.com"
)

// DemoID is the ID of the built-in demo connection.
const DemoID = "demo"

const fileName = "connections.json"

// Entry is one connection as stored on disk.
type Entry struct {
	ID           string                `json:"id"`
	Name         string                `json:"name"`
	Kind         domain.ConnectionKind `json:"kind"`
	BaseURL      string                `json:"baseUrl"`
	Business     bool                  `json:"business"`
	CreatedAt    time.Time             `json:"createdAt"`
	Permissions  []string              `json:"permissions,omitempty"`
	LastTestedAt time.Time             `json:"lastTestedAt,omitzero"`
}

type file struct {
	Version     int     `json:"version"`
	Active      string  `json:"active"`
	Onboarded   bool    `json:"onboarded"`
	Connections []Entry `json:"connections"`
}

// Registry is the list of connections in one data directory. It is safe for
// concurrent use within a process; every change is written to disk at once
// (atomically, mode 0600).
type Registry struct {
	dir string
	now func() time.Time
	mu  sync.Mutex
	f   file
}

// Open loads the registry in dataDir, creating the directory (0700) and an
// empty registry if needed.
func Open(dataDir string) (*Registry, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	r := &Registry{dir: dataDir, now: time.Now, f: file{Version: 1}}
	b, err := os.ReadFile(filepath.Join(dataDir, fileName))
	switch {
	case errors.Is(err, os.ErrNotExist):
		return r, nil
	case err != nil:
		return nil, fmt.Errorf("read connections: %w", err)
	}
	if err := json.Unmarshal(b, &r.f); err != nil {
		return nil, domain.Wrap(err, domain.CodeInternal,
			"The connections file "+filepath.Join(dataDir, fileName)+" is damaged. Move it aside to start again.")
	}
	return r, nil
}

// DataDir returns the registry's data directory.
func (r *Registry) DataDir() string { return r.dir }

// Dir returns the directory that holds a connection's cache and documents.
// IDs are validated when created, so the path stays inside the data dir.
func (r *Registry) Dir(id string) string {
	return filepath.Join(r.dir, "connections", id)
}

// List returns every connection, the active one marked.
func (r *Registry) List() []Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.f.Connections)
}

// Active returns the active connection, or false when there is none.
func (r *Registry) Active() (Entry, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.find(r.f.Active)
}

// ActiveID returns the ID of the active connection ("" if none).
func (r *Registry) ActiveID() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.f.Active
}

// Get returns the connection with the given ID or name.
func (r *Registry) Get(idOrName string) (Entry, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e, ok := r.find(idOrName); ok {
		return e, nil
	}
	for _, e := range r.f.Connections {
		if strings.EqualFold(e.Name, idOrName) {
			return e, nil
		}
	}
	return Entry{}, domain.Errorf(domain.CodeNotFound, "There is no connection called %q.", idOrName)
}

func (r *Registry) find(id string) (Entry, bool) {
	for _, e := range r.f.Connections {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

// Onboarded reports whether the person has been through the first-run
// screen.
func (r *Registry) Onboarded() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.f.Onboarded
}

// SetOnboarded records that the first-run screen has been completed.
func (r *Registry) SetOnboarded() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.f.Onboarded = true
	return r.save()
}

// EnsureDemo adds the built-in demo connection if it is missing, and makes
// it active when no connection is. It returns the demo entry.
func (r *Registry) EnsureDemo() (Entry, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.find(DemoID)
	if !ok {
		e = Entry{ID: DemoID, Name: "Demo", Kind: domain.KindDemo, CreatedAt: r.now().UTC()}
		r.f.Connections = append([]Entry{e}, r.f.Connections...)
	}
	if _, ok := r.find(r.f.Active); !ok {
		r.f.Active = DemoID
	}
	return e, r.save()
}

// Add creates a connection and returns it. The base URL is derived from the
// kind unless the kind is custom.
func (r *Registry) Add(name string, kind domain.ConnectionKind, baseURL string, business bool) (Entry, error) {
	name = strings.TrimSpace(name)
	if err := validateName(name); err != nil {
		return Entry{}, err
	}
	u, err := BaseURLFor(kind, baseURL)
	if err != nil {
		return Entry{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.f.Connections {
		if strings.EqualFold(e.Name, name) {
			return Entry{}, domain.FieldError("name", "A connection called %q already exists.", e.Name)
		}
	}
	if kind == domain.KindDemo {
		return Entry{}, domain.FieldError("kind", "The demo connection is built in.")
	}
	id := slug(name) + "-" + randomSuffix()
	e := Entry{ID: id, Name: name, Kind: kind, BaseURL: u, Business: business, CreatedAt: r.now().UTC()}
	r.f.Connections = append(r.f.Connections, e)
	if r.f.Active == "" {
		r.f.Active = id
	}
	return e, r.save()
}

// Update changes a connection's name, and for custom connections its base
// URL. The kind of a connection never changes.
func (r *Registry) Update(id, name, baseURL string) (Entry, error) {
	name = strings.TrimSpace(name)
	if err := validateName(name); err != nil {
		return Entry{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.f.Connections {
		if e.ID != id && strings.EqualFold(e.Name, name) {
			return Entry{}, domain.FieldError("name", "A connection called %q already exists.", e.Name)
		}
	}
	for i := range r.f.Connections {
		e := &r.f.Connections[i]
		if e.ID != id {
			continue
		}
		if e.Kind == domain.KindCustom && baseURL != "" {
			u, err := BaseURLFor(domain.KindCustom, baseURL)
			if err != nil {
				return Entry{}, err
			}
			e.BaseURL = u
		}
		e.Name = name
		return *e, r.save()
	}
	return Entry{}, domain.Errorf(domain.CodeNotFound, "That connection no longer exists.")
}

// RecordTest stores the permission labels a successful test or sync saw.
func (r *Registry) RecordTest(id string, permissions []string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.f.Connections {
		if r.f.Connections[i].ID == id {
			r.f.Connections[i].Permissions = slices.Clone(permissions)
			r.f.Connections[i].LastTestedAt = r.now().UTC()
			return r.save()
		}
	}
	return domain.Errorf(domain.CodeNotFound, "That connection no longer exists.")
}

// SetActive makes the connection with the given ID the active one.
func (r *Registry) SetActive(id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.find(id); !ok {
		return domain.Errorf(domain.CodeNotFound, "That connection no longer exists.")
	}
	r.f.Active = id
	return r.save()
}

// Remove deletes a connection from the list. When deleteCache is true its
// directory (cache database and downloaded documents) is deleted too. The
// caller deletes its keyring entries.
func (r *Registry) Remove(id string, deleteCache bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := slices.IndexFunc(r.f.Connections, func(e Entry) bool { return e.ID == id })
	if i < 0 {
		return domain.Errorf(domain.CodeNotFound, "That connection no longer exists.")
	}
	r.f.Connections = slices.Delete(r.f.Connections, i, i+1)
	if r.f.Active == id {
		r.f.Active = ""
		if len(r.f.Connections) > 0 {
			r.f.Active = r.f.Connections[0].ID
		}
	}
	if err := r.save(); err != nil {
		return err
	}
	if deleteCache {
		if err := os.RemoveAll(r.Dir(id)); err != nil {
			return fmt.Errorf("delete the connection's cache: %w", err)
		}
	}
	return nil
}

// save writes the registry atomically with mode 0600. Call with mu held.
func (r *Registry) save() error {
	b, err := json.MarshalIndent(r.f, "", "  ")
	if err != nil {
		return fmt.Errorf("encode connections: %w", err)
	}
	return WriteFileAtomic(filepath.Join(r.dir, fileName), b, 0o600)
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so readers see the old or the new file, never a
// torn one.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // gone already after a successful rename
	if err := tmp.Chmod(perm); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// BaseURLFor returns the base URL a connection of the given kind uses. For
// a custom connection it validates the URL given.
func BaseURLFor(kind domain.ConnectionKind, custom string) (string, error) {
	switch kind {
	case domain.KindDemo:
		return "", nil // decided at run time: the in-process sandbox's address
	case domain.KindInvestecSandbox:
		return InvestecSandboxURL, nil
	case domain.KindInvestec:
		return ProductionURL, nil
	case domain.KindCustom:
		u, err := url.Parse(strings.TrimSpace(custom))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return "", domain.FieldError("baseUrl", "Enter a full URL such as https://openapi.example.com.")
		}
		if u.Scheme == "http" && !isLoopback(u.Hostname()) {
			return "", domain.FieldError("baseUrl", "Use https: credentials must not travel unencrypted (plain http is allowed only for this computer, e.g. http://127.0.0.1:8080).")
		}
		u.RawQuery, u.Fragment = "", ""
		return strings.TrimRight(u.String(), "/"), nil
	}
	return "", domain.FieldError("kind", "Choose what to connect to.")
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

func validateName(name string) error {
	switch {
	case name == "":
		return domain.FieldError("name", "Give the connection a name.")
	case len([]rune(name)) > 60:
		return domain.FieldError("name", "Keep the name under 60 characters.")
	case strings.ContainsAny(name, "\x00\r\n\t"):
		return domain.FieldError("name", "The name cannot contain control characters.")
	}
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 24 {
		s = strings.TrimRight(s[:24], "-")
	}
	if s == "" {
		s = "connection"
	}
	return s
}

func randomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Secret names the keyring entries of a connection.
type Secret string

// The three secrets a connection keeps in the keyring.
const (
	SecretClientID     Secret = "client_id"
	SecretClientSecret Secret = "client_secret"
	SecretAPIKey       Secret = "api_key"
)

// AllSecrets lists the keyring entries of a connection.
var AllSecrets = []Secret{SecretClientID, SecretClientSecret, SecretAPIKey}

// SecretKey returns the keyring key of one of a connection's secrets.
func SecretKey(connectionID string, s Secret) string {
	return "connection/" + connectionID + "/" + string(s)
}

// UsesKeyring reports whether connections of this kind keep credentials in
// the keyring. The demo and Investec's public sandbox use published test
// credentials, so they need none.
func UsesKeyring(kind domain.ConnectionKind) bool {
	return kind == domain.KindInvestec || kind == domain.KindCustom
}
