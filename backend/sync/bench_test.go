package sync_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

// staticBank serves a fixed, generated history over HTTP in Investec's
// wire format, caching each encoded answer so that serving costs the same
// for the sync and for the baseline.
type staticBank struct {
	accounts []domain.Account
	rows     map[string][]domain.Transaction // by account, bank order
	mu       gosync.Mutex
	cache    map[string][]byte
}

func newStaticBank(accounts, rowsPerAccount int, last string) *staticBank {
	sb := &staticBank{accounts: storetest.Accounts(accounts), rows: map[string][]domain.Transaction{}, cache: map[string][]byte{}}
	end, _ := time.Parse(time.DateOnly, last)
	const perDay = 50
	days := rowsPerAccount / perDay
	for i, a := range sb.accounts {
		g := storetest.NewGenerator(a.ID, uint64(i+1))
		for d := days - 1; d >= 0; d-- {
			sb.rows[a.ID] = append(sb.rows[a.ID], g.Day(end.AddDate(0, 0, -d).Format(time.DateOnly), perDay)...)
		}
	}
	return sb
}

func (sb *staticBank) body(r *http.Request) []byte {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if b, ok := sb.cache[r.URL.String()]; ok {
		return b
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	var data any
	switch {
	case r.URL.Path == "/za/pb/v1/accounts":
		var out []map[string]any
		for _, a := range sb.accounts {
			out = append(out, map[string]any{"accountId": a.ID, "accountNumber": a.Number, "accountName": a.Name,
				"referenceName": a.ReferenceName, "productName": a.ProductName, "kycCompliant": true, "profileId": a.ProfileID, "profileName": a.ProfileName})
		}
		data = map[string]any{"accounts": out}
	case r.URL.Path == "/za/pb/v1/accounts/beneficiaries":
		data = []any{}
	case len(parts) == 6 && parts[5] == "balance":
		rows := sb.rows[parts[4]]
		data = map[string]any{"accountId": parts[4], "currentBalance": money(*rows[len(rows)-1].RunningBalance),
			"availableBalance": money(*rows[len(rows)-1].RunningBalance), "currency": "ZAR"}
	case len(parts) == 6 && parts[5] == "transactions":
		rows := sb.rows[parts[4]]
		from, to := r.URL.Query().Get("fromDate"), r.URL.Query().Get("toDate")
		lo := sort.Search(len(rows), func(i int) bool { return rows[i].PostingDate >= from })
		hi := sort.Search(len(rows), func(i int) bool { return rows[i].PostingDate > to })
		out := make([]map[string]any, 0, hi-lo)
		for _, t := range rows[lo:hi] {
			out = append(out, map[string]any{"accountId": t.AccountID, "type": t.Type, "transactionType": t.TransactionType,
				"status": t.Status, "description": html.EscapeString(t.Description), "cardNumber": t.CardNumber,
				"postedOrder": t.PostedOrder, "postingDate": t.PostingDate, "valueDate": t.ValueDate,
				"actionDate": t.ActionDate, "transactionDate": t.TransactionDate, "amount": money(t.Amount),
				"runningBalance": money(*t.RunningBalance), "uuid": t.UUID})
		}
		data = map[string]any{"transactions": out}
	case len(parts) == 6 && parts[5] == "pending-transactions":
		data = map[string]any{"transactions": []any{}}
	case len(parts) == 6 && parts[5] == "documents":
		data = []any{}
	default:
		return nil
	}
	b, _ := json.Marshal(map[string]any{"data": data, "links": map[string]any{"self": r.URL.String()}, "meta": map[string]any{"totalPages": 1}})
	sb.cache[r.URL.String()] = b
	return b
}

func (sb *staticBank) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/identity/v2/oauth2/token" {
		_, _ = w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":1799,"scope":"accounts balances transactions"}`))
		return
	}
	b := sb.body(r)
	if b == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// BenchmarkSync200k syncs 200,000 transactions from the built-in sandbox
