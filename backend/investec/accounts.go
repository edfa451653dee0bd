package investec

import (
	"context"
	"net/http"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Account is a Private Banking account as GET /za/pb/v1/accounts and GET
// /za/pb/v1/profiles/{profileId}/accounts return it. ProfileName was missing
// from older sandbox answers and is then "".
type Account struct {
	AccountID     string `json:"accountId"`
	AccountNumber string `json:"accountNumber"`
	AccountName   string `json:"accountName"`
	ReferenceName string `json:"referenceName"`
	ProductName   string `json:"productName"`
	KYCCompliant  bool   `json:"kycCompliant"`
	ProfileID     string `json:"profileId"`
	ProfileName   string `json:"profileName"`
}

// ToDomain converts a to the shared domain.Account (kind private, no
// balance).
func (a Account) ToDomain() domain.Account {
	return domain.Account{
		ID:            a.AccountID,
		Number:        a.AccountNumber,
		Name:          a.AccountName,
		ReferenceName: a.ReferenceName,
		ProductName:   a.ProductName,
		ProfileID:     a.ProfileID,
		ProfileName:   a.ProfileName,
		KYCCompliant:  a.KYCCompliant,
		Kind:          domain.AccountPrivate,
	}
}

// ListAccounts returns the Private Banking accounts the API key can see.
//
// Investec API docs: accounts
func (c *Client) ListAccounts(ctx context.Context) ([]Account, error) {
	data, err := callData[struct {
		Accounts []Account `json:"accounts"`
	}](ctx, c, http.MethodGet, "/za/pb/v1/accounts", nil)
	if err != nil {
		return nil, err
	}
	return data.Accounts, nil
}

// Balance is an account balance. Budget, straight and cash balances were
// added to the API in 2023 and the sandbox still omits them: they are nil
// when absent.
type Balance struct {
	AccountID        string  `json:"accountId"`
	CurrentBalance   Amount  `json:"currentBalance"`
	AvailableBalance Amount  `json:"availableBalance"`
	BudgetBalance    *Amount `json:"budgetBalance,omitempty"`
	StraightBalance  *Amount `json:"straightBalance,omitempty"`
	CashBalance      *Amount `json:"cashBalance,omitempty"`
	Currency         string  `json:"currency"`
}

// ToDomain converts b to the shared domain.Balance, stamped with fetchedAt.
func (b Balance) ToDomain(fetchedAt time.Time) domain.Balance {
	return domain.Balance{
		AccountID: b.AccountID,
		Current:   b.CurrentBalance.Money(),
		Available: b.AvailableBalance.Money(),
		Budget:    moneyPtr(b.BudgetBalance),
		Straight:  moneyPtr(b.StraightBalance),
		Cash:      moneyPtr(b.CashBalance),
		Currency:  b.Currency,
		FetchedAt: fetchedAt.UTC().Format(time.RFC3339),
	}
}

func moneyPtr(a *Amount) *domain.Money {
	if a == nil {
		return nil
	}
	m := a.Money()
	return &m
}

// GetBalance returns the balance of an account.
//
// Investec API docs: balance
func (c *Client) GetBalance(ctx context.Context, accountID string) (*Balance, error) {
	b, err := callData[Balance](ctx, c, http.MethodGet, escapePath("/za/pb/v1/accounts/%s/balance", accountID), nil)
	if err != nil {
		return nil, err
	}
	return &b, nil
}
