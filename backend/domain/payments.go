package domain

// PayKind says whether money moves between the person's own accounts (a
// transfer) or to beneficiaries created in Investec Online (a payment).
type PayKind string

// The two kinds of money movement.
const (
	PayTransfer PayKind = "transfer"
	PayPayment  PayKind = "payment"
)

// AllPayKinds lists every PayKind, for the frontend's enum.
var AllPayKinds = []struct {
	Value  PayKind
	TSName string
}{
	{PayTransfer, "Transfer"},
	{PayPayment, "Payment"},
}

// PayStatus is where one attempt to move money stands in the local journal.
type PayStatus string

// The states of an attempt. Only PayReviewed attempts can be sent; every
// other state is final except PayUnknown (which a later sync may turn into
// PayMatched) and PaySending (which becomes a final state when the bank
// answers, or PayUnknown if the app stopped while waiting).
const (
	// PayReviewed: reviewed, waiting for the person's confirmation; nothing
	// has been sent.
	PayReviewed PayStatus = "reviewed"
	// PaySending: confirmed and on its way to the bank.
	PaySending PayStatus = "sending"
	// PaySucceeded: the bank accepted every item.
	PaySucceeded PayStatus = "succeeded"
	// PayPartial: the bank reported an error but confirmed some items.
	PayPartial PayStatus = "partial"
	// PayRejected: the bank refused the request; no money moved.
	PayRejected PayStatus = "rejected"
	// PayFailed: the request never reached the bank (offline, missing
	// permission, rate limited); no money moved.
	PayFailed PayStatus = "failed"
	// PayUnknown: the request may or may not have reached the bank (a
	// timeout, a dropped connection after sending, a server error). It is
	// never sent again automatically; the next sync looks for it.
	PayUnknown PayStatus = "unknown"
	// PayMatched: an unknown attempt whose transactions a sync found posted.
	PayMatched PayStatus = "matched"
)

// AllPayStatuses lists every PayStatus, for the frontend's enum.
var AllPayStatuses = []struct {
	Value  PayStatus
	TSName string
}{
	{PayReviewed, "Reviewed"},
	{PaySending, "Sending"},
	{PaySucceeded, "Succeeded"},
	{PayPartial, "Partial"},
	{PayRejected, "Rejected"},
	{PayFailed, "Failed"},
	{PayUnknown, "Unknown"},
	{PayMatched, "Matched"},
}

// MayHaveMoved reports whether money may have left the account in an
// attempt with status s: such attempts count towards the daily limit and
// the duplicate check.
func (s PayStatus) MayHaveMoved() bool {
	switch s {
	case PaySending, PaySucceeded, PayPartial, PayUnknown, PayMatched:
		return true
	}
	return false
}

// TransferForm is a transfer between two of the person's own accounts as
// they filled it in. Amount is the text they typed, in rands ("10.12"); it
// is parsed exactly, never rounded.
type TransferForm struct {
	FromAccountID  string `json:"fromAccountId"`
	ToAccountID    string `json:"toAccountId"`
	Amount         string `json:"amount"`
	MyReference    string `json:"myReference"`
	TheirReference string `json:"theirReference"`
}

// PaymentLineForm is one payment to a beneficiary as the person filled it
// in. Amount is the text they typed, in rands.
type PaymentLineForm struct {
	BeneficiaryID  string `json:"beneficiaryId"`
	Amount         string `json:"amount"`
	MyReference    string `json:"myReference"`
	TheirReference string `json:"theirReference"`
	FasterPayment  bool   `json:"fasterPayment"`
}

// PaymentForm pays one or more beneficiaries from one account. The
// authoriser and period IDs are needed only when the account's
// authorisation setup asks for them (see PayAccountSetup.Authorisation).
type PaymentForm struct {
	FromAccountID string            `json:"fromAccountId"`
	Lines         []PaymentLineForm `json:"lines"`
	AuthoriserAID string            `json:"authoriserAId"`
	AuthoriserBID string            `json:"authoriserBId"`
	AuthPeriodID  string            `json:"authPeriodId"`
}

// PayAccountRef names an account in a review or the journal, as the person
// knows it.
type PayAccountRef struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Name        string `json:"name"`
	ProductName string `json:"productName"`
	// Current and Available are the cached balances, nil when none is
	// cached.
	Current   *Money `json:"current,omitempty"`
	Available *Money `json:"available,omitempty"`
}