// (Options.Transactions) over real HTTP into a fresh cache, beside a raw
// baseline in the same run: fetching the same windows, decoding the JSON
// plainly and inserting the rows into a bare table with a prepared
// statement, one transaction per window.
func BenchmarkSync200k(b *testing.B) {
	clk := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)
	sb, err := sandbox.New(sandbox.Options{Transactions: 200_000, Now: func() time.Time { return clk }})
	if err != nil {
		b.Fatal(err)
	}
	base, stop, err := sb.Start(b.Context(), "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	client := investec.NewClient(investec.WithBaseURL(base), investec.WithRetry(investec.RetryPolicy{MaxAttempts: 1}),
		investec.WithCredentials(investec.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}))
	bank := dsync.NewInvestecBank(client, false, slog.New(slog.DiscardHandler))
	benchSync(b, bank, base, func() time.Time { return clk }, sandboxToken(b, base))
}

// BenchmarkSyncStatic200k is BenchmarkSync200k against a server that
// answers from a cache of encoded responses, so serving costs next to
// nothing and the ratio shows the client and the store alone.
func BenchmarkSyncStatic200k(b *testing.B) {
	const last = "2026-06-30"
	sb := newStaticBank(2, 100_000, last)
	srv := httptest.NewServer(sb)
	defer srv.Close()
	now := func() time.Time { t, _ := time.Parse(time.DateOnly, last); return t.Add(10 * time.Hour) }
	bank := httpBank(srv, 1)
	// The server encodes an answer the first time it is asked for it. An
	// untimed sync first fills its cache, so the timed sync runs are served
	// from it just as the baseline is (otherwise the first timed run pays
	// for encoding every window).
	warmSync(b, bank, now)
	benchSync(b, bank, srv.URL, now, "tok")
}

// warmSync runs one sync into a throwaway cache, untimed.
func warmSync(b *testing.B, bank dsync.Bank, now func() time.Time) {
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "warm.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := dsync.New(st, bank, dsync.Options{Now: now, Logger: slog.New(slog.DiscardHandler)})
	if run, err := s.Run(context.Background(), "warm"); err != nil || run.Failed != 0 {
		b.Fatalf("warm-up run = %+v, %v", run, err)
	}
}

// sandboxToken fetches a bearer token for the baseline with a plain request.
func sandboxToken(b *testing.B, base string) string {
	req, _ := http.NewRequest(http.MethodPost, base+"/identity/v2/oauth2/token", strings.NewReader("grant_type=client_credentials"))
	req.SetBasicAuth(sandbox.PBClientID, sandbox.PBSecret)
	req.Header.Set("x-api-key", sandbox.PBAPIKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("token: %v", err)
	}
	return tok.AccessToken
}

// benchSync runs the sync and the baseline sub-benchmarks against a bank
// serving 200,000 posted transactions at base.
//
// A third sub-benchmark, ratio, reports the sync's time per run divided by
// the baseline's (sync/baseline, the figure to watch) and the same ratio
// of the CPU time the process spent (cpu-sync/baseline; on a busy machine
// this one moves less with the load).
func benchSync(b *testing.B, bank dsync.Bank, base string, now func() time.Time, token string) {
	var windows [][3]string // account, from, to: what the sync asked for
	var fetched int
	var syncRun, baseRun perOp

	b.Run("sync", func(b *testing.B) {
		var cpu cpuMeter
		for b.Loop() {
			b.StopTimer()
			st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "cache.db"))
			if err != nil {
				b.Fatal(err)
			}
			windows = windows[:0]
			var current string
			s := dsync.New(st, bank, dsync.Options{Now: now, Logger: slog.New(slog.DiscardHandler),
				Progress: func(p domain.SyncProgress) {
					if p.Phase == domain.PhaseTransactions {
						current = p.AccountID
						windows = append(windows, [3]string{current, p.WindowFrom, p.WindowTo})
					}
				}})
			b.StartTimer()
			cpu.start()
			run, err := s.Run(context.Background(), "bench")
			if err != nil || run.Failed != 0 || run.Fetched < 200_000 {
				b.Fatalf("run = %+v, %v", run, err)
			}
			fetched = run.Fetched
			cpu.stop()
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		syncRun = cpu.report(b, fetched)
	})

	b.Run("baseline", func(b *testing.B) {
		if len(windows) == 0 {
			b.Fatal("the sync sub-benchmark records the windows the baseline fetches: run both")
		}
		var cpu cpuMeter
		for b.Loop() {
			b.StopTimer()
			db, err := sql.Open("sqlite3", "file:"+filepath.Join(b.TempDir(), "bare.db")+"?_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate")
			if err != nil {
				b.Fatal(err)
			}
			db.SetMaxOpenConns(1)
			if _, err := db.Exec(`CREATE TABLE t (account_id TEXT, status TEXT, type TEXT, transaction_type TEXT, description TEXT,
				card_number TEXT, posted_order INTEGER, posting_date TEXT, value_date TEXT, action_date TEXT, transaction_date TEXT,
				amount INTEGER, running_balance INTEGER, uuid TEXT)`); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			cpu.start()
			n := 0
			for _, w := range windows {
				n += baselineWindow(b, base, token, db, w)
			}
			if n < 199_000 || n > fetched { // fetched also counts pending rows
				b.Fatalf("baseline inserted %d rows, the sync fetched %d", n, fetched)
			}
			cpu.stop()
			b.StopTimer()
			db.Close()
			b.StartTimer()
		}
		baseRun = cpu.report(b, fetched)
	})

	b.Run("ratio", func(b *testing.B) {
		if syncRun.wall == 0 || baseRun.wall == 0 {
			b.Skip("needs both the sync and the baseline sub-benchmarks")
		}
		b.ReportMetric(0, "ns/op") // nothing is timed here
		b.ReportMetric(syncRun.wall.Seconds()/baseRun.wall.Seconds(), "sync/baseline")
		if syncRun.cpu > 0 && baseRun.cpu > 0 {
			b.ReportMetric(syncRun.cpu.Seconds()/baseRun.cpu.Seconds(), "cpu-sync/baseline")
		}
	})
}

