package domain

// ConnectionKind says what a connection talks to.
type ConnectionKind string

// The kinds of connection.
const (
	// KindDemo is the built-in sandbox, running inside the app: no account,
	// no network, realistic data. The default for a newcomer.
	KindDemo ConnectionKind = "demo"
	// KindInvestecSandbox is Investec's public sandbox with its published
	// test credentials (needs the internet).
	KindInvestecSandbox ConnectionKind = "investec_sandbox"
	// KindInvestec is a real Investec account (production API).
	KindInvestec ConnectionKind = "investec"
	// KindCustom is any other base URL (a self-hosted simulator, say).
	KindCustom ConnectionKind = "custom"
)

// AllConnectionKinds lists every ConnectionKind, for the frontend's enum.
var AllConnectionKinds = []struct {
	Value  ConnectionKind
	TSName string
}{
	{KindDemo, "Demo"},
	{KindInvestecSandbox, "InvestecSandbox"},
	{KindInvestec, "Investec"},
	{KindCustom, "Custom"},
}

// Connection is a named way to reach Investec: a base URL and, for real
// accounts, credentials kept in the OS keyring. Each connection has its own
// cache so data never mixes. A Connection never carries a secret; it only
// says whether the secrets are set.
type Connection struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Kind     ConnectionKind `json:"kind"`
	BaseURL  string         `json:"baseUrl"`
	Business bool           `json:"business"` // a business (CIB) connection
	Active   bool           `json:"active"`
	// HasCredentials is true when the client ID, secret and API key are all
	// stored in the keyring (always true for the demo and Investec's
	// sandbox, whose credentials are public).
	HasCredentials bool `json:"hasCredentials"`
	// KeyringProblem, when set, says why the keyring could not be asked
	// (missing or locked) and what to do; HasCredentials is then unknown
	// and false.
	KeyringProblem string `json:"keyringProblem,omitempty"`
	CreatedAt      string `json:"createdAt"`
	// Permissions are the labels of what the API key allows, as reported by
	// the last successful test or sync (e.g. "Account balance").
	Permissions  []string `json:"permissions"`
	LastTestedAt string   `json:"lastTestedAt"`
}

// Credentials are what Investec Online issues for API access. They travel
// from the frontend to the backend once, to be tested and stored in the
// keyring, and never back.
type Credentials struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
	APIKey       string `json:"apiKey"`
}

// String redacts the secret parts so a stray %v cannot leak them.
func (c Credentials) String() string {
	return "Credentials{ClientID:" + redact(c.ClientID) + " ClientSecret:" + redact(c.ClientSecret) + " APIKey:" + redact(c.APIKey) + "}"
}

// GoString redacts like String.
func (c Credentials) GoString() string { return c.String() }

func redact(s string) string {
	if s == "" {
		return "(empty)"
	}
	return "(set)"
}

// ConnectionTest is the result of trying a connection's credentials.
type ConnectionTest struct {
	OK          bool      `json:"ok"`
	Message     string    `json:"message"`
	Permissions []string  `json:"permissions"`
	Missing     []string  `json:"missing"` // permissions the app could use but the key lacks
	Accounts    []Account `json:"accounts"`
	ErrorCode   Code      `json:"errorCode"`
}

// NewConnection is what a person fills in to add a connection.
type NewConnection struct {
	Name        string         `json:"name"`
	Kind        ConnectionKind `json:"kind"`
	BaseURL     string         `json:"baseUrl"` // custom connections only
	Business    bool           `json:"business"`
	Credentials Credentials    `json:"credentials"` // real and custom connections only
}

// ConnectResult is the outcome of connecting: the test of the credentials
// and, when Investec accepted them, the saved connection.
type ConnectResult struct {
	Test       ConnectionTest `json:"test"`
	Connection *Connection    `json:"connection,omitempty"`
}
