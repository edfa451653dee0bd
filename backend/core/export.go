package core

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/export"
	"github.com/investec-desk/investec-desk/backend/store"
)

// EnvExportDir names the environment variable that overrides the default
// export folder (automation, and the end-to-end tests, which must not
// write into a real Documents folder).
const EnvExportDir = "INVESTEC_DESK_EXPORT_DIR"

// Opener opens a file or folder with the desktop's default application:
// a document in the PDF viewer, a folder in the file manager. The core
// uses it only for paths it checked itself (inside the documents archive,
// or written by an export of this process).
type Opener interface {
	Open(ctx context.Context, path string) error
}

// SystemOpener opens paths with the platform's launcher: xdg-open on Linux
// and the BSDs, open on macOS, the URL protocol handler on Windows. It
// starts the launcher and does not wait for the application.
type SystemOpener struct{}

// Open implements Opener.
func (SystemOpener) Open(ctx context.Context, path string) error {
	if !filepath.IsAbs(path) {
		return fmt.Errorf("open %q: not an absolute path", path)
	}
	name, args := openCommand(runtime.GOOS, path)
	// The viewer outlives this call; only starting it is bounded.
	//nolint:gosec // G204: the launcher is fixed per platform and path is an absolute path the core checked
	cmd := exec.CommandContext(context.WithoutCancel(ctx), name, args...)
	if err := cmd.Start(); err != nil {
		return domain.Wrap(err, domain.CodeInternal, "No program to open files with was found on this computer.")
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// openCommand returns the launcher command for goos. path is absolute, so
// it can never be taken for an option.
func openCommand(goos, path string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", []string{path}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", path}
	default:
		return "xdg-open", []string{path}
	}
}

// statementsState is the per-Service state of the export and documents use
// cases. It lives beside the Service (see stateOf) rather than in it so
// this feature stays in its own files.
type statementsState struct {
	mu          sync.Mutex
	opener      Opener
	exportStop  context.CancelFunc // non-nil while an export runs
	docsStop    context.CancelFunc // non-nil while documents download
	exported    map[string]bool    // outputs of this process's exports
	exportCount int
}

// statementStates maps a weak pointer to each Service to its
// statementsState; the entry goes when the Service is garbage collected.
var statementStates sync.Map // weak.Pointer[Service] → *statementsState

func (s *Service) statements() *statementsState {
	key := weak.Make(s)
	if v, ok := statementStates.Load(key); ok {
		return v.(*statementsState)
	}
	v, loaded := statementStates.LoadOrStore(key, &statementsState{opener: SystemOpener{}, exported: map[string]bool{}})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Service]) { statementStates.Delete(k) }, key)
	}
	return v.(*statementsState)
}

// SetOpener replaces the program that opens documents and folders (tests
// check the call without launching anything). nil restores SystemOpener.
func (s *Service) SetOpener(o Opener) {
	if o == nil {
		o = SystemOpener{}
	}
	st := s.statements()
	st.mu.Lock()
	st.opener = o
	st.mu.Unlock()
}

func (s *Service) open(ctx context.Context, path string) error {
	st := s.statements()
	st.mu.Lock()
	o := st.opener
	st.mu.Unlock()
	return o.Open(ctx, path)
}

// storeSource is export.Source (and export.Counter) over a session's cache.
type storeSource struct {
	st *store.Store
}

var (
	_ export.Source  = storeSource{}
	_ export.Counter = storeSource{}
)

// Accounts implements export.Source.
func (src storeSource) Accounts(ctx context.Context, ids []string) ([]domain.Account, error) {
	all, err := src.st.ListAccounts(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return all, nil
	}
	byID := make(map[string]domain.Account, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}
	out := make([]domain.Account, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		a, ok := byID[id]
		if !ok {
			return nil, domain.FieldError("accountIds", "An account you chose is not in the cache. Sync, then choose again.")
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, a)
		}
	}
	return out, nil
}

// Posted implements export.Source: posted rows in the bank's order.
func (src storeSource) Posted(ctx context.Context, accountID, from, to string) iter.Seq2[domain.Transaction, error] {
	return src.st.AllTransactions(ctx, domain.TransactionFilter{
		AccountIDs: []string{accountID}, FromDate: from, ToDate: to, Status: domain.StatusPosted, Sort: domain.SortDate,
	})
}

