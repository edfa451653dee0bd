package sync_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/investec"
)

// The investec client decodes transaction lists with its own scanner (the
// sync's hot path) and falls back to encoding/json for anything unusual.
// These tests hold the client to encoding/json with Transaction's own
// UnmarshalJSON, the reference: same rows, and an error exactly when the
// reference fails. They live here because the sync is what relies on it.

// referenceTransactions decodes a transactions answer the plain way. The
// page count is read as the client documents it: a whole number, as a
// JSON number or string; null or absent is 0.
func referenceTransactions(body []byte) ([]investec.Transaction, int64, error) {
	var env struct {
		Data struct {
			Transactions []investec.Transaction `json:"transactions"`
		} `json:"data"`
		Links struct {
			Self string `json:"self"`
		} `json:"links"`
		Meta struct {
			TotalPages json.RawMessage `json:"totalPages"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, 0, err
	}
	var pages int64
	if s := strings.Trim(string(env.Meta.TotalPages), `"`); s != "" && s != "null" {
		cents, err := investec.ParseAmount(s)
		if err != nil || cents%100 != 0 {
			return nil, 0, fmt.Errorf("totalPages %s", s)
		}
		pages = cents.Cents() / 100
	}
	return env.Data.Transactions, pages, nil
}

// decodeServer answers every transactions request with its current body
// as page 1 (later pages are empty), so one server and one kept-alive
// connection serve a whole fuzzing run.
type decodeServer struct {
	mu     gosync.Mutex
	body   []byte
	client *investec.Client
}

func newDecodeServer(tb testing.TB) *decodeServer {
	ds := &decodeServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") != "" {
			_, _ = w.Write([]byte(`{"data":{"transactions":[]},"meta":{"totalPages":1}}`))
			return
		}
		ds.mu.Lock()
		defer ds.mu.Unlock()
		_, _ = w.Write(ds.body)
	}))
	tb.Cleanup(srv.Close)
	ds.client = investec.NewClient(investec.WithBaseURL(srv.URL), investec.WithRetry(investec.RetryPolicy{MaxAttempts: 1}))
	return ds
}

// check serves body and compares the client's rows with the reference.
func (ds *decodeServer) check(t *testing.T, body []byte) {
	t.Helper()
	want, pages, wantErr := referenceTransactions(body)
	if wantErr == nil && pages > 3 {
		t.Skip("many pages: not what this checks")
	}
	ds.mu.Lock()
	ds.body = body
	ds.mu.Unlock()
	got, err := ds.client.ListTransactions(t.Context(), "acc", nil)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("body %q: client error %v, reference error %v", body, err, wantErr)
	}
	if err != nil {
		return
	}
	if len(want) == 0 {
		want = nil // the client returns nil for no rows
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("body %q: rows differ from encoding/json (-want +got):\n%s", body, diff)
	}
}

// decodeSeeds are answers with every oddity the scanner must either read
// exactly as encoding/json does or leave to it.
var decodeSeeds = []string{
	`{"data":{"transactions":[]},"links":{"self":"x"},"meta":{"totalPages":1}}`,
	`null`,
	` {"data":null,"links":null,"meta":null} `,
	// Escapes: \u0026 as Go's encoder writes &, surrogate pairs, a lone
	// surrogate, every short escape; HTML unescaped once, after.
	`{"data":{"transactions":[{"accountId":"a","type":"DEBIT","status":"POSTED","description":"SALARY \u0026amp;amp; BONUS \ud83d\ude00 \ud800x \"\\\/\b\f\n\r\t","amount":1.5,"runningBalance":-2}]}}`,
	// Invalid UTF-8 (replaced by U+FFFD), non-ASCII text.
	"{\"data\":{\"transactions\":[{\"description\":\"caf\xc3\xa9 \xff\xfe end\xe2\x82\",\"amount\":\"10.00\"}]}}",
	// Amounts and postedOrder as strings, with spaces, null; null dates on a
	// merged pending row; unknown keys with nested values.
	`{"data":{"transactions":[{"amount":" 10.12 ","runningBalance":null,"postedOrder":"11050","postingDate":null,"valueDate":null,"extra":[1,{"a":[true,false,null,-0.5e+3]}],"cardNumber":null}]},"meta":{"totalPages":"1"}}`,
	// Keys encoding/json matches regardless of case, repeated keys.
	`{"data":{"transactions":[{"Amount":1,"amount":2,"DESCRIPTION":"x"}]}}`,
	`{"data":{"transactions":[{"amount":1,"amount":null,"runningBalance":3,"runningBalance":null}]}}`,
	`{"Data":{"Transactions":[{"amount":1}]},"data":{"transactions":[{"amount":2}]}}`,
	// Errors: invalid amounts, wrong types, bad syntax, trailing text.
	`{"data":{"transactions":[{"amount":1.005}]}}`,
	`{"data":{"transactions":[{"amount":"abc"}]}}`,
	`{"data":{"transactions":[{"amount":true}]}}`,
	`{"data":{"transactions":[{"accountId":5}]}}`,
	`{"data":{"transactions":[{"postedOrder":1.5}]}}`,
	`{"data":{"transactions":[null,{"amount":1}]}}`,
	`{"data":{"transactions":[{"amount":01}]}}`,
	`{"data":{"transactions":[{"description":"tab	inside"}]}}`,
	`{"data":{"transactions":[{"description":"\x"}]}}`,
	`{"data":{"transactions":[{"amount":1}]}} x`,
	`{"data":{"transactions":[{"amount":1},]}}`,
	`{"links":{"self":5}}`,
	`{"meta":{"totalPages":"x"}}`,
	`{"data":{"transactions":{}}}`,
}

func TestClientDecodesTransactionsLikeEncodingJSON(t *testing.T) {
	t.Parallel()
	ds := newDecodeServer(t)
	files, err := filepath.Glob("../investec/testdata/transactions_*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) { ds.check(t, body) })
	}
	for i, s := range decodeSeeds {
		t.Run(string(rune('a'+i)), func(t *testing.T) { ds.check(t, []byte(s)) })
	}
}

// FuzzClientDecodesTransactionsLikeEncodingJSON runs the same comparison on
// any answer: go test -fuzz=FuzzClientDecodesTransactionsLikeEncodingJSON
// ./backend/sync/ (the seeds run in every go test).
func FuzzClientDecodesTransactionsLikeEncodingJSON(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	ds := newDecodeServer(f)
	f.Fuzz(func(t *testing.T, body []byte) { ds.check(t, body) })
}