// PayMatch is the posted transaction a sync found for an item whose
// outcome was unknown (a copy: cached rows are renumbered by re-syncs).
type PayMatch struct {
	TransactionID   int64  `json:"transactionId"` // local row id when matched
	AccountID       string `json:"accountId"`
	PostingDate     string `json:"postingDate"`
	TransactionDate string `json:"transactionDate"`
	Description     string `json:"description"`
	Amount          Money  `json:"amount"`
	PostedOrder     int64  `json:"postedOrder"`
}

// PayLine is one transfer or payment exactly as it is (or was) sent, with
// the bank's answer once there is one.
type PayLine struct {
	// TargetID is the destination accountId (transfers) or the
	// beneficiaryId (payments).
	TargetID       string `json:"targetId"`
	TargetName     string `json:"targetName"`
	TargetNumber   string `json:"targetNumber"`
	TargetBank     string `json:"targetBank"`
	Amount         Money  `json:"amount"`
	MyReference    string `json:"myReference"`
	TheirReference string `json:"theirReference"`
	FasterPayment  bool   `json:"fasterPayment"`

	// The bank's answer (empty until it answered).
	PaymentReference      string   `json:"paymentReference"`
	PaymentDate           string   `json:"paymentDate"` // YYYY-MM-DD
	BankStatus            []string `json:"bankStatus"`  // Status split on <BR>
	BeneficiaryName       string   `json:"beneficiaryName"`
	AuthorisationRequired bool     `json:"authorisationRequired"`

	// Match is set when a sync matched an unknown outcome to a posted
	// transaction.
	Match *PayMatch `json:"match,omitempty"`
}

// PayChoice is one option of an authorisation field: an authoriser or a
// period.
type PayChoice struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// PayAuthorisation is what the account's dual authorisation needs: the
// choices offered, or (in a review and the journal) the ones chosen.
type PayAuthorisation struct {
	Required     int         `json:"required"` // numberOfAuthorisationRequired
	AuthorisersA []PayChoice `json:"authorisersA"`
	AuthorisersB []PayChoice `json:"authorisersB"`
	Periods      []PayChoice `json:"periods"`
}

// PayAuthorisers are the authorisers and period chosen for a payment that
// needs dual authorisation.
type PayAuthorisers struct {
	AuthoriserA PayChoice `json:"authoriserA"`
	AuthoriserB PayChoice `json:"authoriserB"`
	Period      PayChoice `json:"period"`
}

// PayDuplicate says that an identical transfer or payment (same source,
// destination, amount and references) was sent recently, so sending this
// one needs a second, explicit confirmation.
type PayDuplicate struct {
	AttemptID  string `json:"attemptId"`
	SentAt     string `json:"sentAt"` // RFC 3339
	MinutesAgo int    `json:"minutesAgo"`
	Message    string `json:"message"`
}

// PayWarning is something the person should know before confirming that
// does not stop the payment (e.g. more than the available balance).
type PayWarning struct {
	Code    string `json:"code"` // e.g. "over_available", "balance_unknown"
	Field   string `json:"field"`
	Message string `json:"message"`
}

// PayBatch is one request to the bank: Investec takes at most 50 payments
// per request, so longer lists are split into batches that are each
// confirmed and sent on their own. AttemptID identifies the batch when it
// is confirmed; confirming it again never sends it twice.
type PayBatch struct {
	AttemptID string        `json:"attemptId"`
	Index     int           `json:"index"` // 1-based
	Count     int           `json:"count"`
	Lines     []PayLine     `json:"lines"`
	Total     Money         `json:"total"`
	Duplicate *PayDuplicate `json:"duplicate,omitempty"`
}

// PayReview is exactly what will be sent, for the person to check before
// confirming. Nothing has been sent when it is returned.
type PayReview struct {
	GroupID     string          `json:"groupId"`
	Kind        PayKind         `json:"kind"`
	From        PayAccountRef   `json:"from"`
	Batches     []PayBatch      `json:"batches"`
	Total       Money           `json:"total"`
	Authorisers *PayAuthorisers `json:"authorisers,omitempty"`
	Warnings    []PayWarning    `json:"warnings"`
	Limits      PayLimits       `json:"limits"`
	ReviewedAt  string          `json:"reviewedAt"` // RFC 3339
	ExpiresAt   string          `json:"expiresAt"`  // RFC 3339: confirm before then
}

// PayConfirmation confirms one reviewed batch. Typed is what the person
// typed to confirm: the batch's amount again (e.g. "10.12") or the word
// CONFIRM. AcknowledgeDuplicate is the second confirmation needed when an
// identical payment was sent in the last ten minutes.
type PayConfirmation struct {
	AttemptID            string `json:"attemptId"`
	Typed                string `json:"typed"`
	AcknowledgeDuplicate bool   `json:"acknowledgeDuplicate"`
}