// Pending implements export.Source.
func (src storeSource) Pending(ctx context.Context, accountID string) iter.Seq2[domain.Transaction, error] {
	return src.st.AllTransactions(ctx, domain.TransactionFilter{
		AccountIDs: []string{accountID}, Status: domain.StatusPending, Sort: domain.SortDate,
	})
}

// BroughtForward implements export.Source: the closing balance of the last
// day before from that has a posted transaction with a running balance.
func (src storeSource) BroughtForward(ctx context.Context, accountID, from string) (domain.Money, bool, error) {
	before, err := addDays(from, -1)
	if err != nil {
		return 0, false, err
	}
	points, err := src.st.BalanceHistory(ctx, accountID, "", before)
	if err != nil {
		return 0, false, err
	}
	if len(points) == 0 {
		return 0, false, nil
	}
	return points[len(points)-1].Balance, true, nil
}

// CountPosted implements export.Counter.
func (src storeSource) CountPosted(ctx context.Context, accountID, from, to string) (int64, error) {
	page, err := src.st.ListTransactions(ctx, domain.TransactionFilter{
		AccountIDs: []string{accountID}, FromDate: from, ToDate: to, Status: domain.StatusPosted, Sort: domain.SortDate, Limit: 1,
	})
	if err != nil {
		return 0, err
	}
	return page.Totals.Count, nil
}

// addDays shifts a YYYY-MM-DD date by n days.
func addDays(date string, n int) (string, error) {
	t, err := parseDate(date)
	if err != nil {
		return "", err
	}
	return t.AddDate(0, 0, n).Format(dateOnly), nil
}

// ExportPlan resolves what req would export and where it would go by
// default, without writing anything: the Export view shows it, and the save
// dialog starts from it.
func (s *Service) ExportPlan(ctx context.Context, req domain.ExportRequest) (domain.ExportPlan, error) {
	period, err := s.resolveExport(req)
	if err != nil {
		return domain.ExportPlan{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.ExportPlan{}, err
	}
	accounts, err := storeSource{sess.store}.Accounts(ctx, req.AccountIDs)
	if err != nil {
		return domain.ExportPlan{}, err
	}
	folder, err := s.exportFolder()
	if err != nil {
		return domain.ExportPlan{}, err
	}
	name, isFolder := defaultExportName(req, period, accounts)
	return domain.ExportPlan{
		Period: period, Folder: folder, Name: name, IsFolder: isFolder,
		Path: uniquePath(folder, name, isFolder),
	}, nil
}

// resolveExport checks the parts of req that need no cache.
func (s *Service) resolveExport(req domain.ExportRequest) (domain.Period, error) {
	var errs domain.ValidationErrors
	switch req.Format {
	case domain.FormatXLSX, domain.FormatCSV, domain.FormatOFX, domain.FormatPack:
	default:
		errs = append(errs, domain.FieldError("format", "Choose Excel, CSV, OFX or the accountant pack."))
	}
	period, err := domain.ResolvePeriod(req.Period, s.cfg.Now())
	if err != nil {
		var v domain.ValidationErrors
		var fe *domain.Error
		switch {
		case errors.As(err, &v):
			errs = append(errs, v...)
		case errors.As(err, &fe):
			errs = append(errs, fe)
		default:
			return domain.Period{}, err
		}
	}
	if err := errs.Err(); err != nil {
		return domain.Period{}, err
	}
	return period, nil
}

// defaultExportName is the file or folder an export of req is called by
// default, and whether it is a folder.
func defaultExportName(req domain.ExportRequest, p domain.Period, accounts []domain.Account) (string, bool) {
	switch req.Format {
	case domain.FormatCSV:
		return export.SafeFileName("Investec " + p.Label + " CSV"), true
	case domain.FormatOFX:
		return export.SafeFileName("Investec " + p.Label + " OFX"), true
	case domain.FormatPack:
		if req.Zip {
			return export.PackName(p) + ".zip", false
		}
		return export.PackName(p), true
	default:
		return export.WorkbookFileName(p, accounts), false
	}
}

// exportFolder is where exports go by default: EnvExportDir, else the
// person's Documents or Downloads folder, else the data directory's
// exports folder.
func (s *Service) exportFolder() (string, error) {
	if d := s.cfg.Getenv(EnvExportDir); d != "" {
		abs, err := filepath.Abs(d)
		if err != nil {
			return "", fmt.Errorf("export folder: %w", err)
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return "", fmt.Errorf("create export folder: %w", err)
		}
		return abs, nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		for _, name := range []string{"Documents", "Downloads"} {
			if fi, err := os.Stat(filepath.Join(home, name)); err == nil && fi.IsDir() {
				return filepath.Join(home, name), nil
			}
		}
	}
	dir := filepath.Join(s.cfg.DataDir, "exports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create export folder: %w", err)
	}
	return dir, nil
}

