package export

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// PackRequest says what goes into an accountant pack. The zero value of the
// switches includes everything: the workbook, a CSV and an OFX file per
// account, and the bank's documents.
type PackRequest struct {
	Request
	NoCSV       bool
	NoOFX       bool
	NoDocuments bool
}

// The pack's sub-folders.
const (
	CSVFolder       = "CSV"
	OFXFolder       = "OFX"
	DocumentsFolder = "Statements and tax certificates"
)

// The manifest files at the root of every pack.
const (
	ManifestText = "MANIFEST.txt"
	ManifestJSON = "manifest.json"
)

// Manifest is the content of manifest.json: what the pack holds and how
// each account reconciled. Files lists every file but the two manifests.
type Manifest struct {
	App         string                         `json:"app"`
	Period      domain.Period                  `json:"period"`
	GeneratedAt string                         `json:"generatedAt"` // RFC 3339, local time
	Connection  string                         `json:"connection"`
	Accounts    []domain.AccountReconciliation `json:"accounts"`
	Files       []domain.ExportedFile          `json:"files"`
}

// Pack writes the accountant pack for req to out: a folder, or a zip
// archive when out ends in ".zip" (whose entries sit in one folder named
// like the archive). It holds the workbook, the CSV and OFX files, every
// document docs lists for the accounts and period, and MANIFEST.txt and
// manifest.json naming each file with its size and SHA-256 and each
// account's reconciliation. docs may be nil when NoDocuments is set.
//
// The pack is built under a temporary name beside out and renamed into
// place when complete; a cancelled or failed pack leaves nothing behind. An
// existing non-empty folder at out is not replaced (a conflict error); an
// existing file at a .zip path is.
func Pack(ctx context.Context, req PackRequest, src Source, docs DocumentSource, out string, progress ProgressFunc) (domain.ExportResult, error) {
	if err := req.validate(); err != nil {
		return domain.ExportResult{}, err
	}
	if !req.NoDocuments && docs == nil {
		return domain.ExportResult{}, errors.New("pack: no document source")
	}
	accounts, err := src.Accounts(ctx, req.AccountIDs)
	if err != nil {
		return domain.ExportResult{}, fmt.Errorf("list accounts: %w", err)
	}
	p := &packer{req: req, src: src, docs: docs, accounts: accounts, rep: &reporter{fn: progress}}
	if strings.EqualFold(filepath.Ext(out), ".zip") {
		root := SafeFileName(strings.TrimSuffix(filepath.Base(out), filepath.Ext(out)))
		err = writeFileAtomic(out, func(w io.Writer) error {
			zs := &zipSink{zw: zip.NewWriter(w), root: root, modified: req.now()}
			if err := p.write(ctx, zs); err != nil {
				return err
			}
			return zs.close()
		})
	} else {
		err = writeDirAtomic(out, func(dir string) error {
			ds := &dirSink{root: dir}
			if err := p.write(ctx, ds); err != nil {
				_ = ds.close()
				return err
			}
			return ds.close()
		})
	}
	if err != nil {
		return domain.ExportResult{}, err
	}
	p.rep.start(domain.ExportDone, "", 0)
	return domain.ExportResult{Path: out, Period: req.Period, Files: p.all, Accounts: p.recons}, nil
}

type packer struct {
	req      PackRequest
	src      Source
	docs     DocumentSource
	accounts []domain.Account
	rep      *reporter
	names    uniqueNames
	files    []domain.ExportedFile // listed in the manifests
	all      []domain.ExportedFile // files plus the manifests
	recons   []domain.AccountReconciliation
}

// sink receives the pack's files one after another.
type sink interface {
	// create starts the next file (name relative, "/"-separated); the
	// previous one is complete.
	create(name string) (io.Writer, error)
}

// file writes one file to s, recording its size and SHA-256.
func (p *packer) file(s sink, name string, write func(w io.Writer) error) error {
	w, err := s.create(name)
	if err != nil {
		return err
	}
	hw := &hashWriter{w: w, h: sha256.New()}
	if err := write(hw); err != nil {
		return err
	}
	p.files = append(p.files, domain.ExportedFile{Name: name, Size: hw.n, SHA256: hex.EncodeToString(hw.h.Sum(nil))})
	return nil
}

func (p *packer) unique(folder, name string) string {
	ext := path.Ext(name)
	full := p.names.take(path.Join(folder, strings.TrimSuffix(name, ext)), ext)
	return full
}

