package export

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// dirDocs is a DocumentSource over files in a folder, like the local
// archive the core keeps.
type dirDocs struct {
	list    []domain.Document
	openErr error
	opened  int
}

func (d *dirDocs) Documents(_ context.Context, ids []string, from, to string) ([]domain.Document, error) {
	var out []domain.Document
	for _, doc := range d.list {
		if slices.Contains(ids, doc.AccountID) && doc.DocumentDate >= from && doc.DocumentDate <= to {
			out = append(out, doc)
		}
	}
	return out, nil
}

func (d *dirDocs) Open(_ context.Context, doc domain.Document) (io.ReadCloser, error) {
	d.opened++
	if d.openErr != nil {
		return nil, d.openErr
	}
	return os.Open(doc.FilePath)
}

// newDocs writes three documents in the period and one outside it.
func newDocs(t *testing.T) *dirDocs {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pdf := func(s string) []byte {
		return []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n% " + s + "\ntrailer <<>>\n%%EOF\n")
	}
	return &dirDocs{list: []domain.Document{
		{AccountID: testAccounts[0].ID, DocumentType: "Statement", DocumentDate: "2025-03-31", FilePath: write("a.pdf", pdf("march"))},
		{AccountID: testAccounts[0].ID, DocumentType: "Statement", DocumentDate: "2025-04-30", FilePath: write("b.pdf", pdf("april"))},
		{AccountID: testAccounts[1].ID, DocumentType: "../TaxCertificate", DocumentDate: "2025-04-15", FilePath: write("c.bin", pdf("tax"))},
		{AccountID: testAccounts[1].ID, DocumentType: "Statement", DocumentDate: "2025-05-31", FilePath: write("d.pdf", pdf("may"))},
	}}
}

func testPack() PackRequest {
	return PackRequest{Request: testRequest()}
}

