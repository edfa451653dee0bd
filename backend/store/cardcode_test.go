package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

func TestCodeVersionsHistory(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "cache.db")
	st, err := store.Open(t.Context(), path, store.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()

	code1 := "const beforeTransaction = async () => true;\n"
	v1, added, err := st.AddCodeVersion(ctx, domain.CodeVersion{CardKey: "1234567", Kind: domain.CodeVersionSaved, CodeID: "A", Code: code1})
	if err != nil || !added {
		t.Fatalf("first save: %v %v", added, err)
	}
	sum := sha256.Sum256([]byte(code1))
	if v1.SHA256 != hex.EncodeToString(sum[:]) || v1.At != "2026-03-01T08:00:00.000Z" || v1.ID == 0 || v1.Code != code1 {
		t.Errorf("stored %+v", v1)
	}
	// The same version again (a reload seeing it at the bank) is not a new
	// entry and keeps its first time.
	again, added, err := st.AddCodeVersion(ctx, domain.CodeVersion{CardKey: "1234567", Kind: domain.CodeVersionSaved, CodeID: "A", Code: code1, At: "2027-01-01T00:00:00Z"})
	if err != nil || added || again != v1 {
		t.Fatalf("duplicate: %+v %v %v", again, added, err)
	}
	// Published under the same code ID is a separate entry; times given in
	// another zone are normalised to UTC so text order is time order.
	pub, added, err := st.AddCodeVersion(ctx, domain.CodeVersion{CardKey: "1234567", Kind: domain.CodeVersionPublished, CodeID: "A", Code: code1, At: "2026-03-01T10:00:05.5+02:00"})
	if err != nil || !added || pub.At != "2026-03-01T08:00:05.500Z" {
		t.Fatalf("publish entry: %+v %v %v", pub, added, err)
	}
	clock = clock.Add(time.Minute)
	v2, _, err := st.AddCodeVersion(ctx, domain.CodeVersion{CardKey: "1234567", Kind: domain.CodeVersionSaved, CodeID: "B", Code: "// two\n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.AddCodeVersion(ctx, domain.CodeVersion{CardKey: "7654321", Kind: domain.CodeVersionSaved, CodeID: "C", Code: "x"}); err != nil {
		t.Fatal(err)
	}

	list, err := st.ListCodeVersions(ctx, "1234567", 0)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmpAny([]domain.CodeVersion{v2, pub, v1}, list); d != "" {
		t.Errorf("history newest first (-want +got):\n%s", d)
	}
	if list, _ := st.ListCodeVersions(ctx, "1234567", 1); len(list) != 1 || list[0].ID != v2.ID {
		t.Errorf("limit 1: %+v", list)
	}
	got, err := st.GetCodeVersion(ctx, v1.ID)
	if err != nil || got != v1 {
		t.Errorf("GetCodeVersion = %+v, %v", got, err)
	}
	if _, err := st.GetCodeVersion(ctx, 9999); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("missing version: %v", err)
	}
	for _, bad := range []domain.CodeVersion{
		{Kind: domain.CodeVersionSaved, CodeID: "x"},
		{CardKey: "1", Kind: "draft", CodeID: "x"},
		{CardKey: "1", Kind: domain.CodeVersionSaved},
		{CardKey: "1", Kind: domain.CodeVersionSaved, CodeID: "x", At: "yesterday"},
	} {
		if _, _, err := st.AddCodeVersion(ctx, bad); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("AddCodeVersion(%+v) = %v, want invalid", bad, err)
		}
	}

	// The history survives reopening the file.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if list2, err := st.ListCodeVersions(ctx, "1234567", 0); err != nil || cmpAny(list, list2) != "" {
		t.Errorf("after reopen: %v %s", err, cmpAny(list, list2))
	}
}

func localExec(card string, i int, at time.Time) domain.CardExecution {
	ok := i%2 == 0
	return domain.CardExecution{
		ID: fmt.Sprintf("EXEC-%s-%04d", card, i), CardKey: card, Source: domain.ExecutionLocal,
		Type: "before_transaction", Approved: &ok,
		Logs:      []domain.ExecutionLog{{CreatedAt: at.Format(time.RFC3339Nano), Level: "info", Content: fmt.Sprintf("run %d", i)}},
		CreatedAt: at.Format(time.RFC3339Nano), StartedAt: at.Format(time.RFC3339Nano), CompletedAt: at.Add(3 * time.Millisecond).Format(time.RFC3339Nano),
		Local: &domain.LocalRun{CentsAmount: domain.Money(12345 + i), CurrencyCode: "zar", MerchantCode: "5462",
			MerchantName: "The Coders Bakery", MerchantCity: "Cape Town", CountryCode: "ZA", CodeSHA256: store.CodeSHA256("x")},
	}
}

