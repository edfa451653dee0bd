package domain

// NetState is what the app last learned about reaching the bank.
type NetState string

// The network states.
const (
	NetUnknown NetState = "unknown" // nothing tried yet
	NetOnline  NetState = "online"
	NetOffline NetState = "offline"
)

// AppStatus is what the top bar shows: which connection, whether the bank can
// be reached, when data was last synced and whether a sync is running.
type AppStatus struct {
	Connection   Connection   `json:"connection"`
	Net          NetState     `json:"net"`
	NetMessage   string       `json:"netMessage"`
	LastSyncedAt string       `json:"lastSyncedAt"` // RFC 3339 of the last successful sync, "" if never
	Syncing      bool         `json:"syncing"`
	LastRun      *SyncRun     `json:"lastRun,omitempty"`
	Interval     SyncInterval `json:"interval"`
	Onboarded    bool         `json:"onboarded"`
	DemoOffline  bool         `json:"demoOffline"` // the demo bank is switched off to try offline use
}
