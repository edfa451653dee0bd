package domain

// Events of the Statements & export feature (see also EventExportProgress).
const (
	// EventExportDone carries the ExportOutcome of a finished export, so a
	// view opened after the export started still learns how it ended.
	EventExportDone = "export:done"
	// EventDocumentsProgress carries a DocumentsProgress while documents
	// download.
	EventDocumentsProgress = "documents:progress"
)

// ExportFormat is what an export produces.
type ExportFormat string

// The export formats.
const (
	// FormatXLSX is one Excel workbook: a Summary that reconciles every
	// account, a ledger sheet per account, Pending and Categories.
	FormatXLSX ExportFormat = "xlsx"
	// FormatCSV is one CSV file per account, in a folder.
	FormatCSV ExportFormat = "csv"
	// FormatOFX is one OFX statement per account, in a folder.
	FormatOFX ExportFormat = "ofx"
	// FormatPack is the accountant pack: the workbook, the CSV and OFX
	// files, the bank's statements and tax certificates and a manifest of
	// checksums, as a folder or a zip archive.
	FormatPack ExportFormat = "pack"
)

// AllExportFormats lists every ExportFormat, for the frontend's enum.
var AllExportFormats = []struct {
	Value  ExportFormat
	TSName string
}{
	{FormatXLSX, "XLSX"},
	{FormatCSV, "CSV"},
	{FormatOFX, "OFX"},
	{FormatPack, "Pack"},
}

// ExportRequest is what a person asked to export.
type ExportRequest struct {
	Period PeriodRequest `json:"period"`
	// AccountIDs are the accounts to export, in order; empty means all.
	AccountIDs []string     `json:"accountIds"`
	Format     ExportFormat `json:"format"`
	// Path is where to write: the workbook file (xlsx); the folder that
	// receives the files (csv, ofx); the pack's folder, or its archive when
	// it ends in ".zip" (pack). Empty means a new, uniquely named file or
	// folder in the default export folder (see ExportPlan).
	Path string `json:"path"`
	// Zip makes a pack written to the default location a zip archive
	// rather than a folder. Ignored when Path is set.
	Zip bool `json:"zip"`
	// NoDocuments leaves the bank's statements and tax certificates out of
	// a pack (for an API key without the documents permission).
	NoDocuments bool `json:"noDocuments"`
}

// ExportPlan is what an export request resolves to before anything is
// written: the period's dates and where the output goes by default.
type ExportPlan struct {
	Period Period `json:"period"`
	// Folder is the default export folder.
	Folder string `json:"folder"`
	// Name is the suggested file or folder name (with its extension).
	Name string `json:"name"`
	// Path is Folder joined with Name, made unique: what an export with
	// an empty ExportRequest.Path writes.
	Path string `json:"path"`
	// IsFolder is true when the output is a folder (csv, ofx, a pack
	// without Zip).
	IsFolder bool `json:"isFolder"`
}

// ExportOutcome is what an export wrote.
type ExportOutcome struct {
	Format ExportFormat `json:"format"`
	// Path is the workbook file, the folder of CSV or OFX files, or the
	// pack's folder or zip archive.
	Path   string `json:"path"`
	Period Period `json:"period"`
	// Files lists what was written, relative to Path when it is a folder
	// or an archive (a workbook lists itself by its base name).
	Files []ExportedFile `json:"files"`
	// Accounts is each account's reconciliation. It is empty for CSV and
	// OFX exports, which do not check balances.
	Accounts []AccountReconciliation `json:"accounts"`
	// Transactions counts the posted transactions exported.
	Transactions int64 `json:"transactions"`
}

// DocumentKey names one document of one account, as the bank lists it.
type DocumentKey struct {
	AccountID    string `json:"accountId"`
	DocumentType string `json:"documentType"`
	DocumentDate string `json:"documentDate"` // YYYY-MM-DD
}

// Known document types, as Investec names them.
const (
	DocumentStatement      = "Statement"
	DocumentTaxCertificate = "TaxCertificate"
)

// DocumentQuery selects documents from the local index.
type DocumentQuery struct {
	// AccountIDs limits the list to these accounts; empty means all.
	AccountIDs []string `json:"accountIds"`
	// From and To bound the document dates (YYYY-MM-DD, inclusive); ""
	// means unbounded.
	From string `json:"from"`
	To   string `json:"to"`
	// Types limits the list to these document types; empty means all.
	Types []string `json:"types"`
	// Refresh asks Investec for the list first. When Investec cannot be
	// reached the cached list is returned with the reason.
	Refresh bool `json:"refresh"`
}

// DocumentEntry is one listed document with its archive state, as the
// Statements view shows it.
type DocumentEntry struct {
	AccountID     string `json:"accountId"`
	AccountNumber string `json:"accountNumber"`
	// AccountLabel names the account like file names do: product name and
	// the last four digits, e.g. "Private Bank Account 5044".
	AccountLabel string `json:"accountLabel"`
	DocumentType string `json:"documentType"`
	// TypeLabel is the type for people: "Statement", "Tax certificate".
	TypeLabel    string `json:"typeLabel"`
	DocumentDate string `json:"documentDate"`
	// Downloaded is true when the file is in the local archive (and so
	// available offline).
	Downloaded bool   `json:"downloaded"`
	Size       int64  `json:"size"`   // bytes; 0 until downloaded
	SHA256     string `json:"sha256"` // hex; "" until downloaded
	ListedAt   string `json:"listedAt"`
}

// DocumentList is the answer to a DocumentQuery.
type DocumentList struct {
	Documents []DocumentEntry `json:"documents"`
	// Refreshed is true when the list was refreshed from Investec just
	// now.
	Refreshed bool `json:"refreshed"`
	// RefreshCode and RefreshMessage say why a requested refresh failed
	// (e.g. offline): the list is then the cached one.
	RefreshCode    Code   `json:"refreshCode"`
	RefreshMessage string `json:"refreshMessage"`
	// Business is true for a business (CIB) connection, which has no
	// documents through the API.
	Business bool `json:"business"`
}

// DocumentsProgress is one progress event of a download of several
// documents.
type DocumentsProgress struct {
	Done     int         `json:"done"`
	Total    int         `json:"total"`
	Current  DocumentKey `json:"current"`
	Failed   int         `json:"failed"`
	Finished bool        `json:"finished"`
}

// DocumentDownloadResult is what a download of several documents did.
type DocumentDownloadResult struct {
	// Downloaded counts the documents fetched now; Archived those already
	// in the archive; Failed those that could not be fetched.
	Downloaded int `json:"downloaded"`
	Archived   int `json:"archived"`
	Failed     int `json:"failed"`
	// ErrorCode and ErrorMessage describe the first failure.
	ErrorCode    Code            `json:"errorCode"`
	ErrorMessage string          `json:"errorMessage"`
	Documents    []DocumentEntry `json:"documents"`
}
