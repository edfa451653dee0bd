package domain

// ConnectionCache says how much a connection keeps on this computer, so the
// Settings view can say what "also delete its cached data" would remove.
type ConnectionCache struct {
	ConnectionID string `json:"connectionId"`
	// Exists is false when the connection has never opened a cache.
	Exists       bool  `json:"exists"`
	Accounts     int   `json:"accounts"`
	Transactions int64 `json:"transactions"`
	// Bytes is the size on disk of the cache and the downloaded documents.
	Bytes int64 `json:"bytes"`
}

// DemoChoice is the outcome of choosing the demo on the first-run screen:
// the connection now in use and whether choosing it switched connections
// (the views then reload their data).
type DemoChoice struct {
	Connection Connection `json:"connection"`
	Switched   bool       `json:"switched"`
}