// packFiles reads every file of a pack (a zip or a folder) into memory,
// keyed by its path inside the pack.
func packFiles(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if strings.HasSuffix(out, ".zip") {
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		root := strings.TrimSuffix(filepath.Base(out), ".zip") + "/"
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, root) {
				t.Fatalf("zip entry %q outside the root folder %q", f.Name, root)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[strings.TrimPrefix(f.Name, root)] = b
		}
		return files
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, info.Mode().Perm())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func checkPack(t *testing.T, out string, res domain.ExportResult, src *memSource) {
	t.Helper()
	files := packFiles(t, out)
	wantNames := []string{
		"Investec 2025-03-01 to 2025-04-30 statements.xlsx",
		"CSV/Investec 2025-03-01 to 2025-04-30 - Private Bank Account 5044.csv",
		"CSV/Investec 2025-03-01 to 2025-04-30 - Prime_Saver_ [Tax]__ 1500.csv",
		"OFX/Investec 2025-03-01 to 2025-04-30 - Private Bank Account 5044.ofx",
		"OFX/Investec 2025-03-01 to 2025-04-30 - Prime_Saver_ [Tax]__ 1500.ofx",
		"Statements and tax certificates/Statement 2025-03-31 - Private Bank Account 5044.pdf",
		"Statements and tax certificates/Statement 2025-04-30 - Private Bank Account 5044.pdf",
		"Statements and tax certificates/_TaxCertificate 2025-04-15 - Prime_Saver_ [Tax]__ 1500.pdf",
		ManifestText, ManifestJSON,
	}
	got := make([]string, 0, len(files))
	for n := range files {
		got = append(got, n)
	}
	slices.Sort(got)
	slices.Sort(wantNames)
	if !slices.Equal(got, wantNames) {
		t.Fatalf("pack holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantNames, "\n"))
	}

	var m Manifest
	if err := json.Unmarshal(files[ManifestJSON], &m); err != nil {
		t.Fatal(err)
	}
	if m.Period != testPeriod || m.Connection != "Demo bank" || len(m.Accounts) != 2 || len(m.Files) != len(files)-2 {
		t.Fatalf("manifest %+v", m)
	}
	text := string(files[ManifestText])
	for _, f := range m.Files {
		body, ok := files[f.Name]
		if !ok {
			t.Fatalf("manifest lists %q, which is not in the pack", f.Name)
		}
		sum := sha256.Sum256(body)
		if f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(body)) {
			t.Errorf("%s: manifest says %d bytes %s, file is %d bytes %x", f.Name, f.Size, f.SHA256, len(body), sum)
		}
		if !strings.Contains(text, fmt.Sprintf("%d  %x  %s", len(body), sum, f.Name)) {
			t.Errorf("MANIFEST.txt lacks the line for %s", f.Name)
		}
	}
	for _, r := range m.Accounts {
		if !r.OK() || r.RunningBalance.Status != domain.CheckOK {
			t.Errorf("account %s does not reconcile: %+v", r.AccountNumber, r)
		}
	}
	if strings.Count(text, "Opening + in - out = closing: OK") != 2 || !strings.Contains(text, "Period:      2025-03-01 to 2025-04-30") {
		t.Errorf("MANIFEST.txt:\n%s", text)
	}
	if len(res.Files) != len(files) || res.Path != out || len(res.Accounts) != 2 {
		t.Errorf("result %+v", res)
	}
	// The documents are copied byte for byte.
	if !bytes.Contains(files["Statements and tax certificates/Statement 2025-04-30 - Private Bank Account 5044.pdf"], []byte("% april")) {
		t.Error("statement content not copied")
	}
	// The workbook opens and the CSV holds the account's rows.
	f, err := excelize.OpenReader(bytes.NewReader(files["Investec 2025-03-01 to 2025-04-30 statements.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if s := f.GetSheetList(); len(s) != 5 {
		t.Errorf("workbook sheets %q", s)
	}
	csvLines := bytes.Count(files["CSV/Investec 2025-03-01 to 2025-04-30 - Private Bank Account 5044.csv"], []byte("\r\n"))
	if rows := len(inPeriod(src, testAccounts[0].ID, testPeriod)); csvLines < rows+1 {
		t.Errorf("CSV has %d lines for %d rows", csvLines, rows)
	}
}

func TestPackZip(t *testing.T) {
	t.Parallel()
	src := slicesSource(400, "2025-02-20")
	dir := t.TempDir()
	out := filepath.Join(dir, "Investec test accountant pack.zip")
	var phases []domain.ExportPhase
	res, err := Pack(t.Context(), testPack(), src, newDocs(t), out, func(p domain.ExportProgress) {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	checkPack(t, out, res, src)
	want := []domain.ExportPhase{domain.ExportWorkbook, domain.ExportCSV, domain.ExportOFX, domain.ExportDocuments, domain.ExportManifest, domain.ExportDone}
	if !slices.Equal(phases, want) {
		t.Errorf("phases %v", phases)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %v, want only the zip", entries)
	}
}

func TestPackFolder(t *testing.T) {
	t.Parallel()
	src := slicesSource(400, "2025-02-20")
	dir := t.TempDir()
	out := filepath.Join(dir, PackName(testPeriod))
	// An empty folder (as a save dialog may leave) is fine.
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	res, err := Pack(t.Context(), testPack(), src, newDocs(t), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPack(t, out, res, src)
	// A second pack into the same, now full, folder is refused untouched.
	before := packFiles(t, out)
	_, err = Pack(t.Context(), testPack(), src, newDocs(t), out, nil)
	if domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("err = %v, want a conflict", err)
	}
	after := packFiles(t, out)
	if len(after) != len(before) {
		t.Fatal("the existing pack was changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the parent holds %v", entries)
	}
}

func TestPackWithoutOptionalParts(t *testing.T) {
	t.Parallel()
	src := slicesSource(50, "2025-03-01")
	out := filepath.Join(t.TempDir(), "p.zip")
	req := testPack()
	req.NoCSV, req.NoOFX, req.NoDocuments = true, true, true
	req.AccountIDs = []string{testAccounts[1].ID}
	if _, err := Pack(t.Context(), req, src, nil, out, nil); err != nil {
		t.Fatal(err)
	}
	files := packFiles(t, out)
	if len(files) != 3 || files["Investec 2025-03-01 to 2025-04-30 - Prime_Saver_ [Tax]__ 1500.xlsx"] == nil {
		t.Fatalf("pack holds %d files: %v", len(files), slices.Collect(func(yield func(string) bool) {
			for k := range files {
				if !yield(k) {
					return
				}
			}
		}))
	}
	// An unknown account is an error and leaves nothing.
	req.AccountIDs = []string{"nope"}
	out2 := filepath.Join(t.TempDir(), "q.zip")
	if _, err := Pack(t.Context(), req, src, nil, out2, nil); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out2); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a pack was written for an unknown account")
	}
}

func TestPackFailuresLeaveNothing(t *testing.T) {
	t.Parallel()
	for _, zipped := range []bool{false, true} {
		t.Run(fmt.Sprintf("zip=%v", zipped), func(t *testing.T) {
			t.Parallel()
			src := slicesSource(400, "2025-02-20")
			name := "pack"
			if zipped {
				name += ".zip"
			}

			// Cancelled while copying documents.
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(t.Context())
			_, err := Pack(ctx, testPack(), src, newDocs(t), filepath.Join(dir, name), func(p domain.ExportProgress) {
				if p.Phase == domain.ExportDocuments && p.Rows == 1 {
					cancel()
				}
			})
			if domain.ErrorCode(err) != domain.CodeCancelled {
				t.Fatalf("err = %v", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("cancelled pack left %v", entries)
			}

			// A document that cannot be opened fails the pack, which names it.
			dir = t.TempDir()
			docs := newDocs(t)
			docs.openErr = errors.New("offline")
			_, err = Pack(t.Context(), testPack(), src, docs, filepath.Join(dir, name), nil)
			if err == nil || !strings.Contains(err.Error(), "Statement 2025-03-31") {
				t.Fatalf("err = %v", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("failed pack left %v", entries)
			}

			// A source failing mid-way.
			dir = t.TempDir()
			src.fail, src.failAfter = errors.New("cache corrupt"), 100
			if _, err = Pack(t.Context(), testPack(), src, newDocs(t), filepath.Join(dir, name), nil); err == nil || !strings.Contains(err.Error(), "cache corrupt") {
				t.Fatalf("err = %v", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("failed pack left %v", entries)
			}
		})
	}
}
