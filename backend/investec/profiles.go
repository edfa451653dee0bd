package investec

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Profile is an Investec profile (a person or an entity) the API key can act
// for.
type Profile struct {
	ProfileID      string `json:"profileId"`
	ProfileName    string `json:"profileName"`
	DefaultProfile bool   `json:"defaultProfile"`
}

// ToDomain converts p to the shared domain.Profile.
func (p Profile) ToDomain() domain.Profile {
	return domain.Profile{ID: p.ProfileID, Name: p.ProfileName, IsDefault: p.DefaultProfile}
}

// ListProfiles returns the profiles the API key can act for.
//
// Investec API docs: profiles
func (c *Client) ListProfiles(ctx context.Context) ([]Profile, error) {
	return callData[[]Profile](ctx, c, http.MethodGet, "/za/pb/v1/profiles", nil)
}

// ListProfileAccounts returns the accounts of one profile. Unlike
// ListAccounts, the answer's data is the array itself.
//
// Investec API docs: profileaccounts
func (c *Client) ListProfileAccounts(ctx context.Context, profileID string) ([]Account, error) {
	return callData[[]Account](ctx, c, http.MethodGet, escapePath("/za/pb/v1/profiles/%s/accounts", profileID), nil)
}

// AuthorisationSetup says who must authorise payments from an account and
// for how long a payment may wait. Periods and the authoriser lists are nil
// when the account has no payment authorisation configured.
//
// The spec's example and the sandbox send period[{id, description}] and
// authorisersListA/B[{authoriserId, name}]; the spec's schema says
// period[{id, name}] and [{id, name}]. Both are read.
type AuthorisationSetup struct {
	// NumberOfAuthorisationRequired is sent as a string ("2").
	NumberOfAuthorisationRequired string                `json:"numberOfAuthorisationRequired"`
	Periods                       []AuthorisationPeriod `json:"period"`
	AuthorisersA                  []Authoriser          `json:"authorisersListA"`
	AuthorisersB                  []Authoriser          `json:"authorisersListB"`
}

// UnmarshalJSON accepts numberOfAuthorisationRequired as a string or a
// number.
func (a *AuthorisationSetup) UnmarshalJSON(b []byte) error {
	type plain AuthorisationSetup
	aux := struct {
		*plain
		NumberOfAuthorisationRequired flexString `json:"numberOfAuthorisationRequired"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.NumberOfAuthorisationRequired = string(aux.NumberOfAuthorisationRequired)
	return nil
}

// RequiredAuthorisations returns NumberOfAuthorisationRequired as a number
// (0 when it is empty or not a number).
func (a AuthorisationSetup) RequiredAuthorisations() int {
	n, err := strconv.Atoi(strings.TrimSpace(a.NumberOfAuthorisationRequired))
	if err != nil {
		return 0
	}
	return n
}

// AuthorisationPeriod is how long a payment may wait for authorisation; ID
// is what PaymentRequest.AuthPeriodID takes.
type AuthorisationPeriod struct {
	ID          string `json:"id"`
	Description string `json:"description"`
}

// UnmarshalJSON reads the description from "description" (example, live) or
// "name" (schema).
func (p *AuthorisationPeriod) UnmarshalJSON(b []byte) error {
	var aux struct {
		ID          flexString `json:"id"`
		Description string     `json:"description"`
		Name        string     `json:"name"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	p.ID, p.Description = string(aux.ID), aux.Description
	if p.Description == "" {
		p.Description = aux.Name
	}
	return nil
}

// Authoriser is a person who can authorise payments; ID is what
// PaymentRequest.AuthoriserAID/AuthoriserBID take.
type Authoriser struct {
	ID   string `json:"authoriserId"`
	Name string `json:"name"`
}

// UnmarshalJSON reads the ID from "authoriserId" (example, live) or "id"
// (schema).
func (a *Authoriser) UnmarshalJSON(b []byte) error {
	var aux struct {
		AuthoriserID string `json:"authoriserId"`
		ID           string `json:"id"`
		Name         string `json:"name"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.ID, a.Name = aux.AuthoriserID, aux.Name
	if a.ID == "" {
		a.ID = aux.ID
	}
	return nil
}

// GetAuthorisationSetup returns the payment authorisation setup of an
// account within a profile.
//
// Investec API docs: authorisationsetupdetails
func (c *Client) GetAuthorisationSetup(ctx context.Context, profileID, accountID string) (*AuthorisationSetup, error) {
	path := escapePath("/za/pb/v1/profiles/%s/accounts/%s/authorisationsetupdetails", profileID, accountID)
	setup, err := callData[AuthorisationSetup](ctx, c, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	return &setup, nil
}

// ListProfileBeneficiaries returns the beneficiaries that can be paid from
// an account within a profile (these include FasterPaymentAllowed).
//
// Investec API docs: profilebenefiaries
func (c *Client) ListProfileBeneficiaries(ctx context.Context, profileID, accountID string) ([]Beneficiary, error) {
	path := escapePath("/za/pb/v1/profiles/%s/accounts/%s/beneficiaries", profileID, accountID)
	return callData[[]Beneficiary](ctx, c, http.MethodGet, path, nil)
}