func (p *packer) write(ctx context.Context, s sink) error {
	req := p.req
	period := req.Period
	name := p.unique("", WorkbookFileName(period, p.accounts))
	p.rep.start(domain.ExportWorkbook, name, countAll(ctx, p.src, p.accounts, period))
	err := p.file(s, name, func(w io.Writer) error {
		var err error
		p.recons, err = writeWorkbook(ctx, w, req.Request, p.src, p.accounts, p.rep)
		return err
	})
	if err != nil {
		return err
	}
	p.rep.send()
	for _, a := range p.accounts {
		if req.NoCSV {
			break
		}
		name := p.unique(CSVFolder, AccountFileName(period, a, ".csv"))
		p.rep.start(domain.ExportCSV, name, 0)
		p.rep.account(a.ID)
		if err := p.file(s, name, func(w io.Writer) error {
			_, err := writeCSV(ctx, w, period, a, p.src, p.rep)
			return err
		}); err != nil {
			return err
		}
		p.rep.send()
	}
	for _, a := range p.accounts {
		if req.NoOFX {
			break
		}
		name := p.unique(OFXFolder, AccountFileName(period, a, ".ofx"))
		p.rep.start(domain.ExportOFX, name, 0)
		p.rep.account(a.ID)
		if err := p.file(s, name, func(w io.Writer) error {
			_, err := writeOFX(ctx, w, req.Request, a, p.src, p.rep)
			return err
		}); err != nil {
			return err
		}
		p.rep.send()
	}
	if !req.NoDocuments {
		if err := p.writeDocuments(ctx, s); err != nil {
			return err
		}
	}
	return p.writeManifests(s)
}

func (p *packer) writeDocuments(ctx context.Context, s sink) error {
	ids := make([]string, len(p.accounts))
	byID := map[string]domain.Account{}
	for i, a := range p.accounts {
		ids[i] = a.ID
		byID[a.ID] = a
	}
	list, err := p.docs.Documents(ctx, ids, p.req.Period.From, p.req.Period.To)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	p.rep.start(domain.ExportDocuments, "", int64(len(list)))
	for _, d := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.writeDocument(ctx, s, d, byID[d.AccountID]); err != nil {
			return err
		}
		p.rep.ev.Rows++
		p.rep.send()
	}
	return nil
}

func (p *packer) writeDocument(ctx context.Context, s sink, d domain.Document, a domain.Account) error {
	rc, err := p.docs.Open(ctx, d)
	if err != nil {
		return fmt.Errorf("open %s %s: %w", d.DocumentType, d.DocumentDate, err)
	}
	defer func() { _ = rc.Close() }()
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(512)
	kind := d.DocumentType
	if kind == "" {
		kind = "Document"
	}
	base := SafeFileName(kind+" "+d.DocumentDate, AccountLabel(a))
	name := p.unique(DocumentsFolder, base+documentExt(head, d.FilePath))
	p.rep.ev.File = name
	return p.file(s, name, func(w io.Writer) error {
		if _, err := io.Copy(w, &ctxReader{ctx: ctx, r: br}); err != nil {
			return fmt.Errorf("copy %s %s: %w", d.DocumentType, d.DocumentDate, err)
		}
		return nil
	})
}

// documentExt picks a document's extension from its content, then from the
// archived file's name; the bank's documents are PDFs as far as anyone has
// seen.
func documentExt(head []byte, filePath string) string {
	switch ct := http.DetectContentType(head); {
	case strings.HasPrefix(ct, "application/pdf"):
		return ".pdf"
	case strings.HasPrefix(ct, "text/html"):
		return ".html"
	case strings.HasPrefix(ct, "image/png"):
		return ".png"
	case strings.HasPrefix(ct, "image/jpeg"):
		return ".jpg"
	case strings.HasPrefix(ct, "application/zip"):
		return ".zip"
	}
	switch ext := strings.ToLower(filepath.Ext(filePath)); ext {
	case ".pdf", ".html", ".png", ".jpg", ".zip", ".txt", ".csv":
		return ext
	}
	return ".pdf"
}

func (p *packer) writeManifests(s sink) error {
	p.rep.start(domain.ExportManifest, ManifestText, 0)
	now := p.req.now()
	m := Manifest{
		App:         "Investec Desk",
		Period:      p.req.Period,
		GeneratedAt: now.Format(time.RFC3339),
		Connection:  p.req.ConnectionName,
		Accounts:    p.recons,
		Files:       p.files,
	}
	listed := len(p.files)
	if err := p.file(s, ManifestText, func(w io.Writer) error { return writeManifestText(w, m, now) }); err != nil {
		return err
	}
	if err := p.file(s, ManifestJSON, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return err
	}
	p.all = p.files
	p.files = p.files[:listed]
	return nil
}

