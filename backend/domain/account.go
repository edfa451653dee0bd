package domain

// AccountKind tells private banking accounts from business (CIB) accounts.
type AccountKind string

// The kinds of account a connection can see.
const (
	AccountPrivate  AccountKind = "private"
	AccountBusiness AccountKind = "business"
)

// Account is one bank account the connection can see, with its latest cached
// balance.
type Account struct {
	ID            string      `json:"id"`
	Number        string      `json:"number"`
	Name          string      `json:"name"`
	ReferenceName string      `json:"referenceName"`
	ProductName   string      `json:"productName"`
	ProfileID     string      `json:"profileId"`
	ProfileName   string      `json:"profileName"`
	KYCCompliant  bool        `json:"kycCompliant"`
	Kind          AccountKind `json:"kind"`
	Balance       *Balance    `json:"balance,omitempty"`
	// LastSyncedAt is when this account's transactions were last fetched
	// successfully (RFC 3339), or "" if never.
	LastSyncedAt string `json:"lastSyncedAt"`
}

// Balance is an account balance as Investec reported it at FetchedAt.
// The optional figures are nil when the API did not send them.
type Balance struct {
	AccountID string `json:"accountId"`
	Current   Money  `json:"current"`
	Available Money  `json:"available"`
	Budget    *Money `json:"budget,omitempty"`
	Straight  *Money `json:"straight,omitempty"`
	Cash      *Money `json:"cash,omitempty"`
	Currency  string `json:"currency"`
	FetchedAt string `json:"fetchedAt"` // RFC 3339
}

// Profile is an Investec profile (a person or an entity) the connection can
// act for.
type Profile struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	IsDefault bool   `json:"isDefault"`
}

// Beneficiary is a payee created in Investec Online.
type Beneficiary struct {
	ID                     string `json:"id"`
	Name                   string `json:"name"`
	BeneficiaryName        string `json:"beneficiaryName"`
	AccountNumber          string `json:"accountNumber"`
	BranchCode             string `json:"branchCode"`
	Bank                   string `json:"bank"`
	ReferenceName          string `json:"referenceName"`
	ReferenceAccountNumber string `json:"referenceAccountNumber"`
	CategoryID             string `json:"categoryId"`
	ProfileID              string `json:"profileId"`
	FasterPaymentAllowed   bool   `json:"fasterPaymentAllowed"`
	LastPaymentAmount      *Money `json:"lastPaymentAmount,omitempty"`
	LastPaymentDate        string `json:"lastPaymentDate"` // YYYY-MM-DD or ""
	BeneficiaryType        string `json:"beneficiaryType"`
}
