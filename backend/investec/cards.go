package investec

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
)

// Card is a card as GET /za/v1/cards lists it (PascalCase on the wire).
// CardKey identifies the card in every other card call; it is always a
// string here although some answers send it as a JSON number.
type Card struct {
	CardKey        string `json:"CardKey"`
	CardNumber     string `json:"CardNumber"` // masked, e.g. 402167XXXXXX1111
	IsProgrammable bool   `json:"IsProgrammable"`
	Status         string `json:"Status"`
	CardTypeCode   string `json:"CardTypeCode"`
	AccountNumber  string `json:"AccountNumber"`
	AccountID      string `json:"AccountId"`
	EmbossedName   string `json:"EmbossedName"`
	IsVirtualCard  bool   `json:"IsVirtualCard"`
}

// UnmarshalJSON accepts CardKey and AccountId as strings or numbers.
func (c *Card) UnmarshalJSON(b []byte) error {
	type plain Card
	aux := struct {
		*plain
		CardKey   flexString `json:"CardKey"`
		AccountID flexString `json:"AccountId"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.CardKey, c.AccountID = string(aux.CardKey), string(aux.AccountID)
	return nil
}

// ListCards returns the cards the API key can see.
//
// Investec API docs: GetCards
func (c *Client) ListCards(ctx context.Context) ([]Card, error) {
	data, err := callData[struct {
		Cards []Card `json:"cards"`
	}](ctx, c, http.MethodGet, "/za/v1/cards", nil)
	if err != nil {
		return nil, err
	}
	return data.Cards, nil
}

// CreateVirtualCardRequest is the body of CreateVirtualCard.
type CreateVirtualCardRequest struct {
	AccountNumber string `json:"AccountNumber"`
	EmbossName    string `json:"EmbossName"`
	EmbossName2   string `json:"EmbossName2"`
}

// VirtualCard is the answer to CreateVirtualCard.
type VirtualCard struct {
	CardKey       string `json:"CardKey"`
	IsVirtualCard bool   `json:"IsVirtualCard"`
	EmbossName    string `json:"EmbossName"`
	EmbossName2   string `json:"EmbossName2"`
}

// UnmarshalJSON accepts CardKey as a string or a number.
func (v *VirtualCard) UnmarshalJSON(b []byte) error {
	type plain VirtualCard
	aux := struct {
		*plain
		CardKey flexString `json:"CardKey"`
	}{plain: (*plain)(v)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	v.CardKey = string(aux.CardKey)
	return nil
}

// CreateVirtualCard creates a virtual card on an account. It is never
// retried (a retry could create two cards).
//
// Investec API docs: CreateVirtualCard
func (c *Client) CreateVirtualCard(ctx context.Context, r *CreateVirtualCardRequest) (*VirtualCard, error) {
	if r == nil || strings.TrimSpace(r.AccountNumber) == "" {
		return nil, fieldRequired("AccountNumber")
	}
	return callResult[VirtualCard](ctx, c, http.MethodPost, "/za/v1/cards", r)
}

// CardDetail is the detail of one card. ExtendedDetails is nil unless asked
// for with GetCardDetailSensitive.
type CardDetail struct {
	CardKeyHash      string               `json:"CardKeyHash"`
	MaskedCardNumber string               `json:"MaskedCardNumber"`
	EmbossName       string               `json:"EmbossName"`
	EmbossName2      string               `json:"EmbossName2"`
	Status           string               `json:"Status"`
	AccountNumber    string               `json:"AccountNumber"`
	IsVirtualCard    bool                 `json:"IsVirtualCard"`
	ExtendedDetails  *ExtendedCardDetails `json:"ExtendedDetails"`
}

// ExtendedCardDetails are a card's sensitive details, each a base64 string
// encrypted to the RSA public key sent with GetCardDetailSensitive. Only the
// matching private key can read them.
type ExtendedCardDetails struct {
	CardNumber string `json:"CardNumber"`
	ExpiryDate string `json:"ExpiryDate"`
	CVV2       string `json:"CVV2"`
}

// GetCardDetail returns the detail of a card, without sensitive data.
//
// Investec API docs: GetCardDetail
func (c *Client) GetCardDetail(ctx context.Context, cardKey string) (*CardDetail, error) {
	return callResult[CardDetail](ctx, c, http.MethodGet, escapePath("/za/v1/cards/%s", cardKey), nil)
}

// SensitiveDetailsRequest is the public half of an RSA-2048 key the caller
// generated; Investec encrypts the card's sensitive details to it. Modulus
// and Exponent are hexadecimal (see NewSensitiveDetailsRequest).
type SensitiveDetailsRequest struct {
	KeyID      int64  `json:"keyId"`
	Identifier string `json:"identifier"`
	AppName    string `json:"appName"`
	Modulus    string `json:"modulus"`
	Exponent   string `json:"exponent"`
}

// NewSensitiveDetailsRequest describes pub in the form Investec expects:
// the modulus and exponent as lower-case hexadecimal (the exponent 65537 is
// "010001"). Investec documents RSA with 2048-bit keys.
func NewSensitiveDetailsRequest(pub *rsa.PublicKey, keyID int64, identifier, appName string) (*SensitiveDetailsRequest, error) {
	if pub == nil || pub.N == nil {
		return nil, errors.New("investec: no public key")
	}
	if pub.N.BitLen() < 2048 {
		return nil, fmt.Errorf("investec: the RSA key has %d bits, Investec expects 2048", pub.N.BitLen())
	}
	exp := big.NewInt(int64(pub.E)).Text(16)
	if len(exp)%2 == 1 {
		exp = "0" + exp
	}
	return &SensitiveDetailsRequest{
		KeyID:      keyID,
		Identifier: identifier,
		AppName:    appName,
		Modulus:    pub.N.Text(16),
		Exponent:   exp,
	}, nil
}

// GetCardDetailSensitive returns a card's detail with ExtendedDetails (card
// number, expiry date, CVV2) encrypted to the given public key. It is a
// POST and is never retried.
//
// Investec API docs: GetCardDetailSensitive
func (c *Client) GetCardDetailSensitive(ctx context.Context, cardKey string, key *SensitiveDetailsRequest) (*CardDetail, error) {
	if key == nil || key.Modulus == "" || key.Exponent == "" {
		return nil, fieldRequired("modulus")
	}
	return callResult[CardDetail](ctx, c, http.MethodPost, escapePath("/za/v1/cards/%s", cardKey)+"?extended=true", key)
}

// ToggleProgrammableFeature switches a card's programmable feature on or
// off and returns the state Investec reports. The spec's example answers
// with a top-level {"Enabled": bool}; other clients read
// data.result.Enabled. Both are accepted. It is never retried.
//
// Investec API docs: CardsToggleNew
func (c *Client) ToggleProgrammableFeature(ctx context.Context, cardKey string, enabled bool) (bool, error) {
	body := struct {
		Enabled bool `json:"Enabled"`
	}{enabled}
	req, err := c.newRequest(ctx, http.MethodPost, escapePath("/za/v1/cards/%s/toggle-programmable-feature", cardKey), body)
	if err != nil {
		return false, err
	}
	var raw json.RawMessage
	if err := c.do(req, &raw); err != nil {
		return false, err
	}
	state, err := decodeToggle(raw)
	if err != nil {
		// The toggle was accepted (2xx) but its answer is unreadable.
		return false, &UnknownOutcomeError{Method: req.Method, Path: c.apiPath(req),
			Err: &DecodeError{Method: req.Method, Path: c.apiPath(req), Err: err}}
	}
	return state, nil
}

func decodeToggle(raw json.RawMessage) (bool, error) {
	var aux struct {
		Enabled *bool `json:"Enabled"`
		Data    *struct {
			Enabled *bool `json:"Enabled"`
			Result  *struct {
				Enabled *bool `json:"Enabled"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(raw), &aux); err != nil {
		return false, err
	}
	switch {
	case aux.Enabled != nil:
		return *aux.Enabled, nil
	case aux.Data != nil && aux.Data.Result != nil && aux.Data.Result.Enabled != nil:
		return *aux.Data.Result.Enabled, nil
	case aux.Data != nil && aux.Data.Enabled != nil:
		return *aux.Data.Enabled, nil
	}
	return false, fmt.Errorf("no Enabled state: %w", errNoData)
}
