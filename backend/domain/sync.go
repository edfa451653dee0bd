package domain

// SyncPhase says what a sync is doing at the moment a progress event is sent.
type SyncPhase string

// The phases of a sync run.
const (
	PhaseStarted       SyncPhase = "started"
	PhaseAccounts      SyncPhase = "accounts"
	PhaseBalances      SyncPhase = "balances"
	PhaseTransactions  SyncPhase = "transactions"
	PhasePending       SyncPhase = "pending"
	PhaseBeneficiaries SyncPhase = "beneficiaries"
	PhaseDocuments     SyncPhase = "documents"
	PhaseAccountDone   SyncPhase = "account_done"
	PhaseAccountError  SyncPhase = "account_error"
	PhaseWaiting       SyncPhase = "waiting" // rate limited: waiting as Investec asked
	PhaseFinished      SyncPhase = "finished"
)

// SyncProgress is one progress event of a running sync.
type SyncProgress struct {
	RunID        int64     `json:"runId"`
	Phase        SyncPhase `json:"phase"`
	AccountID    string    `json:"accountId"`
	AccountName  string    `json:"accountName"`
	AccountIndex int       `json:"accountIndex"` // 1-based
	AccountCount int       `json:"accountCount"`
	WindowFrom   string    `json:"windowFrom"`
	WindowTo     string    `json:"windowTo"`
	Fetched      int       `json:"fetched"`  // transactions fetched so far in this run
	Inserted     int       `json:"inserted"` // net new rows so far in this run
	Message      string    `json:"message"`
}

// SyncRun is the recorded result of one sync.
type SyncRun struct {
	ID           int64  `json:"id"`
	StartedAt    string `json:"startedAt"`
	FinishedAt   string `json:"finishedAt"`
	Trigger      string `json:"trigger"` // manual, background, cli
	Accounts     int    `json:"accounts"`
	Fetched      int    `json:"fetched"`
	Added        int    `json:"added"`
	Removed      int    `json:"removed"`
	Failed       int    `json:"failed"` // accounts that failed
	ErrorCode    Code   `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

// SyncInterval is how often the app syncs in the background.
type SyncInterval string

// The background sync choices.
const (
	SyncOff       SyncInterval = "off"
	Sync15Minutes SyncInterval = "15m"
	SyncHourly    SyncInterval = "1h"
	SyncDaily     SyncInterval = "24h"
)

// Event names sent from the backend to the frontend.
const (
	EventSyncProgress   = "sync:progress"
	EventSyncDone       = "sync:done"
	EventOnline         = "net:status"
	EventExportProgress = "export:progress"
)
