package core

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestDocumentsListMatchesTheBankAndDownloadsItsBytes(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	client := d.client(t)
	a := d.accounts(t)[0]

	list, err := d.Documents(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: lastTaxYear.From, To: lastTaxYear.To, Refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	if !list.Refreshed || list.RefreshCode != "" {
		t.Fatalf("refresh: %+v", list)
	}
	bank, err := client.ListDocuments(ctx, a.ID, lastTaxYear.From, lastTaxYear.To)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, b := range bank {
		want = append(want, b.DocumentType+" "+b.DocumentDate)
	}
	for _, e := range list.Documents {
		got = append(got, e.DocumentType+" "+e.DocumentDate)
		if e.Downloaded || e.Size != 0 {
			t.Errorf("%s %s is listed as downloaded before any download", e.DocumentType, e.DocumentDate)
		}
		if e.AccountNumber != a.Number || !strings.HasSuffix(e.AccountLabel, a.Number[len(a.Number)-4:]) {
			t.Errorf("entry account %q %q", e.AccountNumber, e.AccountLabel)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) < 12 || !slices.Equal(got, want) {
		t.Fatalf("the list differs from the bank's:\n got %v\nwant %v", got, want)
	}

	// Download one statement: the archived file holds exactly the bank's
	// bytes, privately, inside the connection's archive.
	var stmt domain.DocumentEntry
	for _, e := range list.Documents {
		if e.DocumentType == domain.DocumentStatement {
			stmt = e
			break
		}
	}
	key := domain.DocumentKey{AccountID: a.ID, DocumentType: stmt.DocumentType, DocumentDate: stmt.DocumentDate}
	entry, err := d.DownloadDocument(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	file, err := client.GetDocument(ctx, a.ID, stmt.DocumentType, stmt.DocumentDate)
	if err != nil {
		t.Fatal(err)
	}
	if !entry.Downloaded || entry.Size != int64(len(file.Data)) || entry.SHA256 != sha256Hex(file.Data) {
		t.Fatalf("entry %+v does not describe the bank's %d bytes", entry, len(file.Data))
	}
	path, err := d.DocumentPath(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(d.session(t).dir, "documents")
	if rel, err := filepath.Rel(archive, path); err != nil || strings.HasPrefix(rel, "..") {
		t.Fatalf("archived at %s, outside %s", path, archive)
	}
	if want := filepath.Join(archive, a.Number, stmt.DocumentDate+" Statement.pdf"); path != want {
		t.Errorf("archived at %s, want %s", path, want)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sha256Hex(data) != sha256Hex(file.Data) {
		t.Fatal("the archived file differs from the bank's bytes")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("archived file mode %v, want 0600", fi.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*partial"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// The index now says so, without reading the file.
	list, err = d.Documents(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: stmt.DocumentDate, To: stmt.DocumentDate})
	if err != nil || len(list.Documents) != 1 || !list.Documents[0].Downloaded || list.Documents[0].SHA256 != entry.SHA256 {
		t.Fatalf("list after download: %v %+v", err, list)
	}
}

func TestDocumentsOfflineArchiveStillOpens(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	a := d.accounts(t)[0]
	list, err := d.Documents(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: lastTaxYear.From, To: lastTaxYear.To, Types: []string{domain.DocumentStatement}})
	if err != nil || len(list.Documents) < 2 {
		t.Fatalf("list: %v %d", err, len(list.Documents))
	}
	for _, e := range list.Documents {
		if e.DocumentType != domain.DocumentStatement {
			t.Fatalf("type filter let through %s", e.DocumentType)
		}
	}
	archived := domain.DocumentKey{AccountID: a.ID, DocumentType: list.Documents[0].DocumentType, DocumentDate: list.Documents[0].DocumentDate}
	missing := domain.DocumentKey{AccountID: a.ID, DocumentType: list.Documents[1].DocumentType, DocumentDate: list.Documents[1].DocumentDate}
	if _, err := d.DownloadDocument(ctx, archived); err != nil {
		t.Fatal(err)
	}
	if err := d.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}

	if err := d.OpenDocument(ctx, archived); err != nil {
		t.Fatalf("opening an archived document offline: %v", err)
	}
	opened := d.opener.opened()
	archive := filepath.Join(d.session(t).dir, "documents")
	if len(opened) != 1 || !strings.HasPrefix(opened[0], archive+string(filepath.Separator)) || filepath.Ext(opened[0]) != ".pdf" {
		t.Fatalf("opener called with %v, want one PDF inside %s", opened, archive)
	}
	if _, err := os.Stat(opened[0]); err != nil {
		t.Fatalf("the opened path does not exist: %v", err)
	}

	err = d.OpenDocument(ctx, missing)
	if domain.ErrorCode(err) != domain.CodeOffline || !strings.Contains(domain.ErrorMessage(err), "not downloaded yet and Investec cannot be reached") {
		t.Fatalf("opening a missing document offline: %v (%s)", err, domain.ErrorCode(err))
	}
	if len(d.opener.opened()) != 1 {
		t.Fatal("the opener was called for a document that is not archived")
	}

	// A refresh offline reports why and still lists the cache.
	list, err = d.Documents(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: lastTaxYear.From, To: lastTaxYear.To, Refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	if list.Refreshed || list.RefreshCode != domain.CodeOffline || len(list.Documents) == 0 {
		t.Fatalf("offline refresh: %+v", list)
	}

	// Downloading everything offline stops at the first failure and counts
	// the rest; the archived one is counted as archived.
	res, err := d.DownloadDocuments(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: lastTaxYear.From, To: lastTaxYear.To, Types: []string{domain.DocumentStatement}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Archived != 1 || res.Downloaded != 0 || res.Failed != len(res.Documents)-1 || res.ErrorCode != domain.CodeOffline {
		t.Fatalf("offline download: %+v", res)
	}

	// Back online, a damaged archive copy is noticed and fetched again.
	if err := d.SetDemoOffline(ctx, false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(opened[0], []byte("%PDF-1.4 tampered"), 0o600); err != nil {
		t.Fatal(err)
	}
	path, err := d.DocumentPath(ctx, archived)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := d.client(t).GetDocument(ctx, a.ID, archived.DocumentType, archived.DocumentDate)
	if err != nil {
		t.Fatal(err)
	}
	if sha256Hex(data) != sha256Hex(file.Data) {
		t.Fatal("a damaged archive copy was served instead of being fetched again")
	}
}

func TestDocumentsRejectPathTraversal(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	a := d.accounts(t)[0]
	sess := d.session(t)
	archive := filepath.Join(sess.dir, "documents")

	for _, k := range []domain.DocumentKey{
		{AccountID: a.ID, DocumentType: "../../x", DocumentDate: "2026-03-16"},
		{AccountID: a.ID, DocumentType: "Statement/../../x", DocumentDate: "2026-03-16"},
		{AccountID: a.ID, DocumentType: "..", DocumentDate: "2026-03-16"},
		{AccountID: a.ID, DocumentType: "Statement", DocumentDate: "../../x"},
		{AccountID: a.ID, DocumentType: "Statement", DocumentDate: "2026-03-16/../../../x"},
		{AccountID: a.ID, DocumentType: "Statement", DocumentDate: "2026-02-30"},
		{AccountID: "../../x", DocumentType: "Statement", DocumentDate: "2026-03-16"},
	} {
		if _, err := d.DownloadDocument(ctx, k); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("download %+v: %v, want invalid", k, err)
		}
		if err := d.OpenDocument(ctx, k); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("open %+v: %v, want invalid", k, err)
		}
	}
	if n := len(d.opener.opened()); n != 0 {
		t.Fatalf("the opener was called %d times", n)
	}

	// A hostile listing reaches the index (it is the bank's word) but never
	// the file system: downloading it is refused.
	if err := sess.store.SaveDocuments(ctx, a.ID, []domain.Document{{DocumentType: "../../x", DocumentDate: "2026-03-16"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.DownloadDocuments(ctx, domain.DocumentQuery{AccountIDs: []string{a.ID}, From: "2026-03-16", To: "2026-03-16"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(sess.dir, "x")); err == nil {
		t.Fatal("a file was written outside the archive")
	}

	// Hostile account numbers and types still give names inside the archive.
	ar := sess.archive()
	for _, acct := range []domain.Account{
		{ID: "a", Number: "../../12"}, {ID: "../../b", Number: ""}, {ID: "c", Number: "/etc/passwd"},
		{ID: "d", Number: strings.Repeat("9", 100)},
	} {
		for _, typ := range []string{"../../x", "Statement", "CON", ".."} {
			p, err := ar.base(acct, domain.DocumentKey{AccountID: acct.ID, DocumentType: typ, DocumentDate: "2026-03-16"})
			if err != nil {
				continue
			}
			rel, err := filepath.Rel(archive, p)
			if err != nil || strings.HasPrefix(rel, "..") || strings.Count(rel, string(filepath.Separator)) != 1 {
				t.Errorf("account %q type %q: path %s escapes or nests in %s", acct.Number, typ, p, archive)
			}
		}
	}
	if got := accountFolder(domain.Account{ID: "a", Number: "../../12"}); got != "12" {
		t.Errorf("account folder %q, want the digits 12", got)
	}
}

func TestDownloadDocumentsForAPeriodReportsProgressAndCanBeCancelled(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	q := domain.DocumentQuery{From: lastTaxYear.From, To: lastTaxYear.To}

	// Cancel after the second document.
	d.ev.setHook(func(name string, payload any) {
		if p, ok := payload.(domain.DocumentsProgress); ok && name == domain.EventDocumentsProgress && p.Done == 2 {
			d.CancelDocuments()
		}
	})
	_, err := d.DownloadDocuments(ctx, q)
	if domain.ErrorCode(err) != domain.CodeCancelled {
		t.Fatalf("cancelled download: %v", err)
	}
	d.ev.setHook(nil)
	list, err := d.Documents(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, e := range list.Documents {
		if e.Downloaded {
			kept++
		}
	}
	if kept != 2 {
		t.Fatalf("%d documents kept after cancelling at the second, want 2", kept)
	}

	res, err := d.DownloadDocuments(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Archived != 2 || res.Downloaded != len(list.Documents)-2 || res.Failed != 0 || len(res.Documents) != len(list.Documents) {
		t.Fatalf("download: %+v (of %d)", res, len(list.Documents))
	}
	for _, e := range res.Documents {
		if !e.Downloaded || e.Size == 0 {
			t.Errorf("%+v not downloaded", e)
		}
	}
	var last domain.DocumentsProgress
	for _, p := range d.ev.named(domain.EventDocumentsProgress) {
		last = p.(domain.DocumentsProgress)
	}
	if !last.Finished || last.Done != last.Total || last.Total != len(list.Documents) {
		t.Fatalf("last progress %+v", last)
	}

	// Copies for the CLI's --out never replace a file.
	out := t.TempDir()
	q1 := domain.DocumentQuery{AccountIDs: []string{res.Documents[0].AccountID}, From: res.Documents[0].DocumentDate, To: res.Documents[0].DocumentDate, Types: []string{res.Documents[0].DocumentType}}
	for range 2 {
		if _, err := d.CopyDocuments(ctx, q1, out); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(names) != 2 || !strings.Contains(names[0]+names[1], "(2).pdf") {
		t.Fatalf("copies: %v", names)
	}
}

func TestDocumentsValidateTheirQuery(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	_, err := d.Documents(t.Context(), domain.DocumentQuery{From: "2026-13-01", To: "2025-01-01"})
	p := domain.Payload(err)
	if p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "from" {
		t.Fatalf("payload %+v", p)
	}
	_, err = d.Documents(t.Context(), domain.DocumentQuery{From: "2026-03-01", To: "2026-02-01"})
	if p := domain.Payload(err); len(p.Fields) != 1 || p.Fields[0].Field != "to" {
		t.Fatalf("payload %+v", p)
	}
	_, err = d.Documents(t.Context(), domain.DocumentQuery{AccountIDs: []string{"nope"}})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "accountIds" {
		t.Fatalf("payload %+v", p)
	}
}

func TestOpenCommandPerPlatform(t *testing.T) {
	t.Parallel()
	for goos, want := range map[string][]string{
		"linux":   {"xdg-open", "/a/b c.pdf"},
		"freebsd": {"xdg-open", "/a/b c.pdf"},
		"darwin":  {"open", "/a/b c.pdf"},
		"windows": {"rundll32", "url.dll,FileProtocolHandler", "/a/b c.pdf"},
	} {
		name, args := openCommand(goos, "/a/b c.pdf")
		if got := append([]string{name}, args...); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", goos, got, want)
		}
	}
	if err := (SystemOpener{}).Open(t.Context(), "relative/path.pdf"); err == nil {
		t.Error("SystemOpener opened a relative path")
	}
}