func writeManifestText(w io.Writer, m Manifest, now time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Investec accountant pack: %s\r\n\r\n", m.Period.Label)
	fmt.Fprintf(&b, "Period:      %s to %s (by posting date)\r\n", m.Period.From, m.Period.To)
	fmt.Fprintf(&b, "Generated:   %s by Investec Desk\r\n", now.Format("2006-01-02 15:04:05 MST"))
	if m.Connection != "" {
		fmt.Fprintf(&b, "Connection:  %s\r\n", oneLine(m.Connection))
	}
	b.WriteString("\r\nAccounts\r\n")
	for _, r := range m.Accounts {
		label := AccountLabel(domain.Account{Number: r.AccountNumber, ProductName: r.ProductName, Name: r.AccountName})
		fmt.Fprintf(&b, "\r\n  %s (account %s, %s)\r\n", oneLine(label), oneLine(r.AccountNumber), oneLine(r.AccountName))
		fmt.Fprintf(&b, "    Opening balance  R %s\r\n", r.Opening)
		fmt.Fprintf(&b, "    Money in         R %s\r\n", r.In)
		fmt.Fprintf(&b, "    Money out        R %s\r\n", r.Out)
		fmt.Fprintf(&b, "    Closing balance  R %s\r\n", r.Closing)
		fmt.Fprintf(&b, "    Transactions     %d posted, %d pending (not in the balances)\r\n", r.Transactions, r.Pending)
		fmt.Fprintf(&b, "    Opening + in - out = closing: %s\r\n", checkText(r.Arithmetic))
		fmt.Fprintf(&b, "    Running balances:             %s\r\n", checkText(r.RunningBalance))
	}
	b.WriteString("\r\nFiles\r\n\r\n")
	fmt.Fprintf(&b, "%12s  %-64s  %s\r\n", "Bytes", "SHA-256", "File")
	for _, f := range m.Files {
		fmt.Fprintf(&b, "%12d  %s  %s\r\n", f.Size, f.SHA256, f.Name)
	}
	b.WriteString("\r\nTo check a file: sha256sum FILE (Linux), shasum -a 256 FILE (macOS),\r\ncertutil -hashfile FILE SHA256 (Windows).\r\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

func checkText(c domain.ReconciliationCheck) string {
	switch c.Status {
	case domain.CheckOK:
		return "OK"
	case domain.CheckMismatch:
		return "DIFFERENCE R " + c.Difference.String() + ": " + oneLine(c.Detail)
	}
	return "not available: " + oneLine(c.Detail)
}

func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }), " ")
}

// hashWriter counts and hashes what passes through it.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(b []byte) (int, error) {
	n, err := hw.w.Write(b)
	hw.h.Write(b[:n])
	hw.n += int64(n)
	return n, err
}

// ctxReader stops a copy when ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(b)
}

// zipSink writes the pack as zip entries under one root folder.
type zipSink struct {
	zw       *zip.Writer
	root     string
	modified time.Time
}

func (z *zipSink) create(name string) (io.Writer, error) {
	method := zip.Deflate
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx", ".pdf", ".zip", ".png", ".jpg":
		method = zip.Store // already compressed
	}
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: z.root + "/" + name, Method: method, Modified: z.modified})
	if err != nil {
		return nil, fmt.Errorf("add %s to zip: %w", name, err)
	}
	return w, nil
}

func (z *zipSink) close() error {
	if err := z.zw.Close(); err != nil {
		return fmt.Errorf("finish zip: %w", err)
	}
	return nil
}

// dirSink writes the pack as files in a folder.
type dirSink struct {
	root string
	cur  *os.File
	bw   *bufio.Writer
}

func (d *dirSink) create(name string) (io.Writer, error) {
	if err := d.finish(); err != nil {
		return nil, err
	}
	full := filepath.Join(d.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
		return nil, fmt.Errorf("create folder: %w", err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create file: %w", err)
	}
	d.cur, d.bw = f, bufio.NewWriterSize(f, 256<<10)
	return d.bw, nil
}

func (d *dirSink) finish() error {
	if d.cur == nil {
		return nil
	}
	f := d.cur
	d.cur = nil
	if err := d.bw.Flush(); err != nil {
		_ = f.Close()
		return fmt.Errorf("write file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	return nil
}

func (d *dirSink) close() error { return d.finish() }

// writeDirAtomic builds a folder under a temporary name beside path and
// renames it into place when fill succeeds; on failure it removes it.
func writeDirAtomic(dst string, fill func(dir string) error) (err error) {
	parent, base := filepath.Split(filepath.Clean(dst))
	if parent == "" {
		parent = "."
	}
	switch fi, statErr := os.Stat(dst); {
	case statErr == nil && !fi.IsDir():
		return domain.Errorf(domain.CodeConflict, "A file named %q already exists.", base)
	case statErr == nil:
		entries, err := os.ReadDir(dst)
		if err != nil {
			return fmt.Errorf("read folder: %w", err)
		}
		if len(entries) > 0 {
			return domain.Errorf(domain.CodeConflict, "The folder %q already exists and is not empty.", base)
		}
	case !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("read folder: %w", statErr)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".*.partial")
	if err != nil {
		return fmt.Errorf("create folder: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	_ = os.Remove(dst) // an empty folder left by a save dialog; fails harmlessly otherwise
	if err = os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("rename folder: %w", err)
	}
	return nil
}