// perOp is what one run of a sub-benchmark cost on average.
type perOp struct {
	wall, cpu time.Duration
}

// cpuMeter adds up the CPU time the process spends between start and
// stop (the timed part of each iteration).
type cpuMeter struct {
	total, at time.Duration
	ok        bool
}

func (m *cpuMeter) start() { m.at, m.ok = processCPU() }

func (m *cpuMeter) stop() {
	if now, ok := processCPU(); ok && m.ok {
		m.total += now - m.at
	}
}

// report adds the rows per second and CPU seconds per run to b's results
// and returns the per-run figures.
func (m *cpuMeter) report(b *testing.B, rows int) perOp {
	op := perOp{wall: b.Elapsed() / time.Duration(b.N)}
	b.ReportMetric(float64(rows)/op.wall.Seconds(), "rows/s")
	if m.ok {
		op.cpu = m.total / time.Duration(b.N)
		b.ReportMetric(op.cpu.Seconds(), "cpu-s/op")
	}
	return op
}

// baselineWindow fetches one window, decodes it plainly and inserts it.
func baselineWindow(b *testing.B, base, token string, db *sql.DB, w [3]string) int {
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/za/pb/v1/accounts/%s/transactions?fromDate=%s&toDate=%s", base, w[0], w[1], w[2]), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	var env struct {
		Data struct {
			Transactions []struct {
				AccountID       string      `json:"accountId"`
				Type            string      `json:"type"`
				TransactionType string      `json:"transactionType"`
				Status          string      `json:"status"`
				Description     string      `json:"description"`
				CardNumber      string      `json:"cardNumber"`
				PostedOrder     int64       `json:"postedOrder"`
				PostingDate     string      `json:"postingDate"`
				ValueDate       string      `json:"valueDate"`
				ActionDate      string      `json:"actionDate"`
				TransactionDate string      `json:"transactionDate"`
				Amount          json.Number `json:"amount"`
				RunningBalance  json.Number `json:"runningBalance"`
				UUID            string      `json:"uuid"`
			} `json:"transactions"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		b.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range env.Data.Transactions {
		amount, err1 := domain.ParseMoney(string(t.Amount))
		rb, err2 := domain.ParseMoney(string(t.RunningBalance))
		if err1 != nil || err2 != nil {
			b.Fatal(err1, err2)
		}
		if _, err := stmt.Exec(t.AccountID, t.Status, t.Type, t.TransactionType, t.Description, t.CardNumber, t.PostedOrder,
			t.PostingDate, t.ValueDate, t.ActionDate, t.TransactionDate, int64(amount), int64(rb), t.UUID); err != nil {
			b.Fatal(err)
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return len(env.Data.Transactions)
}
