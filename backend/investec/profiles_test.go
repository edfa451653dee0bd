package investec

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestListProfiles(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/profiles", "profiles_spec.json")
	got, err := c.ListProfiles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Profile{{ProfileID: "10163189587444", ProfileName: "Profile A", DefaultProfile: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profiles (-want +got):\n%s", diff)
	}
	if d := got[0].ToDomain(); d != (domain.Profile{ID: "10163189587444", Name: "Profile A", IsDefault: true}) {
		t.Errorf("ToDomain = %+v", d)
	}
}

func TestListProfileAccountsDataIsAnArray(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/profiles/{profileId}/accounts", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		if got := r.PathValue("profileId"); got != "10163189587443" {
			t.Errorf("profileId = %q", got)
		}
		_, _ = w.Write(fixture(t, "profile_accounts_spec.json"))
	})
	got, err := c.ListProfileAccounts(t.Context(), "10163189587443")
	if err != nil {
		t.Fatal(err)
	}
	want := []Account{{AccountID: "172878438321553632224", AccountNumber: "10010206147", AccountName: "Mr John Doe",
		ReferenceName: "My Investec Private Bank Account", ProductName: "Private Bank Account", KYCCompliant: true,
		ProfileID: "10163189587443", ProfileName: "My Profile"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accounts (-want +got):\n%s", diff)
	}
}

func TestGetAuthorisationSetupShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file     string
		want     *AuthorisationSetup
		required int
	}{
		{"authorisation_setup_live.json", &AuthorisationSetup{
			NumberOfAuthorisationRequired: "2",
			Periods:                       []AuthorisationPeriod{{ID: "1", Description: "1 Working day"}, {ID: "0", Description: "Current Day"}},
			AuthorisersA:                  []Authoriser{{ID: "hnNhB6qb5H6SvJC1ZPK2qQ==", Name: "Mr Auth 1"}, {ID: "TAd6rGuhOeNRiujN0nlKxQ==", Name: "All"}},
			AuthorisersB:                  []Authoriser{{ID: "ijxHLoVHqCyF86dGG4rZww==", Name: "Mr Auth 4"}},
		}, 2},
		{"authorisation_setup_schema.json", &AuthorisationSetup{
			NumberOfAuthorisationRequired: "1",
			Periods:                       []AuthorisationPeriod{{ID: "3", Description: "3 Working days"}},
			AuthorisersA:                  []Authoriser{{ID: "QUJD", Name: "Ms Auth A"}},
			AuthorisersB:                  []Authoriser{},
		}, 1},
		{"authorisation_setup_unconfigured.json", &AuthorisationSetup{NumberOfAuthorisationRequired: "0"}, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.handle("GET /za/pb/v1/profiles/{profileId}/accounts/{accountId}/authorisationsetupdetails", func(w http.ResponseWriter, r *http.Request) {
				ts.checkAuth(r)
				if r.PathValue("profileId") != "10163189587443" || r.PathValue("accountId") != "3353431574710163189587446" {
					t.Errorf("path = %s", r.URL.Path)
				}
				_, _ = w.Write(fixture(t, tc.file))
			})
			got, err := c.GetAuthorisationSetup(t.Context(), "10163189587443", "3353431574710163189587446")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("setup (-want +got):\n%s", diff)
			}
			if got.RequiredAuthorisations() != tc.required {
				t.Errorf("RequiredAuthorisations = %d, want %d", got.RequiredAuthorisations(), tc.required)
			}
		})
	}
}

func TestGetAuthorisationSetupSpecExampleHasOnlyPeriodIDs(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/profiles/{profileId}/accounts/{accountId}/authorisationsetupdetails", "authorisation_setup_spec.json")
	got, err := c.GetAuthorisationSetup(t.Context(), "p", "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Periods) != 11 || got.Periods[10].ID != "0" || len(got.AuthorisersB) != 3 || got.AuthorisersB[2].Name != "All" {
		t.Errorf("setup = %+v", got)
	}
}

func TestListProfileBeneficiaries(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/profiles/{profileId}/accounts/{accountId}/beneficiaries", "profile_beneficiaries_spec.json")
	got, err := c.ListProfileBeneficiaries(t.Context(), "10163189587443", "3353431574710163189587446")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].FasterPaymentAllowed == nil || !*got[0].FasterPaymentAllowed || *got[0].LastPaymentAmount != 1000 {
		t.Errorf("beneficiaries = %+v", got)
	}
}