// uniquePath returns folder/name, or folder/"name (2).ext" and so on when
// something of that name exists.
func uniquePath(folder, name string, isFolder bool) string {
	return uniquePathExcept(folder, name, isFolder, nil)
}

// uniquePathExcept is uniquePath that also avoids the (lower-cased) paths
// in taken, which are about to be written.
func uniquePathExcept(folder, name string, isFolder bool, taken map[string]bool) string {
	ext := ""
	if !isFolder {
		ext = filepath.Ext(name)
	}
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		cand := name
		if i > 1 {
			cand = stem + " (" + strconv.Itoa(i) + ")" + ext
		}
		p := filepath.Join(folder, cand)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) && !taken[strings.ToLower(p)] {
			return p
		}
	}
}

// Export writes req's period and accounts from the cache in req's format,
// reporting progress as domain.EventExportProgress events. Only one export
// runs at a time (a second is a conflict); CancelExport stops it, and a
// cancelled or failed export leaves no partial file behind.
//
// Where it writes: see domain.ExportRequest.Path. An existing workbook or
// zip archive named by Path is replaced (the save dialog asked); CSV and
// OFX files never replace a file (a " (2)" is added); a pack is never
// written into an existing folder that has files in it: given such a
// folder, the pack is created inside it.
func (s *Service) Export(ctx context.Context, req domain.ExportRequest) (domain.ExportOutcome, error) {
	period, err := s.resolveExport(req)
	if err != nil {
		return domain.ExportOutcome{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.ExportOutcome{}, err
	}
	src := storeSource{sess.store}
	accounts, err := src.Accounts(ctx, req.AccountIDs)
	if err != nil {
		return domain.ExportOutcome{}, err
	}
	if len(accounts) == 0 {
		return domain.ExportOutcome{}, domain.Errorf(domain.CodeInvalid, "No accounts are in the cache yet. Sync first, then export.")
	}
	ids := make([]string, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}

	st := s.statements()
	st.mu.Lock()
	if st.exportStop != nil {
		st.mu.Unlock()
		return domain.ExportOutcome{}, domain.Errorf(domain.CodeConflict, "An export is already running.")
	}
	ctx, cancel := context.WithCancel(ctx)
	st.exportStop = cancel
	st.mu.Unlock()
	defer func() {
		cancel()
		st.mu.Lock()
		st.exportStop = nil
		st.mu.Unlock()
	}()

	x := &exportJob{
		svc: s, sess: sess, src: src, accounts: accounts, period: period, req: req,
		base: export.Request{Period: period, AccountIDs: ids, ConnectionName: sess.entry.Name, Now: s.cfg.Now()},
	}
	x.progress = x.progressFunc(ctx)
	out, err := x.run(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return domain.ExportOutcome{}, domain.Wrap(err, domain.CodeCancelled, "The export was cancelled; nothing was written.")
		}
		s.log.Warn("export failed", "format", req.Format, "code", domain.ErrorCode(err))
		return domain.ExportOutcome{}, exportError(err)
	}
	st.mu.Lock()
	st.exported[out.Path] = true
	st.exportCount++
	st.mu.Unlock()
	s.log.Info("export written", "format", req.Format, "period", period.Label, "files", len(out.Files))
	return out, nil
}

// exportError keeps the engine's application errors and gives anything
// else (a full disk, a folder without permission) a safe message.
func exportError(err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return domain.Wrap(err, domain.CodeInvalid, "The export could not be written there ("+pe.Err.Error()+"). Choose another place.")
	}
	return domain.Wrap(err, domain.CodeInternal, "The export failed. The details are in the log.")
}

