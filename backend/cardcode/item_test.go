package cardcode

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// specExample is Investec's own example of a simulation (request and
// response) from the card code OpenAPI file.
type specExample struct {
	Request  json.RawMessage `json:"request"`
	Response struct {
		Data struct {
			Result []map[string]any `json:"result"`
		} `json:"data"`
	} `json:"response"`
}

func loadSpecExample(t *testing.T) specExample {
	t.Helper()
	b, err := os.ReadFile("testdata/execute-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex specExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	if len(ex.Response.Data.Result) != 2 {
		t.Fatalf("example has %d execution items, want 2", len(ex.Response.Data.Result))
	}
	return ex
}

// loggedAuthorization is the authorization object as Investec logged it in
// the example.
func loggedAuthorization(t *testing.T, ex specExample) string {
	t.Helper()
	logs := ex.Response.Data.Result[0]["logs"].([]any)
	return logs[0].(map[string]any)["content"].(string)
}

func TestTransactionJSONMatchesInvestec(t *testing.T) {
	t.Parallel()
	content := loggedAuthorization(t, loadSpecExample(t))
	var tx Transaction
	if err := json.Unmarshal([]byte(content), &tx); err != nil {
		t.Fatal(err)
	}
	want := Transaction{
		AccountNumber: "10011001100",
		DateTime:      time.Date(2021, 10, 15, 3, 48, 13, 147e6, time.UTC),
		CentsAmount:   10100, CurrencyCode: "zar", Type: "card", Reference: "simulation", CardID: "1010101",
		Merchant: Merchant{CategoryCode: "7996", CategoryKey: "amusement_parks_carnivals", CategoryName: "Amusement Parks/Carnivals",
			Name: "uShaka Marine\u00c2 World", City: "Durban", CountryCode: "ZA", CountryAlpha3: "ZAF", CountryName: "South Africa"},
	}
	if diff := cmp.Diff(want, tx); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(tx)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != content {
		t.Errorf("re-encoded differs from Investec's:\n got %s\nwant %s", b, content)
	}
	// Characters JSON escapes reach card code as they are.
	tx.Merchant.Name = "M&S <Foods> \"Café\""
	execs := simulate(t, `const beforeTransaction = (a) => { console.log(a.merchant.name); return true; };`, nil, tx, fast)
	if got := execs[0].Logs[0].Content; got != tx.Merchant.Name {
		t.Errorf("card code saw merchant name %q, want %q", got, tx.Merchant.Name)
	}
}

// TestSimulationMatchesInvestecExample runs Investec's example code on
// Investec's example authorization and compares the result, item by item
// and field by field, with Investec's example response.
func TestSimulationMatchesInvestecExample(t *testing.T) {
	t.Parallel()
	ex := loadSpecExample(t)
	content := loggedAuthorization(t, ex)
	var req SimulateRequest
	if err := json.Unmarshal(ex.Request, &req); err != nil {
		t.Fatal(err)
	}
	var tx Transaction
	if err := json.Unmarshal([]byte(content), &tx); err != nil {
		t.Fatal(err)
	}
	execs, err := Simulate(context.Background(), req.SimulationCode, nil, tx, Options{Now: func() time.Time { return tx.DateTime }})
	if err != nil {
		t.Fatal(err)
	}
	items := Items(execs, "96A88E6A-E343-4051-9674-7C58B4CC1A58")
	b, err := json.Marshal(items)
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := ex.Response.Data.Result
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d", len(got), len(want))
	}
	for i := range want {
		if diff := cmp.Diff(keys(want[i]), keys(got[i])); diff != "" {
			t.Errorf("item %d keys (-want +got):\n%s", i, diff)
		}
		for k, w := range want[i] {
			if reflect.TypeOf(w) != reflect.TypeOf(got[i][k]) {
				t.Errorf("item %d %q: type %T, want %T", i, k, got[i][k], w)
			}
		}
		for _, k := range []string{"sandbox", "type", "authorizationApproved", "smsCount", "emailCount", "pushNotificationCount", "Error", "rootCodeFunctionId"} {
			if !reflect.DeepEqual(want[i][k], got[i][k]) {
				t.Errorf("item %d %q = %v, want %v", i, k, got[i][k], want[i][k])
			}
		}
		wl, gl := want[i]["logs"].([]any), got[i]["logs"].([]any)
		if len(gl) != len(wl) {
			t.Fatalf("item %d: %d logs, want %d", i, len(gl), len(wl))
		}
		w0, g0 := wl[0].(map[string]any), gl[0].(map[string]any)
		if diff := cmp.Diff(keys(w0), keys(g0)); diff != "" {
			t.Errorf("item %d log keys (-want +got):\n%s", i, diff)
		}
		if g0["level"] != "info" || g0["content"] != content {
			t.Errorf("item %d log = %v, want the authorization as Investec logged it", i, g0)
		}
		if g0["createdAt"] != "2021-10-15T03:48:13.147Z" || got[i]["startedAt"] != "2021-10-15T03:48:13.147Z" {
			t.Errorf("item %d timestamps not in Investec's format: %v %v", i, g0["createdAt"], got[i]["startedAt"])
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestItemError(t *testing.T) {
	t.Parallel()
	execs := simulate(t, `const beforeTransaction = () => { throw new Error('x'); };`, nil, bakery(), fast)
	b, _ := json.Marshal(execs[0].Item("root"))
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["Error"] != execs[0].Error || got["authorizationApproved"] != false || got["logs"] == nil {
		t.Errorf("item = %s", b)
	}
	if _, lower := got["error"]; lower {
		t.Error(`item has "error"; Investec's execution items spell it "Error"`)
	}
}
