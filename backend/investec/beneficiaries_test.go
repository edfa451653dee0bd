package investec

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestListBeneficiariesSpecExample(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/beneficiaries", "beneficiaries_spec.json")
	got, err := c.ListBeneficiaries(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Beneficiary{{BeneficiaryID: "MTAxOTAxOTyNTQMTU=", AccountNumber: "6241708900", Code: "250655", Bank: "FIRST NATIONAL BANK",
		BeneficiaryName: "Ad A AIA", LastPaymentAmount: amt(1000), LastPaymentDate: "10/03/2019", CellNo: "0987654321",
		EmailAddress: "QUwCV@someweb.co.za", Name: "DccIcIXI", ReferenceAccountNumber: "NIC036", ReferenceName: "amingFra ing Framin",
		CategoryID: "10164601247279", ProfileID: "10163189587443", FasterPaymentAllowed: ptr(true)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("beneficiaries (-want +got):\n%s", diff)
	}
	if got[0].LastPaymentDateISO() != "2019-03-10" {
		t.Errorf("LastPaymentDateISO = %q", got[0].LastPaymentDateISO())
	}
	d := got[0].ToDomain()
	want0 := domain.Beneficiary{ID: "MTAxOTAxOTyNTQMTU=", Name: "DccIcIXI", BeneficiaryName: "Ad A AIA", AccountNumber: "6241708900",
		BranchCode: "250655", Bank: "FIRST NATIONAL BANK", ReferenceName: "amingFra ing Framin", ReferenceAccountNumber: "NIC036",
		CategoryID: "10164601247279", ProfileID: "10163189587443", FasterPaymentAllowed: true, LastPaymentAmount: ptr(domain.Money(1000)),
		LastPaymentDate: "2019-03-10"}
	if diff := cmp.Diff(want0, d); diff != "" {
		t.Errorf("ToDomain (-want +got):\n%s", diff)
	}
}

func TestListBeneficiariesLiveNullsAndApproved(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/beneficiaries", "beneficiaries_live.json")
	got, err := c.ListBeneficiaries(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Beneficiary{
		{BeneficiaryID: "MTAxOTA2OTI5Nz30MjM=", AccountNumber: "62417089001", Code: "250655", Bank: "FIRST NATIONAL BANK",
			BeneficiaryName: "JOE SOAP", LastPaymentAmount: amt(150050), LastPaymentDate: "01/02/2024", Name: "Joe",
			ReferenceName: "Rent", CategoryID: "10164601247279", ProfileID: "10163189587443"},
		{BeneficiaryID: "SU5WRVNURUNBUFBST1ZFRA==", BeneficiaryName: "CITY OF CAPE TOWN", Name: "City of Cape Town",
			ProfileID: "10163189587443", FasterPaymentAllowed: ptr(false), BeneficiaryType: "INVESTECAPPROVED",
			ApprovedBeneficiaryCategory: "Municipalities"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("beneficiaries (-want +got):\n%s", diff)
	}
	if d := got[1].ToDomain(); d.LastPaymentAmount != nil || d.LastPaymentDate != "" || d.FasterPaymentAllowed {
		t.Errorf("approved ToDomain = %+v", d)
	}
}

func TestBeneficiaryBadLastPaymentAmountFails(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/beneficiaries", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":[{"beneficiaryId":"x","lastPaymentAmount":"10.005"}]}`))
	})
	if _, err := c.ListBeneficiaries(t.Context()); err == nil {
		t.Error("an amount with three decimals was accepted")
	}
}

func TestListBeneficiaryCategoriesBothShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file      string
		profileID string
		want      []BeneficiaryCategory
	}{
		{"beneficiary_categories_live.json", "10163189587443", []BeneficiaryCategory{
			{ID: "10164601247279", Name: "Not Categorised", IsDefault: true},
			{ID: "10164601247280", Name: "Family"},
		}},
		{"beneficiary_categories_spec.json", "", []BeneficiaryCategory{
			{ID: "10164601247279", Name: "Not Categorised", IsDefault: true},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.handle("GET /za/pb/v1/accounts/beneficiarycategories", func(w http.ResponseWriter, r *http.Request) {
				ts.checkAuth(r)
				want := map[string]string{}
				if tc.profileID != "" {
					want["profileId"] = tc.profileID
				}
				testQuery(t, r, want)
				_, _ = w.Write(fixture(t, tc.file))
			})
			var opts *BeneficiaryCategoriesOptions
			if tc.profileID != "" {
				opts = &BeneficiaryCategoriesOptions{ProfileID: tc.profileID}
			}
			got, err := c.ListBeneficiaryCategories(t.Context(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("categories (-want +got):\n%s", diff)
			}
		})
	}
}
