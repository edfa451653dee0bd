package investec

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// CIBAccount is a business-banking (CIB) account as GET /za/bb/v1/accounts
// returns it: PascalCase, with balances embedded. Only the fields an
// account list needs are decoded; the CIB answer carries many more.
type CIBAccount struct {
	AccountID               string
	AccountNumber           string
	AccountName             string
	AccountFullName         string
	AccountType             string
	AccountTypeID           string
	NickName                string
	Description             string
	Category                string
	ActiveFlag              string // "Y" when active
	CurrencyCode            string
	AccountOpenDate         string // ISO-8601 timestamp as sent
	ElectronicAccountNumber string
	Balances                CIBBalances
	CreditLimit             Amount
	OverdraftLimit          Amount
}

// CIBBalances are the balances embedded in a CIB account.
type CIBBalances struct {
	CapitalBalance     Amount
	AvailableBalance   Amount
	ClosingBalance     Amount
	PrincipalAmount    Amount
	PendingCardBalance Amount
	ValueDate          string // ISO-8601 timestamp as sent
}

// UnmarshalJSON decodes the CIB account's PascalCase shape.
func (a *CIBAccount) UnmarshalJSON(b []byte) error {
	var aux struct {
		AccountID               flexString `json:"AccountId"`
		AccountNumber           flexString `json:"AccountNumber"`
		AccountName             string     `json:"AccountName"`
		AccountFullName         string     `json:"AccountFullName"`
		AccountType             string     `json:"AccountType"`
		AccountTypeID           flexString `json:"AccountTypeId"`
		NickName                string     `json:"NickName"`
		Description             string     `json:"Description"`
		Category                string     `json:"Category"`
		ActiveFlag              string     `json:"ActiveFlag"`
		AccountOpenDate         string     `json:"AccountOpenDate"`
		ElectronicAccountNumber string     `json:"ElectronicAccountNumber"`
		CreditLimit             Amount     `json:"CreditLimit"`
		Currencies              struct {
			CurrencyCode string `json:"CurrencyCode"`
		} `json:"Currencies"`
		Balances struct {
			CapitalBalance     Amount `json:"CapitalBalance"`
			AvailableBalance   Amount `json:"AvailableBalance"`
			ClosingBalance     Amount `json:"ClosingBalance"`
			PrincipalAmount    Amount `json:"PrincipalAmount"`
			PendingCardBalance Amount `json:"PendingCardBalance"`
			ValueDate          string `json:"ValueDate"`
		} `json:"Balances"`
		Products struct {
			OverdraftLimit Amount `json:"OverdraftLimit"`
		} `json:"Products"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*a = CIBAccount{
		AccountID:               string(aux.AccountID),
		AccountNumber:           string(aux.AccountNumber),
		AccountName:             aux.AccountName,
		AccountFullName:         aux.AccountFullName,
		AccountType:             aux.AccountType,
		AccountTypeID:           string(aux.AccountTypeID),
		NickName:                aux.NickName,
		Description:             unescapeText(aux.Description),
		Category:                aux.Category,
		ActiveFlag:              aux.ActiveFlag,
		CurrencyCode:            aux.Currencies.CurrencyCode,
		AccountOpenDate:         aux.AccountOpenDate,
		ElectronicAccountNumber: aux.ElectronicAccountNumber,
		Balances:                CIBBalances(aux.Balances),
		CreditLimit:             aux.CreditLimit,
		OverdraftLimit:          aux.Products.OverdraftLimit,
	}
	return nil
}

// ListCIBAccounts returns the business-banking accounts the API key can
// see, each with its balances.
//
// Investec API docs: Accounts
func (c *Client) ListCIBAccounts(ctx context.Context) ([]CIBAccount, error) {
	data, err := callData[struct {
		Accounts []CIBAccount `json:"accounts"`
	}](ctx, c, http.MethodGet, "/za/bb/v1/accounts", nil)
	if err != nil {
		return nil, err
	}
	return data.Accounts, nil
}

// CIBTransaction is a business-banking transaction. Dates are ISO-8601
// timestamps as sent (see CaptureDateISO and ValueDateISO for the South
// African calendar date). References holds Reference_1 … Reference_10
// (index 0 is Reference_1); Description and the references have their HTML
// escaping undone.
type CIBTransaction struct {
	TransactionID         string
	AccountID             string // Accounts.AccountId
	AccountNumber         string // Accounts.AccountNumber
	AccountName           string
	TransactionCode       string
	TransactionStatus     string
	StatementID           string
	CardNumber            string
	CardHolderName        string
	Description           string
	Reference             string
	References            [10]string
	CustomerReferenceID   string
	BackOfficeReferenceID string
	BeneficiaryName       string // Beneficiaries.Entities.EntityName
	CurrencyCode          string
	CaptureDate           string
	ValueDate             string
	PostDate              string
	Amount                Amount
	RunningBalance        *Amount
}

// UnmarshalJSON decodes the CIB transaction's PascalCase shape.
func (t *CIBTransaction) UnmarshalJSON(b []byte) error {
	var aux struct {
		TransactionID         flexString `json:"TransactionId"`
		AccountName           string     `json:"AccountName"`
		TransactionCode       flexString `json:"TransactionCode"`
		TransactionStatus     string     `json:"TransactionStatus"`
		StatementID           flexString `json:"StatementId"`
		CardNumber            string     `json:"CardNumber"`
		CardHolderName        string     `json:"CardHolderName"`
		Description           string     `json:"Description"`
		Reference             string     `json:"Reference"`
		Reference1            string     `json:"Reference_1"`
		Reference2            string     `json:"Reference_2"`
		Reference3            string     `json:"Reference_3"`
		Reference4            string     `json:"Reference_4"`
		Reference5            string     `json:"Reference_5"`
		Reference6            string     `json:"Reference_6"`
		Reference7            string     `json:"Reference_7"`
		Reference8            string     `json:"Reference_8"`
		Reference9            string     `json:"Reference_9"`
		Reference10           string     `json:"Reference_10"`
		CustomerReferenceID   string     `json:"CustomerReferenceId"`
		BackOfficeReferenceID string     `json:"BackOfficeReferenceId"`
		Beneficiaries         *struct {
			Entities *struct {
				EntityName string `json:"EntityName"`
			} `json:"Entities"`
		} `json:"Beneficiaries"`
		Accounts *struct {
			AccountID     flexString `json:"AccountId"`
			AccountNumber flexString `json:"AccountNumber"`
		} `json:"Accounts"`
		Currencies *struct {
			CurrencyCode string `json:"CurrencyCode"`
		} `json:"Currencies"`
		CaptureDate    string  `json:"CaptureDate"`
		ValueDate      string  `json:"ValueDate"`
		PostDate       string  `json:"PostDate"`
		Amount         Amount  `json:"Amount"`
		RunningBalance *Amount `json:"RunningBalance"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*t = CIBTransaction{
		TransactionID:         string(aux.TransactionID),
		AccountName:           aux.AccountName,
		TransactionCode:       string(aux.TransactionCode),
		TransactionStatus:     aux.TransactionStatus,
		StatementID:           string(aux.StatementID),
		CardNumber:            aux.CardNumber,
		CardHolderName:        unescapeText(aux.CardHolderName),
		Description:           unescapeText(aux.Description),
		Reference:             unescapeText(aux.Reference),
		CustomerReferenceID:   aux.CustomerReferenceID,
		BackOfficeReferenceID: aux.BackOfficeReferenceID,
		CaptureDate:           aux.CaptureDate,
		ValueDate:             aux.ValueDate,
		PostDate:              aux.PostDate,
		Amount:                aux.Amount,
		RunningBalance:        aux.RunningBalance,
	}
	refs := []string{aux.Reference1, aux.Reference2, aux.Reference3, aux.Reference4, aux.Reference5,
		aux.Reference6, aux.Reference7, aux.Reference8, aux.Reference9, aux.Reference10}
	for i, r := range refs {
		t.References[i] = unescapeText(r)
	}
	if aux.Beneficiaries != nil && aux.Beneficiaries.Entities != nil {
		t.BeneficiaryName = unescapeText(aux.Beneficiaries.Entities.EntityName)
	}
	if aux.Accounts != nil {
		t.AccountID, t.AccountNumber = string(aux.Accounts.AccountID), string(aux.Accounts.AccountNumber)
	}
	if aux.Currencies != nil {
		t.CurrencyCode = aux.Currencies.CurrencyCode
	}
	return nil
}

// sast is South African Standard Time (UTC+2, no daylight saving), fixed so
// the conversion needs no time-zone database.
var sast = time.FixedZone("SAST", 2*60*60)

// saDate returns the South African calendar date (YYYY-MM-DD) of a CIB
// timestamp: "2021-05-17T22:00:01Z" is 18 May in Johannesburg. A timestamp
// without a zone is taken as local South African time; "" or an
// unreadable value gives "".
func saDate(ts string) string {
	if ts == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339Nano, ts); err == nil {
		return t.In(sast).Format(isoLayout)
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", ts, sast); err == nil {
		return t.Format(isoLayout)
	}
	return isoOrEmpty(ts)
}