// CancelExport stops the running export, if any; it leaves nothing behind.
func (s *Service) CancelExport() {
	st := s.statements()
	st.mu.Lock()
	stop := st.exportStop
	st.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// ShowExport opens the folder holding an export's output in the file
// manager: the folder itself for CSV, OFX and pack folders, the containing
// folder for a workbook or a zip archive. It opens only what an export of
// this process wrote.
func (s *Service) ShowExport(ctx context.Context, path string) error {
	st := s.statements()
	st.mu.Lock()
	ok := st.exported[path]
	st.mu.Unlock()
	if !ok {
		return domain.Errorf(domain.CodeNotFound, "That export is not known; export again.")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return domain.Wrap(err, domain.CodeNotFound, "The export is no longer where it was saved.")
	}
	dir := path
	if !fi.IsDir() {
		dir = filepath.Dir(path)
	}
	return s.open(ctx, dir)
}

// exportJob is one running export.
type exportJob struct {
	svc      *Service
	sess     *session
	src      storeSource
	accounts []domain.Account
	period   domain.Period
	req      domain.ExportRequest
	base     export.Request
	progress export.ProgressFunc
	counts   map[string]int64
}

// progressFunc forwards the engine's progress to the emitter, filling in
// the expected row count of per-account files (which the engine leaves
// unknown) from the cache.
func (x *exportJob) progressFunc(ctx context.Context) export.ProgressFunc {
	em := x.svc.cfg.Emitter
	return func(p domain.ExportProgress) {
		if p.Total == 0 && p.AccountID != "" && (p.Phase == domain.ExportCSV || p.Phase == domain.ExportOFX) {
			p.Total = x.count(ctx, p.AccountID)
		}
		em.Emit(domain.EventExportProgress, p)
	}
}

func (x *exportJob) count(ctx context.Context, accountID string) int64 {
	if x.counts == nil {
		x.counts = map[string]int64{}
	}
	n, ok := x.counts[accountID]
	if !ok {
		n, _ = x.src.CountPosted(ctx, accountID, x.period.From, x.period.To)
		x.counts[accountID] = n
	}
	return n
}

func (x *exportJob) run(ctx context.Context) (domain.ExportOutcome, error) {
	out := domain.ExportOutcome{Format: x.req.Format, Period: x.period}
	target := x.req.Path
	if target != "" {
		abs, err := filepath.Abs(target)
		if err != nil {
			return out, domain.FieldError("path", "Choose where to save the export.")
		}
		target = abs
	}
	switch x.req.Format {
	case domain.FormatXLSX:
		return x.workbook(ctx, out, target)
	case domain.FormatCSV, domain.FormatOFX:
		return x.perAccount(ctx, out, target)
	default:
		return x.pack(ctx, out, target)
	}
}

// defaultTarget is a new, unique path in the export folder.
func (x *exportJob) defaultTarget() (string, error) {
	folder, err := x.svc.exportFolder()
	if err != nil {
		return "", err
	}
	name, isFolder := defaultExportName(x.req, x.period, x.accounts)
	return uniquePath(folder, name, isFolder), nil
}

func (x *exportJob) workbook(ctx context.Context, out domain.ExportOutcome, target string) (domain.ExportOutcome, error) {
	switch {
	case target == "":
		var err error
		if target, err = x.defaultTarget(); err != nil {
			return out, err
		}
	case isDir(target):
		target = uniquePath(target, export.WorkbookFileName(x.period, x.accounts), false)
	case !strings.EqualFold(filepath.Ext(target), ".xlsx"):
		target += ".xlsx"
	}
	if isDir(target) {
		return out, domain.FieldError("path", "A folder has that name; choose another name for the workbook.")
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return out, fmt.Errorf("create folder: %w", err)
	}
	recons, err := export.WriteWorkbookFile(ctx, target, x.base, x.src, x.progress)
	if err != nil {
		return out, err
	}
	f, err := hashFile(target)
	if err != nil {
		return out, err
	}
	f.Name = filepath.Base(target)
	x.progress(domain.ExportProgress{Phase: domain.ExportDone, File: f.Name})
	out.Path, out.Files, out.Accounts = target, []domain.ExportedFile{f}, recons
	for _, r := range recons {
		out.Transactions += r.Transactions
	}
	return out, nil
}

// perAccount writes one CSV or OFX file per account into a folder. The
// files are written under temporary names and renamed into place only when
// every one is complete; a file of the same name is never replaced.
func (x *exportJob) perAccount(ctx context.Context, out domain.ExportOutcome, dir string) (domain.ExportOutcome, error) {
	ext := "." + string(x.req.Format)
	if dir == "" {
		var err error
		if dir, err = x.defaultTarget(); err != nil {
			return out, err
		}
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return out, domain.FieldError("path", "A file has that name; choose a folder for the %s files.", strings.ToUpper(ext[1:]))
	}
	created := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return out, fmt.Errorf("create folder: %w", err)
	}
	type pending struct{ tmp, final string }
	var done []pending
	var moved []string
	fail := func(err error) (domain.ExportOutcome, error) {
		for _, p := range done {
			_ = os.Remove(p.tmp)
		}
		for _, m := range moved {
			_ = os.Remove(m)
		}
		if created {
			_ = os.Remove(dir) // only if still empty
		}
		return out, err
	}
	taken := map[string]bool{}
	for _, a := range x.accounts {
		name := export.AccountFileName(x.period, a, ext)
		final := uniquePathExcept(dir, name, false, taken)
		taken[strings.ToLower(final)] = true
		tmp, f, n, err := x.writeAccountFile(ctx, dir, filepath.Base(final), a)
		if tmp != "" {
			done = append(done, pending{tmp, final})
		}
		if err != nil {
			return fail(err)
		}
		f.Name = filepath.Base(final)
		out.Files = append(out.Files, f)
		out.Transactions += n
	}
	for _, p := range done {
		if _, err := os.Lstat(p.final); err == nil {
			return fail(domain.Errorf(domain.CodeConflict, "A file named %q appeared in the folder while exporting.", filepath.Base(p.final)))
		}
		if err := os.Rename(p.tmp, p.final); err != nil {
			return fail(fmt.Errorf("rename file: %w", err))
		}
		moved = append(moved, p.final)
	}
	x.progress(domain.ExportProgress{Phase: domain.ExportDone})
	out.Path = dir
	return out, nil
}

