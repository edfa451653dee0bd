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
