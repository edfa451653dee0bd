package domain

// Document is one entry of an account's document list (a statement or a tax
// certificate) as Investec listed it, plus where the file was saved once it
// has been downloaded.
type Document struct {
	AccountID    string `json:"accountId"`
	DocumentType string `json:"documentType"` // e.g. "Statement", exactly as listed
	DocumentDate string `json:"documentDate"` // YYYY-MM-DD, exactly as listed
	// FilePath is the downloaded file's location, or "" when it has not been
	// downloaded.
	FilePath string `json:"filePath"`
	Size     int64  `json:"size"`   // bytes; 0 until downloaded
	SHA256   string `json:"sha256"` // hex; "" until downloaded
	// ListedAt is when the document was last seen in a listing (RFC 3339).
	ListedAt string `json:"listedAt"`
}

// BalancePoint is an account's closing running balance on one day, taken
// from the last posted transaction of that day.
type BalancePoint struct {
	Date    string `json:"date"` // YYYY-MM-DD
	Balance Money  `json:"balance"`
}

// MonthlyFlow is the money that came in and went out of one account in one
// calendar month (by posting date), posted transactions only.
type MonthlyFlow struct {
	AccountID string `json:"accountId"`
	Month     string `json:"month"` // YYYY-MM
	In        Money  `json:"in"`
	Out       Money  `json:"out"` // positive
	Net       Money  `json:"net"`
	Count     int64  `json:"count"`
}

// MonthlyGroupTotal is the money in and out for one group (a transaction
// type or a category) in one calendar month, posted transactions only.
type MonthlyGroupTotal struct {
	Month string `json:"month"` // YYYY-MM
	Group string `json:"group"` // the transactionType or the category ("" = none)
	In    Money  `json:"in"`
	Out   Money  `json:"out"` // positive
	Net   Money  `json:"net"`
	Count int64  `json:"count"`
}

// OrphanedAnnotation is an annotation whose transaction no longer appears in
// the bank's history (a pending transaction that was cancelled, say). It is
// kept, with a copy of the transaction it belonged to, so the user can see
// and re-use or delete it.
type OrphanedAnnotation struct {
	ID              int64     `json:"id"`
	AccountID       string    `json:"accountId"`
	Status          Status    `json:"status"`
	Type            Direction `json:"type"`
	Description     string    `json:"description"`
	PostingDate     string    `json:"postingDate"`
	TransactionDate string    `json:"transactionDate"`
	Amount          Money     `json:"amount"`
	Category        string    `json:"category"`
	Note            string    `json:"note"`
	OrphanedAt      string    `json:"orphanedAt"` // RFC 3339
}

// AccountSyncState is how much of an account's history the cache holds.
type AccountSyncState struct {
	AccountID string `json:"accountId"`
	// OldestDate and NewestDate bound the posting dates fetched so far
	// (YYYY-MM-DD), "" before the first sync.
	OldestDate string `json:"oldestDate"`
	NewestDate string `json:"newestDate"`
	// BackfillComplete is true once the backwards walk found the start of
	// the history (several empty windows in a row).
	BackfillComplete bool `json:"backfillComplete"`
	// EmptyWindows counts consecutive empty windows at the backwards
	// frontier, so an interrupted backfill resumes where it stopped.
	EmptyWindows     int    `json:"emptyWindows"`
	LastSuccessAt    string `json:"lastSuccessAt"` // RFC 3339 or ""
	LastAttemptAt    string `json:"lastAttemptAt"` // RFC 3339 or ""
	LastErrorCode    Code   `json:"lastErrorCode"`
	LastErrorMessage string `json:"lastErrorMessage"`
}