// PayAttempt is one entry of the local journal: what was asked (never a
// secret), when, and what came of it.
type PayAttempt struct {
	ID          string          `json:"id"`
	GroupID     string          `json:"groupId"`
	BatchIndex  int             `json:"batchIndex"`
	BatchCount  int             `json:"batchCount"`
	Kind        PayKind         `json:"kind"`
	From        PayAccountRef   `json:"from"`
	ProfileID   string          `json:"profileId"`
	Lines       []PayLine       `json:"lines"`
	Total       Money           `json:"total"`
	Authorisers *PayAuthorisers `json:"authorisers,omitempty"`
	Status      PayStatus       `json:"status"`
	// StatusText says in words what the status means for the person, e.g.
	// "Unknown — check your transactions".
	StatusText string `json:"statusText"`
	// ErrorCode and ErrorMessage say why an attempt failed, was refused or
	// has an unknown outcome (a safe message, never a secret).
	ErrorCode    Code   `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
	// BankMessage is the ErrorMessage the bank put in its answer, if any.
	BankMessage           string `json:"bankMessage"`
	DuplicateAcknowledged bool   `json:"duplicateAcknowledged"`
	ReviewedAt            string `json:"reviewedAt"` // RFC 3339
	SentAt                string `json:"sentAt"`     // RFC 3339, "" until confirmed
	FinishedAt            string `json:"finishedAt"` // RFC 3339, "" until answered
	MatchedAt             string `json:"matchedAt"`  // RFC 3339, "" unless matched
}

// PayLimits is the local daily limit on money moved from this connection
// and how much of it today (South African time) has used.
type PayLimits struct {
	Day        string `json:"day"` // YYYY-MM-DD, SAST
	DailyLimit Money  `json:"dailyLimit"`
	UsedToday  Money  `json:"usedToday"`
	Remaining  Money  `json:"remaining"`
}

// PayPermission says whether the connection's API key may move money of
// one kind.
type PayPermission string

// The permission states. Unknown means it could not be checked (offline,
// never tested); the bank decides when the request is sent.
const (
	PermissionGranted PayPermission = "granted"
	PermissionMissing PayPermission = "missing"
	PermissionUnknown PayPermission = "unknown"
)

// PaySetup is what the Pay & Transfer view needs to start: the accounts
// money can move from and to, the permissions, limits, templates and recent
// journal entries.
type PaySetup struct {
	// Available is false when this connection cannot move money at all
	// (a business connection); Reason says why.
	Available bool            `json:"available"`
	Reason    string          `json:"reason"`
	Accounts  []PayAccountRef `json:"accounts"`
	Transfers PayPermission   `json:"transfers"`
	Payments  PayPermission   `json:"payments"`
	// PermissionHelp says how to grant a missing permission in Investec
	// Online.
	PermissionHelp string        `json:"permissionHelp"`
	Limits         PayLimits     `json:"limits"`
	Templates      []PayTemplate `json:"templates"`
	Recent         []PayAttempt  `json:"recent"`
	// MyReferenceMax and TheirReferenceMax are the reference lengths the
	// app allows; ReferenceCharacters describes the characters allowed.
	MyReferenceMax      int    `json:"myReferenceMax"`
	TheirReferenceMax   int    `json:"theirReferenceMax"`
	ReferenceCharacters string `json:"referenceCharacters"`
}

// PayAccountSetup is what paying from one account needs: the beneficiaries
// that can be paid from it and its authorisation setup.
type PayAccountSetup struct {
	AccountID     string        `json:"accountId"`
	Beneficiaries []Beneficiary `json:"beneficiaries"`
	// FromCache is true when the bank could not be asked and the list comes
	// from the last sync (faster payment may then be unknown).
	FromCache bool `json:"fromCache"`
	// Authorisation is set only when payments from this account need dual
	// authorisation: then the form must show and require its fields.
	Authorisation *PayAuthorisation `json:"authorisation,omitempty"`
	// Notice explains anything incomplete, e.g. why the list is cached.
	Notice string `json:"notice"`
}

// PayTemplate is a saved transfer or payment the person can reuse: it fills
// in the form, which still goes through review and confirmation.
type PayTemplate struct {
	ID        int64         `json:"id"`
	Name      string        `json:"name"`
	Kind      PayKind       `json:"kind"`
	Transfer  *TransferForm `json:"transfer,omitempty"`
	Payment   *PaymentForm  `json:"payment,omitempty"`
	CreatedAt string        `json:"createdAt"`
	UpdatedAt string        `json:"updatedAt"`
}