// CaptureDateISO returns CaptureDate as a South African calendar date
// (YYYY-MM-DD), or "".
func (t CIBTransaction) CaptureDateISO() string { return saDate(t.CaptureDate) }

// ValueDateISO returns ValueDate as a South African calendar date
// (YYYY-MM-DD), or "".
func (t CIBTransaction) ValueDateISO() string { return saDate(t.ValueDate) }

// CIBTransactionsOptions filter the CIB transactions. Zero values are not
// sent.
type CIBTransactionsOptions struct {
	FromDate string // YYYY-MM-DD
	ToDate   string // YYYY-MM-DD
}

// CIBTransactionsPage is one page of CIB transactions. TotalPages is what
// the answer's meta reports (at least 1).
type CIBTransactionsPage struct {
	Transactions []CIBTransaction
	Page         int
	TotalPages   int
}

// maxCIBPages bounds the pages CIBTransactions walks, against a server that
// reports an absurd totalPages.
const maxCIBPages = 10000

// ListCIBTransactionsPage returns one page (1-based) of a CIB account's
// transactions. opts may be nil. CIBTransactions walks every page.
//
// Investec API docs: AccountsTransactions
func (c *Client) ListCIBTransactionsPage(ctx context.Context, accountID string, opts *CIBTransactionsOptions, page int) (*CIBTransactionsPage, error) {
	if page < 1 {
		return nil, fmt.Errorf("investec: CIB transactions page %d: pages start at 1", page)
	}
	q := url.Values{}
	if opts != nil && opts.FromDate != "" {
		q.Set("fromDate", opts.FromDate)
	}
	if opts != nil && opts.ToDate != "" {
		q.Set("toDate", opts.ToDate)
	}
	q.Set("page", strconv.Itoa(page))
	req, err := c.newRequest(ctx, http.MethodGet, withQuery(escapePath("/za/bb/v1/accounts/%s/transactions", accountID), q), nil)
	if err != nil {
		return nil, err
	}
	var env envelope[struct {
		Transactions []CIBTransaction `json:"transactions"`
	}]
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	total := int(env.Meta.TotalPages)
	if total < 1 {
		total = 1
	}
	return &CIBTransactionsPage{Transactions: env.Data.Transactions, Page: page, TotalPages: total}, nil
}