func TestLocalExecutionsKeptAndPruned(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := t.Context()
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

	after := localExec("111", 1, base)
	after.Type, after.Approved, after.Error = "after_decline", nil, "TypeError: boom (main.js:3:5)"
	in := []domain.CardExecution{localExec("111", 0, base), after}
	if err := st.AddLocalExecutions(ctx, in); err != nil {
		t.Fatal(err)
	}
	if in[0].CreatedAt != base.Format(time.RFC3339Nano) {
		t.Error("AddLocalExecutions changed the caller's slice")
	}
	got, err := st.ListLocalExecutions(ctx, "111", 0)
	if err != nil || len(got) != 2 {
		t.Fatalf("list: %d %v", len(got), err)
	}
	want := in[0]
	want.CreatedAt, want.StartedAt, want.CompletedAt = "2026-03-01T08:00:00.000Z", "2026-03-01T08:00:00.000Z", "2026-03-01T08:00:00.003Z"
	if d := cmpAny(want, got[1]); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if got[0].Approved != nil || got[0].Error != after.Error || got[0].Type != "after_decline" {
		t.Errorf("after execution %+v", got[0])
	}

	// Another card's runs and non-local executions.
	if err := st.AddLocalExecutions(ctx, []domain.CardExecution{localExec("222", 0, base)}); err != nil {
		t.Fatal(err)
	}
	real := localExec("111", 9, base)
	real.Source = domain.ExecutionReal
	if err := st.AddLocalExecutions(ctx, []domain.CardExecution{real}); err == nil {
		t.Error("a real execution was kept as local")
	}
	dup := localExec("111", 0, base)
	if err := st.AddLocalExecutions(ctx, []domain.CardExecution{dup}); domain.ErrorCode(err) != domain.CodeConflict {
		t.Errorf("same execution twice: %v", err)
	}

	// Beyond MaxLocalExecutions the oldest go.
	var many []domain.CardExecution
	for i := 2; i < store.MaxLocalExecutions+7; i++ {
		many = append(many, localExec("111", i, base.Add(time.Duration(i)*time.Second)))
	}
	if err := st.AddLocalExecutions(ctx, many); err != nil {
		t.Fatal(err)
	}
	got, err = st.ListLocalExecutions(ctx, "111", 0)
	if err != nil || len(got) != store.MaxLocalExecutions {
		t.Fatalf("after many: %d %v", len(got), err)
	}
	if got[0].ID != many[len(many)-1].ID || got[len(got)-1].ID != many[len(many)-store.MaxLocalExecutions].ID {
		t.Errorf("kept %s..%s", got[len(got)-1].ID, got[0].ID)
	}
	if other, _ := st.ListLocalExecutions(ctx, "222", 0); len(other) != 1 {
		t.Errorf("pruning one card touched another: %d", len(other))
	}
	if top, _ := st.ListLocalExecutions(ctx, "111", 3); len(top) != 3 || top[0].ID != got[0].ID {
		t.Errorf("limit: %d", len(top))
	}
}

func TestCardTransactions(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := t.Context()
	accts := storetest.Accounts(2)
	if err := st.SaveAccounts(ctx, accts); err != nil {
		t.Fatal(err)
	}
	row := func(acct, desc, card, txDate, postDate string, order int64, cents domain.Money) domain.Transaction {
		return domain.Transaction{AccountID: acct, Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: desc, CardNumber: card, PostedOrder: order, PostingDate: postDate, ValueDate: postDate, ActionDate: postDate,
			TransactionDate: txDate, Amount: cents, SignedAmount: -cents}
	}
	a0, a1 := accts[0].ID, accts[1].ID
	rows0 := []domain.Transaction{
		row(a0, "WOOLWORTHS SANDTON", "402167xxxxxx1111", "2026-03-01", "2026-03-02", 1, 12345),
		row(a0, "UBER TRIP", "402167xxxxxx2222", "2026-03-01", "2026-03-02", 2, 9900),    // another card
		row(a0, "NETFLIX.COM", "402167xxxxxx1111", "2026-02-20", "2026-03-03", 3, 19900), // bought before the range
		row(a0, "MONTHLY FEE", "", "2026-03-03", "2026-03-03", 4, 5000),
		row(a0, "PICK N PAY", "402167xxxxxx1111", "2026-03-04", "2026-03-05", 5, 8800),
	}
	rows1 := []domain.Transaction{row(a1, "TAKEALOT.COM", "402167xxxxxx1111", "2026-03-02", "2026-03-02", 1, 1000)}
	for _, w := range []store.Window{
		{AccountID: a0, From: "2026-03-01", To: "2026-03-10", Rows: rows0},
		{AccountID: a1, From: "2026-03-01", To: "2026-03-10", Rows: rows1},
	} {
		if _, err := st.ReplaceWindow(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	pending := domain.Transaction{AccountID: a0, Type: domain.Debit, Status: domain.Pending, Description: "SPAR GREENSIDE",
		TransactionDate: "2026-03-03", Amount: 4200, SignedAmount: -4200, CardNumber: "402167xxxxxx1111"}
	// Investec sends pending rows without a card number.
	anonymous := domain.Transaction{AccountID: a0, Type: domain.Debit, Status: domain.Pending, Description: "UBER TRIP",
		TransactionDate: "2026-03-03", Amount: 4200, SignedAmount: -4200}
	if _, err := st.ReplacePending(ctx, a0, []domain.Transaction{pending, anonymous}); err != nil {
		t.Fatal(err)
	}

	got, err := st.CardTransactions(ctx, a0, "1111", "2026-03-01", "2026-03-03")
	if err != nil {
		t.Fatal(err)
	}
	var descs []string
	for _, tx := range got {
		descs = append(descs, tx.Description)
	}
	if d := cmpAny([]string{"WOOLWORTHS SANDTON", "SPAR GREENSIDE", "UBER TRIP"}, descs); d != "" {
		t.Errorf("account 0 (-want +got):\n%s", d)
	}
	if got[0].ID == 0 || got[0].Amount != 12345 {
		t.Errorf("row %+v", got[0])
	}
	got, err = st.CardTransactions(ctx, "", "1111", "2026-03-01", "2026-03-05")
	if err != nil || len(got) != 4 { // without an account, only rows with the card's number
		t.Fatalf("all accounts: %d %v", len(got), err)
	}
	for _, bad := range [][3]string{{"111", "2026-03-01", "2026-03-02"}, {"11%1", "2026-03-01", "2026-03-02"}, {"1111", "01/03/2026", "2026-03-02"}} {
		if _, err := st.CardTransactions(ctx, "", bad[0], bad[1], bad[2]); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("CardTransactions%v = %v, want invalid", bad, err)
		}
	}
}
