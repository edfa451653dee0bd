package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/export"
	"github.com/investec-desk/investec-desk/backend/investec"
)

// The documents archive keeps every downloaded statement and tax
// certificate in the connection's directory, so they stay available
// offline:
//
//	<connection dir>/documents/<account number digits>/<YYYY-MM-DD> <type>.pdf
//
// Every part of a path is built from validated values only: the account
// number's digits (from the cache, never from a request), the date parsed
// as a calendar date, and the document type checked against a plain-word
// pattern and written through an allowlist or export.SafeFileName. Files
// are private (0600), written through a temporary file and renamed into
// place, and their size and SHA-256 are recorded in the cache's document
// index.

const (
	dateOnly         = "2006-01-02"
	archiveDirName   = "documents"
	documentYearsAgo = 2 // how far back a refresh without a start date lists
)

// documentTypePattern is what a document type must look like before it is
// used anywhere near a file name or a URL: Investec's own are "Statement"
// and "TaxCertificate".
var documentTypePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _-]{0,47}$`)

// documentTypeNames are the file-name and display names of the known types.
var documentTypeNames = map[string]string{
	domain.DocumentStatement:      "Statement",
	domain.DocumentTaxCertificate: "Tax certificate",
}

// archiveExts are the extensions an archived document may have, chosen from
// its content; anything unrecognised is kept as .bin.
var archiveExts = []string{".pdf", ".png", ".jpg", ".bin"}

func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(dateOnly, s)
	if err != nil || t.Format(dateOnly) != s {
		return time.Time{}, fmt.Errorf("invalid date %q", s)
	}
	return t, nil
}

// typeLabel names a document type for people.
func typeLabel(t string) string {
	if n, ok := documentTypeNames[t]; ok {
		return n
	}
	return export.SafeFileName(t)
}

// validateKey checks a document key's type and date (the account is checked
// against the cache by the caller).
func validateKey(k domain.DocumentKey) error {
	var errs domain.ValidationErrors
	if k.AccountID == "" {
		errs = append(errs, domain.FieldError("accountId", "Choose an account."))
	}
	if !documentTypePattern.MatchString(k.DocumentType) {
		errs = append(errs, domain.FieldError("documentType", "This document type cannot be stored."))
	}
	if _, err := parseDate(k.DocumentDate); err != nil {
		errs = append(errs, domain.FieldError("documentDate", "The document date must be a date like 2026-03-16."))
	}
	return errs.Err()
}

// accountFolder is the archive folder of an account: the digits of its
// number, or a digest of its ID when the number has none.
func accountFolder(a domain.Account) string {
	var b strings.Builder
	for _, r := range a.Number {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 && b.Len() <= 40 {
		return b.String()
	}
	sum := sha256.Sum256([]byte(a.ID))
	return "account-" + hex.EncodeToString(sum[:6])
}

// archive is one session's documents archive.
type archive struct {
	svc  *Service
	sess *session
	root string
}

func (ss *session) archive() *archive {
	return &archive{svc: ss.svc, sess: ss, root: filepath.Join(ss.dir, archiveDirName)}
}

// base returns the archive path of a document without its extension. k
// must have passed validateKey.
func (ar *archive) base(a domain.Account, k domain.DocumentKey) (string, error) {
	name := k.DocumentDate + " " + export.SafeFileName(typeLabel(k.DocumentType))
	p := filepath.Join(ar.root, accountFolder(a), name)
	if !ar.inside(p) {
		return "", domain.Errorf(domain.CodeInvalid, "This document cannot be stored.")
	}
	return p, nil
}

// inside reports whether p lies strictly inside the archive.
func (ar *archive) inside(p string) bool {
	rel, err := filepath.Rel(ar.root, p)
	return err == nil && rel != "." && !filepath.IsAbs(rel) && rel != ".." &&
		!strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// account returns the cached account with the given ID.
func (ar *archive) account(ctx context.Context, id string) (domain.Account, error) {
	accounts, err := ar.sess.store.ListAccounts(ctx)
	if err != nil {
		return domain.Account{}, err
	}
	for _, a := range accounts {
		if a.ID == id {
			return a, nil
		}
	}
	return domain.Account{}, domain.FieldError("accountId", "That account is not in the cache. Sync, then try again.")
}

// record returns the index entry of a document, if listed.
func (ar *archive) record(ctx context.Context, k domain.DocumentKey) (domain.Document, bool, error) {
	docs, err := ar.sess.store.ListDocuments(ctx, k.AccountID)
	if err != nil {
		return domain.Document{}, false, err
	}
	for _, d := range docs {
		if d.DocumentType == k.DocumentType && d.DocumentDate == k.DocumentDate {
			return d, true, nil
		}
	}
	return domain.Document{}, false, nil
}

// local returns the archived file of a listed document when it is there,
// intact (its size and checksum as recorded) and a regular file.
func (ar *archive) local(a domain.Account, d domain.Document) (string, bool) {
	if d.FilePath == "" || d.SHA256 == "" {
		return "", false
	}
	base, err := ar.base(a, keyOf(d))
	if err != nil {
		return "", false
	}
	ext := strings.ToLower(filepath.Ext(d.FilePath))
	if !slices.Contains(archiveExts, ext) {
		return "", false
	}
	p := base + ext
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != d.Size {
		return "", false
	}
	f, err := hashFile(p)
	if err != nil || f.SHA256 != d.SHA256 {
		return "", false
	}
	return p, true
}

// present is local without reading the file: existence and size only, for
// listings.
func (ar *archive) present(a domain.Account, d domain.Document) bool {
	if d.FilePath == "" || d.SHA256 == "" {
		return false
	}
	base, err := ar.base(a, keyOf(d))
	if err != nil {
		return false
	}
	ext := strings.ToLower(filepath.Ext(d.FilePath))
	if !slices.Contains(archiveExts, ext) {
		return false
	}
	fi, err := os.Lstat(base + ext)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == d.Size
}

func keyOf(d domain.Document) domain.DocumentKey {
	return domain.DocumentKey{AccountID: d.AccountID, DocumentType: d.DocumentType, DocumentDate: d.DocumentDate}
}

// fetch downloads a document from Investec into the archive and records
// it. It returns the archived file's path and its index entry.
func (ar *archive) fetch(ctx context.Context, a domain.Account, k domain.DocumentKey) (string, domain.Document, error) {
	if err := validateKey(k); err != nil {
		return "", domain.Document{}, err
	}
	base, err := ar.base(a, k)
	if err != nil {
		return "", domain.Document{}, err
	}
	if ar.sess.entry.Business {
		return "", domain.Document{}, domain.Errorf(domain.CodeInvalid, "Business accounts have no statements through the API.")
	}
	client, err := ar.sess.api(ctx)
	if err != nil {
		return "", domain.Document{}, err
	}
	file, err := client.GetDocument(ctx, a.ID, k.DocumentType, k.DocumentDate)
	ar.svc.noteNetwork(err, domain.SyncRun{})
	if err != nil {
		return "", domain.Document{}, investec.DomainError(err)
	}
	if len(file.Data) == 0 {
		return "", domain.Document{}, domain.Errorf(domain.CodeBankError, "Investec sent an empty document.")
	}
	p := base + contentExt(file.Data)
	if err := writePrivateFile(p, file.Data); err != nil {
		return "", domain.Document{}, err
	}
	sum := sha256.Sum256(file.Data)
	d := domain.Document{
		AccountID: a.ID, DocumentType: k.DocumentType, DocumentDate: k.DocumentDate,
		FilePath: p, Size: int64(len(file.Data)), SHA256: hex.EncodeToString(sum[:]),
	}
	err = ar.sess.store.SetDocumentFile(ctx, d)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		// Not listed yet (listed by a pack's refresh that was not saved,
		// or asked for directly): list it, then record the file.
		if err = ar.sess.store.SaveDocuments(ctx, a.ID, []domain.Document{d}); err == nil {
			err = ar.sess.store.SetDocumentFile(ctx, d)
		}
	}
	if err != nil {
		return "", domain.Document{}, err
	}
	rec, _, err := ar.record(ctx, k)
	if err != nil {
		return "", domain.Document{}, err
	}
	// Remove a copy of the same document kept under another extension.
	for _, ext := range archiveExts {
		if base+ext != p {
			_ = os.Remove(base + ext)
		}
	}
	return p, rec, nil
}

// contentExt picks an archived document's extension from its first bytes.
func contentExt(data []byte) string {
	switch ct := http.DetectContentType(data); {
	case strings.HasPrefix(ct, "application/pdf"):
		return ".pdf"
	case strings.HasPrefix(ct, "image/png"):
		return ".png"
	case strings.HasPrefix(ct, "image/jpeg"):
		return ".jpg"
	}
	return ".bin"
}

// writePrivateFile writes data to path through a temporary file in the same
// folder, readable by its owner only, and renames it into place.
func writePrivateFile(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create archive folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return fmt.Errorf("archive document: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("archive document: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("archive document: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("archive document: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("archive document: %w", err)
	}
	return nil
}

// ensure returns the archived file of a document, downloading it when it
// is missing or damaged. Offline, a missing document is an offline error
// that names it.
func (ar *archive) ensure(ctx context.Context, a domain.Account, k domain.DocumentKey) (string, domain.Document, error) {
	if err := validateKey(k); err != nil {
		return "", domain.Document{}, err
	}
	rec, listed, err := ar.record(ctx, k)
	if err != nil {
		return "", domain.Document{}, err
	}
	if listed {
		if p, ok := ar.local(a, rec); ok {
			return p, rec, nil
		}
	}
	p, rec, err := ar.fetch(ctx, a, k)
	if domain.ErrorCode(err) == domain.CodeOffline {
		return "", domain.Document{}, domain.Wrap(err, domain.CodeOffline, fmt.Sprintf(
			"The %s of %s for %s is not downloaded yet and Investec cannot be reached.",
			strings.ToLower(typeLabel(k.DocumentType)), k.DocumentDate, export.AccountLabel(a)))
	}
	return p, rec, err
}

// refresh asks Investec for the document lists of accounts over [from, to]
// and saves them in the index. It reports the first failure; offline, it
// stops at once.
func (ar *archive) refresh(ctx context.Context, accounts []domain.Account, from, to string) error {
	if ar.sess.entry.Business {
		return nil
	}
	client, err := ar.sess.api(ctx)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		list, err := client.ListDocuments(ctx, a.ID, from, to)
		ar.svc.noteNetwork(err, domain.SyncRun{})
		if err != nil {
			return investec.DomainError(err)
		}
		docs := make([]domain.Document, 0, len(list))
		for _, d := range list {
			docs = append(docs, domain.Document{AccountID: a.ID, DocumentType: d.DocumentType, DocumentDate: d.DocumentDate})
		}
		if err := ar.sess.store.SaveDocuments(ctx, a.ID, docs); err != nil {
			return err
		}
	}
	return nil
}

// list returns the indexed documents of accounts dated in [from, to] ("" =
// unbounded) of the given types (none = all): by account, newest first.
func (ar *archive) list(ctx context.Context, accounts []domain.Account, from, to string, types []string) ([]domain.Document, error) {
	var out []domain.Document
	for _, a := range accounts {
		docs, err := ar.sess.store.ListDocuments(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			if (from != "" && d.DocumentDate < from) || (to != "" && d.DocumentDate > to) {
				continue
			}
			if len(types) > 0 && !slices.Contains(types, d.DocumentType) {
				continue
			}
			out = append(out, d)
		}
	}
	return out, nil
}

func (ar *archive) entry(a domain.Account, d domain.Document) domain.DocumentEntry {
	e := domain.DocumentEntry{
		AccountID: a.ID, AccountNumber: a.Number, AccountLabel: export.AccountLabel(a),
		DocumentType: d.DocumentType, TypeLabel: typeLabel(d.DocumentType), DocumentDate: d.DocumentDate,
		ListedAt: d.ListedAt,
	}
	if ar.present(a, d) {
		e.Downloaded, e.Size, e.SHA256 = true, d.Size, d.SHA256
	}
	return e
}

// documentAccounts resolves the accounts of a query: the given ones, in
// order, or all.
func documentAccounts(ctx context.Context, sess *session, ids []string) ([]domain.Account, error) {
	return storeSource{sess.store}.Accounts(ctx, ids)
}

func validateRange(from, to string) error {
	var errs domain.ValidationErrors
	if from != "" {
		if _, err := parseDate(from); err != nil {
			errs = append(errs, domain.FieldError("from", "Choose a start date like 2026-03-01."))
		}
	}
	if to != "" {
		if _, err := parseDate(to); err != nil {
			errs = append(errs, domain.FieldError("to", "Choose an end date like 2026-03-31."))
		}
	}
	if len(errs) == 0 && from != "" && to != "" && to < from {
		errs = append(errs, domain.FieldError("to", "The end date is before the start date."))
	}
	return errs.Err()
}

// refreshRange is the range a refresh asks Investec for: the query's, with
// an open start going back documentYearsAgo years and an open end today.
func (s *Service) refreshRange(from, to string) (string, string) {
	today := s.cfg.Now()
	if from == "" {
		from = today.AddDate(-documentYearsAgo, 0, 0).Format(dateOnly)
	}
	if to == "" {
		to = today.Format(dateOnly)
	}
	return from, to
}

// Documents lists the statements and tax certificates of the query's
// accounts and dates from the local index, each with whether it is in the
// archive (available offline). With q.Refresh the list is first refreshed
// from Investec; when that fails (offline, say) the cached list is returned
// with the reason in RefreshCode and RefreshMessage.
func (s *Service) Documents(ctx context.Context, q domain.DocumentQuery) (domain.DocumentList, error) {
	if err := validateRange(q.From, q.To); err != nil {
		return domain.DocumentList{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.DocumentList{}, err
	}
	accounts, err := documentAccounts(ctx, sess, q.AccountIDs)
	if err != nil {
		return domain.DocumentList{}, err
	}
	ar := sess.archive()
	out := domain.DocumentList{Documents: []domain.DocumentEntry{}, Business: sess.entry.Business}
	if q.Refresh && !sess.entry.Business && len(accounts) > 0 {
		from, to := s.refreshRange(q.From, q.To)
		if err := ar.refresh(ctx, accounts, from, to); err != nil {
			if ctx.Err() != nil {
				return domain.DocumentList{}, investec.DomainError(err)
			}
			out.RefreshCode, out.RefreshMessage = domain.ErrorCode(err), domain.ErrorMessage(err)
		} else {
			out.Refreshed = true
		}
	}
	docs, err := ar.list(ctx, accounts, q.From, q.To, q.Types)
	if err != nil {
		return domain.DocumentList{}, err
	}
	byID := accountsByID(accounts)
	for _, d := range docs {
		out.Documents = append(out.Documents, ar.entry(byID[d.AccountID], d))
	}
	return out, nil
}

func accountsByID(accounts []domain.Account) map[string]domain.Account {
	m := make(map[string]domain.Account, len(accounts))
	for _, a := range accounts {
		m[a.ID] = a
	}
	return m
}

// DownloadDocument puts one document in the archive (downloading it unless
// it is there and intact) and returns its entry.
func (s *Service) DownloadDocument(ctx context.Context, k domain.DocumentKey) (domain.DocumentEntry, error) {
	if err := validateKey(k); err != nil {
		return domain.DocumentEntry{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.DocumentEntry{}, err
	}
	ar := sess.archive()
	a, err := ar.account(ctx, k.AccountID)
	if err != nil {
		return domain.DocumentEntry{}, err
	}
	_, rec, err := ar.ensure(ctx, a, k)
	if err != nil {
		return domain.DocumentEntry{}, err
	}
	return ar.entry(a, rec), nil
}

// DownloadDocuments puts every document the query lists in the archive,
// reporting domain.EventDocumentsProgress events. Documents already
// archived are not fetched again. When Investec cannot be reached it stops
// and counts the rest as failed; CancelDocuments stops it (what was
// downloaded stays). Only one such download runs at a time.
func (s *Service) DownloadDocuments(ctx context.Context, q domain.DocumentQuery) (domain.DocumentDownloadResult, error) {
	st := s.statements()
	st.mu.Lock()
	if st.docsStop != nil {
		st.mu.Unlock()
		return domain.DocumentDownloadResult{}, domain.Errorf(domain.CodeConflict, "Documents are already downloading.")
	}
	ctx, cancel := context.WithCancel(ctx)
	st.docsStop = cancel
	st.mu.Unlock()
	defer func() {
		cancel()
		st.mu.Lock()
		st.docsStop = nil
		st.mu.Unlock()
	}()

	list, err := s.Documents(ctx, q)
	if err != nil {
		return domain.DocumentDownloadResult{}, err
	}
	res := domain.DocumentDownloadResult{Documents: []domain.DocumentEntry{}}
	if list.RefreshCode != "" {
		res.ErrorCode, res.ErrorMessage = list.RefreshCode, list.RefreshMessage
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.DocumentDownloadResult{}, err
	}
	ar := sess.archive()
	accounts, err := documentAccounts(ctx, sess, q.AccountIDs)
	if err != nil {
		return domain.DocumentDownloadResult{}, err
	}
	byID := accountsByID(accounts)
	ev := domain.DocumentsProgress{Total: len(list.Documents)}
	emit := func() { s.cfg.Emitter.Emit(domain.EventDocumentsProgress, ev) }
	emit()
	offline := false
	for _, e := range list.Documents {
		k := domain.DocumentKey{AccountID: e.AccountID, DocumentType: e.DocumentType, DocumentDate: e.DocumentDate}
		ev.Current = k
		a := byID[e.AccountID]
		switch {
		case e.Downloaded:
			res.Archived++
			res.Documents = append(res.Documents, e)
		case offline:
			res.Failed++
			res.Documents = append(res.Documents, e)
		default:
			_, rec, err := ar.ensure(ctx, a, k)
			if ctx.Err() != nil {
				return res, domain.Wrap(ctx.Err(), domain.CodeCancelled, "The download was cancelled; the documents already downloaded are kept.")
			}
			if err != nil {
				res.Failed++
				if res.ErrorCode == "" || res.ErrorCode == list.RefreshCode {
					res.ErrorCode, res.ErrorMessage = domain.ErrorCode(err), domain.ErrorMessage(err)
				}
				offline = domain.ErrorCode(err) == domain.CodeOffline
				res.Documents = append(res.Documents, e)
			} else {
				res.Downloaded++
				res.Documents = append(res.Documents, ar.entry(a, rec))
			}
		}
		ev.Done++
		ev.Failed = res.Failed
		emit()
	}
	ev.Finished = true
	emit()
	return res, nil
}

// CancelDocuments stops a running DownloadDocuments; what it already
// downloaded stays in the archive.
func (s *Service) CancelDocuments() {
	st := s.statements()
	st.mu.Lock()
	stop := st.docsStop
	st.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// OpenDocument opens a document in the system's viewer, downloading it into
// the archive first when needed. Only a file inside the archive is ever
// handed to the viewer.
func (s *Service) OpenDocument(ctx context.Context, k domain.DocumentKey) error {
	p, err := s.DocumentPath(ctx, k)
	if err != nil {
		return err
	}
	return s.open(ctx, p)
}

// DocumentPath returns the archived file of a document, downloading it
// first when needed. The path always lies inside the connection's archive.
func (s *Service) DocumentPath(ctx context.Context, k domain.DocumentKey) (string, error) {
	if err := validateKey(k); err != nil {
		return "", err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	ar := sess.archive()
	a, err := ar.account(ctx, k.AccountID)
	if err != nil {
		return "", err
	}
	p, _, err := ar.ensure(ctx, a, k)
	if err != nil {
		return "", err
	}
	if !ar.inside(p) {
		return "", domain.Errorf(domain.CodeInternal, "The document is not in the archive.")
	}
	return p, nil
}

// CopyDocuments copies the archived documents the query lists (downloading
// what is missing) into dir, named like the accountant pack names them
// ("Statement 2026-03-16 - Private Bank Account 5044.pdf"). It never
// replaces a file: a " (2)" is added. It returns the paths written.
func (s *Service) CopyDocuments(ctx context.Context, q domain.DocumentQuery, dir string) ([]string, error) {
	list, err := s.Documents(ctx, q)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create folder: %w", err)
	}
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	ar := sess.archive()
	accounts, err := documentAccounts(ctx, sess, q.AccountIDs)
	if err != nil {
		return nil, err
	}
	byID := accountsByID(accounts)
	var out []string
	for _, e := range list.Documents {
		a := byID[e.AccountID]
		src, _, err := ar.ensure(ctx, a, domain.DocumentKey{AccountID: e.AccountID, DocumentType: e.DocumentType, DocumentDate: e.DocumentDate})
		if err != nil {
			return out, err
		}
		name := export.SafeFileName(typeLabel(e.DocumentType)+" "+e.DocumentDate, export.AccountLabel(a)) + filepath.Ext(src)
		dst := uniquePath(dir, name, false)
		if err := copyFile(src, dst); err != nil {
			return out, err
		}
		out = append(out, dst)
	}
	return out, nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("read document: %w", err)
	}
	if err := writePrivateFile(dst, data); err != nil {
		return err
	}
	return nil
}

// archiveSource is export.DocumentSource over the archive: it refreshes the
// list from Investec (falling back to the index when Investec cannot be
// reached) and serves files from the archive, downloading what is missing.
type archiveSource struct {
	svc  *Service
	sess *session
}

var _ export.DocumentSource = archiveSource{}

// Documents implements export.DocumentSource.
func (src archiveSource) Documents(ctx context.Context, accountIDs []string, from, to string) ([]domain.Document, error) {
	if src.sess.entry.Business {
		return nil, nil
	}
	accounts, err := documentAccounts(ctx, src.sess, accountIDs)
	if err != nil {
		return nil, err
	}
	ar := src.sess.archive()
	if err := ar.refresh(ctx, accounts, from, to); err != nil {
		if domain.ErrorCode(err) != domain.CodeOffline {
			return nil, err
		}
		src.svc.log.Info("documents: Investec unreachable, using the cached list")
	}
	docs, err := ar.list(ctx, accounts, from, to, nil)
	if err != nil {
		return nil, err
	}
	// Oldest first within each account, as an accountant files them.
	order := map[string]int{}
	for i, a := range accounts {
		order[a.ID] = i
	}
	slices.SortStableFunc(docs, func(x, y domain.Document) int {
		if c := order[x.AccountID] - order[y.AccountID]; c != 0 {
			return c
		}
		if c := strings.Compare(x.DocumentDate, y.DocumentDate); c != 0 {
			return c
		}
		return strings.Compare(x.DocumentType, y.DocumentType)
	})
	return docs, nil
}

// Open implements export.DocumentSource.
func (src archiveSource) Open(ctx context.Context, d domain.Document) (io.ReadCloser, error) {
	ar := src.sess.archive()
	a, err := ar.account(ctx, d.AccountID)
	if err != nil {
		return nil, err
	}
	p, _, err := ar.ensure(ctx, a, keyOf(d))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open archived document: %w", err)
	}
	return f, nil
}

// packDocuments is the accountant pack's document source. Besides the
// documents dated in the period it carries those issued in the month after
// it that belong to it: the first statement of each account after the
// period (which covers the period's last days) and the tax certificates
// issued then (an IT3(b) for a tax year is issued in March, after the tax
// year ends in February).
type packDocuments struct {
	archiveSource
}

// packGraceDays is how long after a period its closing documents are looked
// for.
const packGraceDays = 31

// Documents implements export.DocumentSource.
func (src *packDocuments) Documents(ctx context.Context, accountIDs []string, from, to string) ([]domain.Document, error) {
	end, err := addDays(to, packGraceDays)
	if err != nil {
		return nil, err
	}
	all, err := src.archiveSource.Documents(ctx, accountIDs, from, end)
	if err != nil {
		return nil, err
	}
	out := all[:0:0]
	closing := map[string]bool{} // accounts whose closing statement was taken
	for _, d := range all {
		switch {
		case d.DocumentDate <= to:
			out = append(out, d)
		case d.DocumentType == domain.DocumentTaxCertificate:
			out = append(out, d)
		case d.DocumentType == domain.DocumentStatement && !closing[d.AccountID]:
			closing[d.AccountID] = true
			out = append(out, d)
		}
	}
	return out, nil
}