// CIBTransactions iterates over every transaction of a CIB account in the
// window, fetching page after page until meta.totalPages. An error (a
// failed page, a cancelled ctx) is yielded once, with a zero transaction,
// and ends the iteration. Callers that need a complete window apply the
// transactions only after the iteration ends without error.
func (c *Client) CIBTransactions(ctx context.Context, accountID string, opts *CIBTransactionsOptions) iter.Seq2[CIBTransaction, error] {
	return func(yield func(CIBTransaction, error) bool) {
		for page, total := 1, 1; page <= total; page++ {
			if err := ctx.Err(); err != nil {
				yield(CIBTransaction{}, fmt.Errorf("investec: CIB transactions: %w", err))
				return
			}
			p, err := c.ListCIBTransactionsPage(ctx, accountID, opts, page)
			if err != nil {
				yield(CIBTransaction{}, err)
				return
			}
			total = p.TotalPages
			if total > maxCIBPages {
				yield(CIBTransaction{}, &DecodeError{Method: http.MethodGet, Path: escapePath("/za/bb/v1/accounts/%s/transactions", accountID),
					Err: fmt.Errorf("totalPages %d is over the limit of %d", total, maxCIBPages)})
				return
			}
			for _, t := range p.Transactions {
				if err := ctx.Err(); err != nil {
					yield(CIBTransaction{}, fmt.Errorf("investec: CIB transactions: %w", err))
					return
				}
				if !yield(t, nil) {
					return
				}
			}
		}
	}
}

// ToDomain converts a business (CIB) account to the app's account type. The
// name shown is the nickname when there is one, else the account name.
func (a CIBAccount) ToDomain() domain.Account {
	name := a.AccountName
	if a.NickName != "" {
		name = a.NickName
	}
	return domain.Account{
		ID:            a.AccountID,
		Number:        a.AccountNumber,
		Name:          name,
		ReferenceName: a.AccountFullName,
		ProductName:   a.AccountType,
		Kind:          domain.AccountBusiness,
	}
}