// writeAccountFile writes one account's file under a temporary name in dir
// and returns that name, the file's size and checksum, and the rows
// written.
func (x *exportJob) writeAccountFile(ctx context.Context, dir, name string, a domain.Account) (string, domain.ExportedFile, int64, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.partial")
	if err != nil {
		return "", domain.ExportedFile{}, 0, fmt.Errorf("create file: %w", err)
	}
	tmp := f.Name()
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	bw := bufio.NewWriterSize(cw, 256<<10)
	var n int64
	if x.req.Format == domain.FormatCSV {
		n, err = export.WriteCSV(ctx, bw, x.period, a, x.src, x.progress)
	} else {
		n, err = export.WriteOFX(ctx, bw, x.base, a, x.src, x.progress)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write file: %w", cerr)
	}
	if err != nil {
		return tmp, domain.ExportedFile{}, n, err
	}
	return tmp, domain.ExportedFile{Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, n, nil
}

func (x *exportJob) pack(ctx context.Context, out domain.ExportOutcome, target string) (domain.ExportOutcome, error) {
	switch {
	case target == "":
		var err error
		if target, err = x.defaultTarget(); err != nil {
			return out, err
		}
	case isDir(target) && !emptyDir(target):
		target = uniquePath(target, export.PackName(x.period), true)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return out, fmt.Errorf("create folder: %w", err)
	}
	var docs export.DocumentSource
	if !x.req.NoDocuments {
		docs = &packDocuments{archiveSource{svc: x.svc, sess: x.sess}}
	}
	res, err := export.Pack(ctx, export.PackRequest{Request: x.base, NoDocuments: x.req.NoDocuments}, x.src, docs, target, x.progress)
	if err != nil {
		return out, err
	}
	out.Path, out.Files, out.Accounts = res.Path, res.Files, res.Accounts
	for _, r := range res.Accounts {
		out.Transactions += r.Transactions
	}
	return out, nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func emptyDir(path string) bool {
	entries, err := os.ReadDir(path)
	return err == nil && len(entries) == 0
}

// hashFile returns a file's size and SHA-256.
func hashFile(path string) (domain.ExportedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return domain.ExportedFile{}, fmt.Errorf("read back: %w", err)
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return domain.ExportedFile{}, fmt.Errorf("read back: %w", err)
	}
	return domain.ExportedFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
