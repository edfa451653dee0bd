package investec

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestListAccountsSandboxRecording(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts", "accounts_sandbox.json")
	got, err := c.ListAccounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Fatalf("got %d accounts, want 8", len(got))
	}
	// The 2023 sandbox recording has no profileName.
	want0 := Account{AccountID: "3353431574710163189587446", AccountNumber: "10011425044", AccountName: "Mr Smith",
		ReferenceName: "Mr Smith Main", ProductName: "Private Bank Account", KYCCompliant: true, ProfileID: "10163189587444"}
	if diff := cmp.Diff(want0, got[0]); diff != "" {
		t.Errorf("first account (-want +got):\n%s", diff)
	}
	if got[7].ProductName != "PrimeSaver" || got[7].AccountID != "3882638263210182035137740" {
		t.Errorf("last account = %+v", got[7])
	}
}

func TestListAccountsSpecExample(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts", "accounts_spec.json")
	got, err := c.ListAccounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Account{{AccountID: "3353431574710163189587446", AccountNumber: "10101010101", AccountName: "Mr John Doe",
		ReferenceName: "My Investec Private Bank Account", ProductName: "Private Bank Account", KYCCompliant: true,
		ProfileID: "10163189587443", ProfileName: "My Profile"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accounts (-want +got):\n%s", diff)
	}
	d := got[0].ToDomain()
	if d.ID != want[0].AccountID || d.Kind != domain.AccountPrivate || d.ProfileName != "My Profile" || !d.KYCCompliant {
		t.Errorf("ToDomain = %+v", d)
	}
}

func TestGetBalanceSpecExampleExactCents(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/balance", "balance_spec.json")
	got, err := c.GetBalance(t.Context(), "172878438321553632224")
	if err != nil {
		t.Fatal(err)
	}
	want := &Balance{AccountID: "172878438321553632224", CurrentBalance: 2885776, AvailableBalance: 9885776,
		BudgetBalance: amt(0), StraightBalance: amt(0), CashBalance: amt(-1081841598), Currency: "ZAR"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("balance (-want +got):\n%s", diff)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := got.ToDomain(at)
	if d.Current != 2885776 || d.Cash == nil || *d.Cash != -1081841598 || d.FetchedAt != "2026-01-02T03:04:05Z" {
		t.Errorf("ToDomain = %+v", d)
	}
}

func TestGetBalanceSandboxHasOnlyFourFields(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/balance", "balance_sandbox.json")
	got, err := c.GetBalance(t.Context(), "3353431574710163189587446")
	if err != nil {
		t.Fatal(err)
	}
	want := &Balance{AccountID: "3353431574710163189587446", CurrentBalance: 3360716, AvailableBalance: 3360716, Currency: "ZAR"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("balance (-want +got):\n%s", diff)
	}
	if d := got.ToDomain(time.Now()); d.Budget != nil || d.Straight != nil || d.Cash != nil {
		t.Errorf("absent balances must stay nil in the domain: %+v", d)
	}
}

func TestPathParametersAreEscaped(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var rec recorder[[2]string]
	ts.handle("GET /za/pb/v1/accounts/{accountId}/balance", func(w http.ResponseWriter, r *http.Request) {
		rec.add([2]string{r.URL.EscapedPath(), r.PathValue("accountId")})
		_, _ = w.Write(fixture(t, "balance_sandbox.json"))
	})
	for _, id := range []string{"a/b?c#d%e f", "..", "."} {
		if _, err := c.GetBalance(t.Context(), id); err != nil {
			t.Fatalf("GetBalance(%q): %v", id, err)
		}
	}
	want := [][2]string{
		{"/za/pb/v1/accounts/a%2Fb%3Fc%23d%25e%20f/balance", "a/b?c#d%e f"},
		{"/za/pb/v1/accounts/%2E%2E/balance", ".."},
		{"/za/pb/v1/accounts/%2E/balance", "."},
	}
	if diff := cmp.Diff(want, rec.all()); diff != "" {
		t.Errorf("escaped paths and decoded IDs (-want +got):\n%s", diff)
	}
}
