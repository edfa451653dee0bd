package domain

// Card is a bank card the connection can see, as the Cards view lists it.
// Number is masked as Investec sends it (e.g. 402167XXXXXX1111); Last4 is
// its last four digits, which also identify the card on the command line
// when they are unique.
type Card struct {
	Key           string `json:"key"`
	Number        string `json:"number"`
	Last4         string `json:"last4"`
	Programmable  bool   `json:"programmable"`
	Status        string `json:"status"`
	TypeCode      string `json:"typeCode"`
	AccountID     string `json:"accountId"`
	AccountNumber string `json:"accountNumber"`
	// AccountName is the cached account's name, "" when the account has not
	// been synced.
	AccountName  string `json:"accountName"`
	EmbossedName string `json:"embossedName"`
	Virtual      bool   `json:"virtual"`
	// Cached is true when Investec could not be reached and the card comes
	// from the local cache, as Investec listed it at FetchedAt.
	Cached bool `json:"cached"`
	// FetchedAt is when Investec listed the card (RFC 3339).
	FetchedAt string `json:"fetchedAt"`
}

// CardCode is one version of a card's JavaScript at the bank. Timestamps
// are RFC 3339 as Investec sent them; PublishedAt is "" when this version
// was never published.
type CardCode struct {
	CodeID      string `json:"codeId"`
	Code        string `json:"code"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
	PublishedAt string `json:"publishedAt"`
}

// CardCodeState is a card's saved code (what the editor edits and Publish
// would send live) and its published code (what runs on real
// transactions).
type CardCodeState struct {
	CardKey   string   `json:"cardKey"`
	Saved     CardCode `json:"saved"`
	Published CardCode `json:"published"`
	// Differs is true when the saved code's text is not the published
	// code's: publishing would change what runs.
	Differs bool `json:"differs"`
	// Cached is true when Investec could not be reached and both versions
	// come from the local code history (the newest saved and published
	// versions it knows).
	Cached bool `json:"cached"`
}

// CodeCheck is the outcome of a syntax check of card code. Line and Column
// (1-based) locate the error when known, else they are 0.
type CodeCheck struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// CodeVersionKind says how a version of card code entered the local
// history.
type CodeVersionKind string

// The kinds of code version.
const (
	CodeVersionSaved     CodeVersionKind = "saved"
	CodeVersionPublished CodeVersionKind = "published"
)

// CodeVersion is one entry of a card's local code history: a version that
// was saved or published (through this app, or seen at the bank). SHA256 is
// the hex digest of Code; At is when it was saved or published (RFC 3339).
type CodeVersion struct {
	ID      int64           `json:"id"`
	CardKey string          `json:"cardKey"`
	Kind    CodeVersionKind `json:"kind"`
	CodeID  string          `json:"codeId"`
	Code    string          `json:"code"`
	SHA256  string          `json:"sha256"`
	At      string          `json:"at"`
}

// EnvVar is one of a card's environment variables, which card code reads as
// process.env.<Key>. Values are always strings.
type EnvVar struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// CardEnv is a card's environment variables, sorted by key. UpdatedAt is
// when Investec last replaced them (RFC 3339, "" if unknown).
type CardEnv struct {
	CardKey   string   `json:"cardKey"`
	Variables []EnvVar `json:"variables"`
	UpdatedAt string   `json:"updatedAt"`
	// Cached is true when Investec could not be reached and the variables
	// are the copy kept in the system keyring at CachedAt (RFC 3339).
	Cached   bool   `json:"cached"`
	CachedAt string `json:"cachedAt"`
}

// EnvChangeKind says how saving would change one environment variable.
type EnvChangeKind string

// The kinds of environment variable change.
const (
	EnvAdded   EnvChangeKind = "added"
	EnvChanged EnvChangeKind = "changed"
	EnvRemoved EnvChangeKind = "removed"
)

// EnvChange is one difference between a card's environment variables at
// the bank and a proposed replacement.
type EnvChange struct {
	Key  string        `json:"key"`
	Kind EnvChangeKind `json:"kind"`
	Old  string        `json:"old"`
	New  string        `json:"new"`
}

// CardTemplate is a ready-made piece of card code with the environment
// variables it reads and suggested values for them.
type CardTemplate struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Code        string   `json:"code"`
	Env         []EnvVar `json:"env"`
}

// RefItem is an entry of the card reference data: a country (alpha-2
// code), a currency (ISO 4217 code) or a merchant category (MCC).
type RefItem struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// CardReference is the reference data the simulation form offers. Source
// is "investec" when it came from the API and "built-in" when the API could
// not be reached and the app's own tables were used.
type CardReference struct {
	Countries  []RefItem `json:"countries"`
	Currencies []RefItem `json:"currencies"`
	Merchants  []RefItem `json:"merchants"`
	Source     string    `json:"source"`
}

// SimulationMode says where a simulation runs.
type SimulationMode string

// The simulation modes.
const (
	// SimulateLocal runs the code in the app's offline emulator.
	SimulateLocal SimulationMode = "local"
	// SimulateInvestec runs the code in Investec's own simulator (the
	// execute endpoint).
	SimulateInvestec SimulationMode = "investec"
)

// SimulationRequest describes a made-up card transaction to run card code
// against. Amount is typed by a person in the currency's major unit (rands
// for ZAR, e.g. "123.45") and converted to minor units exactly.
// CurrencyCode defaults to "zar" and CountryCode to "ZA". Code is the code
// to run, normally the editor's current text (saved or not).
type SimulationRequest struct {
	Mode         SimulationMode `json:"mode"`
	Code         string         `json:"code"`
	Amount       string         `json:"amount"`
	CurrencyCode string         `json:"currencyCode"`
	MerchantCode string         `json:"merchantCode"`
	MerchantName string         `json:"merchantName"`
	MerchantCity string         `json:"merchantCity"`
	CountryCode  string         `json:"countryCode"`
}

// SimulationResult is what a simulation did. Approved is the
// beforeTransaction decision. CentsAmount is the amount sent, in minor
// units.
type SimulationResult struct {
	Mode        SimulationMode  `json:"mode"`
	CardKey     string          `json:"cardKey"`
	Approved    bool            `json:"approved"`
	CentsAmount Money           `json:"centsAmount"`
	Executions  []CardExecution `json:"executions"`
	RanAt       string          `json:"ranAt"`
}

// ExecutionSource says where a card code execution comes from.
type ExecutionSource string

// The execution sources.
const (
	// ExecutionReal is a run on a real card transaction at Investec.
	ExecutionReal ExecutionSource = "real"
	// ExecutionSimulated is a run of Investec's simulator (execute).
	ExecutionSimulated ExecutionSource = "simulated"
	// ExecutionLocal is a run of the app's offline emulator, kept only in
	// the local cache.
	ExecutionLocal ExecutionSource = "local"
)

// ExecutionLog is one console line of a card code execution. Level is
// "info", "warn" or "error".
type ExecutionLog struct {
	CreatedAt string `json:"createdAt"`
	Level     string `json:"level"`
	Content   string `json:"content"`
}

// LocalRun describes the made-up transaction a local execution ran on.
type LocalRun struct {
	CentsAmount  Money  `json:"centsAmount"`
	CurrencyCode string `json:"currencyCode"`
	MerchantCode string `json:"merchantCode"`
	MerchantName string `json:"merchantName"`
	MerchantCity string `json:"merchantCity"`
	CountryCode  string `json:"countryCode"`
	CodeSHA256   string `json:"codeSha256"`
}

// TransactionLink names the cached transaction a real execution belongs
// to.
type TransactionLink struct {
	TransactionID   int64  `json:"transactionId"`
	AccountID       string `json:"accountId"`
	Description     string `json:"description"`
	Amount          Money  `json:"amount"`
	TransactionDate string `json:"transactionDate"`
}

// CardExecution is one run of a hook of card code: Type is
// "before_transaction", "after_transaction" or "after_decline"; Approved is
// set only for before_transaction. Error is "" when the run completed.
// Timestamps are RFC 3339. Local is set for local runs and Transaction for
// real runs that match a cached transaction.
type CardExecution struct {
	ID          string           `json:"id"`
	CardKey     string           `json:"cardKey"`
	Source      ExecutionSource  `json:"source"`
	Type        string           `json:"type"`
	Approved    *bool            `json:"approved,omitempty"`
	Logs        []ExecutionLog   `json:"logs"`
	Error       string           `json:"error"`
	CodeID      string           `json:"codeId"`
	CreatedAt   string           `json:"createdAt"`
	StartedAt   string           `json:"startedAt"`
	CompletedAt string           `json:"completedAt"`
	Local       *LocalRun        `json:"local,omitempty"`
	Transaction *TransactionLink `json:"transaction,omitempty"`
}

// CardExecutionLog is a card's execution log, newest first: Investec's
// executions (real and simulated) and the local emulator's runs. When
// Investec's part could not be read, BankMessage says why (safe to show)
// and only the local runs are listed.
type CardExecutionLog struct {
	CardKey     string          `json:"cardKey"`
	Executions  []CardExecution `json:"executions"`
	BankMessage string          `json:"bankMessage"`
	// Linked counts the real executions matched to a cached transaction.
	Linked int `json:"linked"`
}
