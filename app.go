package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/investec-desk/investec-desk/backend/applog"
	"github.com/investec-desk/investec-desk/backend/buildinfo"
	"github.com/investec-desk/investec-desk/backend/cli"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// App is the allowlist of methods the frontend may call. Every exported
// method here becomes JavaScript API, so each one is a deliberate, thin
// adapter onto backend/core: take domain types, call core, return domain
// types or an error (which Wails rejects the promise with, formatted as
// domain.ErrorPayload by main.go). Nothing here holds logic.
type App struct {
	ctx     context.Context
	core    *core.Service
	log     *slog.Logger
	logFile io.Closer
	events  *emitter
}

// emitter forwards core events to the window once the Wails runtime is up.
type emitter struct {
	ctx atomic.Pointer[context.Context]
}

func (e *emitter) Emit(event string, payload any) {
	if ctx := e.ctx.Load(); ctx != nil {
		runtime.EventsEmit(*ctx, event, payload)
	}
}

// NewApp opens the core on the data directory the command line chose.
func NewApp(_ context.Context, g cli.Globals) (*App, error) {
	log, logFile, err := applog.Open(filepath.Join(g.DataDir, "logs"), slog.LevelInfo)
	if err != nil {
		return nil, err
	}
	ev := &emitter{}
	svc, err := core.Open(core.Config{
		DataDir:    g.DataDir,
		Demo:       g.Demo,
		Connection: g.Connection,
		Secrets:    secrets.NewKeyring(secrets.Service, 10*time.Second),
		Getenv:     os.Getenv,
		Logger:     log,
		Emitter:    ev,
	})
	if err != nil {
		_ = logFile.Close()
		return nil, err
	}
	return &App{core: svc, log: log, logFile: logFile, events: ev}, nil
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.events.ctx.Store(&ctx)
	a.log.Info("started", "version", buildinfo.Version, "dataDir", a.core.DataDir())
	a.core.StartBackground(ctx)
}

func (a *App) shutdown(context.Context) {
	if err := a.core.Close(); err != nil {
		a.log.Error("close", "err", err)
	}
	_ = a.logFile.Close()
}

// call derives a bounded context for one bound call.
func (a *App) call(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(a.ctx, d)
}

const (
	quick = 15 * time.Second // cache reads and local changes
	slow  = 10 * time.Minute // work that talks to the bank
)

// --- App ---------------------------------------------------------------

// AppInfo returns the application's name and version.
func (a *App) AppInfo() domain.AppInfo {
	return buildinfo.Get()
}

// ShellReady is called by the frontend once its shell has rendered. It
// records the fact for the headless smoke test (see core.ReportShellReady).
func (a *App) ShellReady(r domain.ShellReport) error {
	return core.ReportShellReady(a.log, r)
}

// Status returns the connection, network state and last sync for the top bar.
func (a *App) Status() (domain.AppStatus, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Status(ctx)
}

// --- Connections ---------------------------------------------------------

// Connections lists the connections; secrets are never returned.
func (a *App) Connections() ([]domain.Connection, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Connections(ctx)
}

// Connect tests new credentials and, when Investec accepts them, saves the
// connection (secrets to the OS keyring) and switches to it.
func (a *App) Connect(n domain.NewConnection) (domain.ConnectResult, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	conn, test, err := a.core.Connect(ctx, n)
	if err != nil || !test.OK {
		return domain.ConnectResult{Test: test}, err
	}
	return domain.ConnectResult{Test: test, Connection: &conn}, nil
}

// TestCredentials tries credentials without storing them.
func (a *App) TestCredentials(n domain.NewConnection) (domain.ConnectionTest, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.TestCredentials(ctx, n.Kind, n.BaseURL, n.Business, n.Credentials)
}

// TestConnection re-tests a saved connection's credentials.
func (a *App) TestConnection(id string) (domain.ConnectionTest, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.TestConnection(ctx, id)
}

// AddInvestecSandbox adds a connection to Investec's public sandbox (its
// published test credentials; needs the internet) and switches to it.
func (a *App) AddInvestecSandbox(business bool) (domain.Connection, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.AddInvestecSandbox(ctx, business)
}

// UpdateConnection renames a connection (and moves a custom one).
func (a *App) UpdateConnection(id, name, baseURL string) (domain.Connection, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.UpdateConnection(ctx, id, name, baseURL)
}

// SetCredentials replaces a connection's credentials in the keyring.
func (a *App) SetCredentials(id string, c domain.Credentials) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SetCredentials(ctx, id, c)
}

// RemoveConnection deletes a connection and its keyring entries (and its
// cache when deleteCache is true).
func (a *App) RemoveConnection(id string, deleteCache bool) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.RemoveConnection(ctx, id, deleteCache)
}

// SwitchConnection makes another connection the active one.
func (a *App) SwitchConnection(id string) (domain.Connection, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SwitchConnection(ctx, id)
}

// CompleteOnboarding records that the first-run screen is done.
func (a *App) CompleteOnboarding() error {
	return a.core.CompleteOnboarding()
}

// SetDemoOffline switches the built-in demo bank off or on, to try the app
// without a network.
func (a *App) SetDemoOffline(offline bool) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SetDemoOffline(ctx, offline)
}

// ResetDemo restores the demo bank and cache to their starting point.
func (a *App) ResetDemo() error {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.ResetDemo(ctx)
}

// --- Sync ----------------------------------------------------------------

// SyncNow fetches everything new from the bank; progress arrives as
// "sync:progress" events.
func (a *App) SyncNow() (domain.SyncRun, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.Sync(ctx, core.TriggerManual)
}

// CancelSync stops the running sync; what it fetched stays.
func (a *App) CancelSync() {
	a.core.CancelSync()
}

// SetSyncInterval chooses how often the app syncs in the background.
func (a *App) SetSyncInterval(i domain.SyncInterval) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SetSyncInterval(ctx, i)
}

// --- Review --------------------------------------------------------------

// Accounts returns the cached accounts with their latest balances.
func (a *App) Accounts() ([]domain.Account, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Accounts(ctx)
}

// Transactions returns a page of cached transactions and the totals of
// everything the filter selects.
func (a *App) Transactions(f domain.TransactionFilter) (domain.TransactionPage, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Transactions(ctx, f)
}

// Transaction returns one cached transaction.
func (a *App) Transaction(id int64) (domain.Transaction, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Transaction(ctx, id)
}

// Annotate sets a transaction's category and note (kept across syncs).
func (a *App) Annotate(id int64, an domain.Annotation) (domain.Transaction, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Annotate(ctx, id, an)
}

// --- Cards ---------------------------------------------------------------

// Cards lists the cards the connection can see.
func (a *App) Cards() ([]domain.Card, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.Cards(ctx)
}

// SetCardProgrammable switches a card's programmable feature on or off
// (sent once) and returns the state Investec reports.
func (a *App) SetCardProgrammable(cardKey string, enabled bool) (bool, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.SetCardProgrammable(ctx, cardKey, enabled)
}

// CardCode returns a card's saved and published code.
func (a *App) CardCode(cardKey string) (domain.CardCodeState, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.CardCode(ctx, cardKey)
}

// CheckCardCode checks card code for syntax errors without running it.
func (a *App) CheckCardCode(code string) domain.CodeCheck {
	return core.CheckCardCode(code)
}

// SaveCardCode syntax-checks code and saves it on the card (not published).
func (a *App) SaveCardCode(cardKey, code string) (domain.CardCode, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.SaveCardCode(ctx, cardKey, code)
}

// PublishCardCode publishes the card's saved code, which must still be the
// reviewed version codeID.
func (a *App) PublishCardCode(cardKey, codeID string) (domain.CardCode, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.PublishCardCode(ctx, cardKey, codeID)
}

// CardCodeHistory returns the local history of a card's code, newest first.
func (a *App) CardCodeHistory(cardKey string) ([]domain.CodeVersion, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.CardCodeHistory(ctx, cardKey)
}

// CardEnv returns a card's environment variables.
func (a *App) CardEnv(cardKey string) (domain.CardEnv, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.CardEnv(ctx, cardKey)
}

// CardEnvChanges validates new environment variables and lists the changes
// saving them would make; nothing is written.
func (a *App) CardEnvChanges(cardKey string, vars []domain.EnvVar) ([]domain.EnvChange, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.CardEnvChanges(ctx, cardKey, vars)
}

// SaveCardEnv replaces all of a card's environment variables (sent once).
func (a *App) SaveCardEnv(cardKey string, vars []domain.EnvVar) (domain.CardEnv, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.SaveCardEnv(ctx, cardKey, vars)
}

// CardReference returns the countries, currencies and merchant categories
// for the simulation form.
func (a *App) CardReference() (domain.CardReference, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.CardReference(ctx)
}

// CardTemplates returns the card code templates.
func (a *App) CardTemplates() []domain.CardTemplate {
	return core.CardTemplates()
}

// SimulateCard runs code against a made-up transaction, on Investec or in
// the offline emulator.
func (a *App) SimulateCard(cardKey string, req domain.SimulationRequest) (domain.SimulationResult, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.SimulateCard(ctx, cardKey, req)
}

// CardExecutions returns a card's execution log (real, simulated, local).
func (a *App) CardExecutions(cardKey string) (domain.CardExecutionLog, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.CardExecutions(ctx, cardKey)
}

// --- Review & insight ----------------------------------------------------

// Insight returns the dashboard's chart data from the cache.
func (a *App) Insight(req domain.InsightRequest) (domain.Insight, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Insight(ctx, req)
}

// TransactionDetail returns a transaction with who set its category.
func (a *App) TransactionDetail(id int64) (domain.TransactionDetail, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.TransactionDetail(ctx, id)
}

// TransactionTypes lists the transactionType values in the cache.
func (a *App) TransactionTypes() ([]string, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.TransactionTypes(ctx)
}

// CachedBeneficiaries lists the beneficiaries as last synced.
func (a *App) CachedBeneficiaries() ([]domain.Beneficiary, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.CachedBeneficiaries(ctx)
}

// Categories lists the user's categories with their use counts.
func (a *App) Categories() ([]domain.Category, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Categories(ctx)
}

// AddCategory adds a category.
func (a *App) AddCategory(name string) (domain.Category, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.AddCategory(ctx, name)
}

// RenameCategory renames a category; its transactions and rules follow.
func (a *App) RenameCategory(id int64, name string) (domain.Category, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.RenameCategory(ctx, id, name)
}

// DeleteCategory deletes a category, moving its transactions and rules to
// moveTo or, when moveTo is "", leaving them uncategorised.
func (a *App) DeleteCategory(id int64, moveTo string) error {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.DeleteCategory(ctx, id, moveTo)
}

// Rules lists the category rules in the order they are tried.
func (a *App) Rules() ([]domain.CategoryRule, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.Rules(ctx)
}

// AddRule adds a category rule, tried first.
func (a *App) AddRule(in domain.RuleInput) (domain.CategoryRule, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.AddRule(ctx, in)
}

// UpdateRule changes a category rule.
func (a *App) UpdateRule(id int64, in domain.RuleInput) (domain.CategoryRule, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.UpdateRule(ctx, id, in)
}

// DeleteRule deletes a category rule; what it set stays.
func (a *App) DeleteRule(id int64) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.DeleteRule(ctx, id)
}

// MoveRule moves a category rule to index (0 = tried first).
func (a *App) MoveRule(id int64, index int) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.MoveRule(ctx, id, index)
}

// PreviewRule counts what a rule as typed would match and change.
func (a *App) PreviewRule(in domain.RuleInput) (domain.RulePreview, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.PreviewRule(ctx, in)
}

// ApplyRules applies the rules (or only ruleIDs) to cached transactions,
// never changing a category set by hand.
func (a *App) ApplyRules(ruleIDs []int64) (domain.RuleApplication, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.ApplyRules(ctx, ruleIDs)
}

// --- Pay & Transfer --------------------------------------------------------

// PaySetup returns what the Pay & Transfer view starts from: accounts,
// permissions, the daily limit, templates and the latest journal entries.
func (a *App) PaySetup() (domain.PaySetup, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.PaySetup(ctx)
}

// PayAccount returns the beneficiaries payable from an account and its
// dual-authorisation setup, if any.
func (a *App) PayAccount(accountID string) (domain.PayAccountSetup, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.PayAccount(ctx, accountID)
}

// ReviewTransfer checks a transfer between own accounts and returns exactly
// what will be sent; nothing is sent.
func (a *App) ReviewTransfer(f domain.TransferForm) (domain.PayReview, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.ReviewTransfer(ctx, f)
}

// ReviewPayment checks payments to beneficiaries and returns exactly what
// will be sent, in batches of at most 50; nothing is sent.
func (a *App) ReviewPayment(f domain.PaymentForm) (domain.PayReview, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.ReviewPayment(ctx, f)
}

// ConfirmPay sends one reviewed batch, once; confirming it again returns
// the first outcome.
func (a *App) ConfirmPay(c domain.PayConfirmation) (domain.PayAttempt, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.ConfirmPay(ctx, c)
}

// SyncAfterPayment syncs so a transfer's or payment's transactions and the
// new balances appear.
func (a *App) SyncAfterPayment() (domain.SyncRun, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.SyncAfterPayment(ctx)
}

// PayJournal returns the journal of transfers and payments, newest first.
func (a *App) PayJournal(limit int) ([]domain.PayAttempt, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.PayJournal(ctx, limit)
}

// SetPayDailyLimit sets the local daily limit (rands, e.g. "20000").
func (a *App) SetPayDailyLimit(amount string) (domain.PayLimits, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SetPayDailyLimit(ctx, amount)
}

// SavePayTemplate saves a transfer or payment as a named template.
func (a *App) SavePayTemplate(t domain.PayTemplate) (domain.PayTemplate, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.SavePayTemplate(ctx, t)
}

// DeletePayTemplate removes a template.
func (a *App) DeletePayTemplate(id int64) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.DeletePayTemplate(ctx, id)
}

// --- Statements & export ---------------------------------------------------

// ExportPlan resolves an export's period and where it goes by default.
func (a *App) ExportPlan(req domain.ExportRequest) (domain.ExportPlan, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.ExportPlan(ctx, req)
}

// ChooseExportPath asks where to write an export with the system's save (or
// folder) dialog, starting at the default; "" when the person cancels.
func (a *App) ChooseExportPath(req domain.ExportRequest) (string, error) {
	plan, err := a.ExportPlan(req)
	if err != nil {
		return "", err
	}
	if plan.IsFolder {
		return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{Title: "Choose a folder for the export",
			DefaultDirectory: plan.Folder, CanCreateDirectories: true})
	}
	ext := filepath.Ext(plan.Name)
	return runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{Title: "Save the export", DefaultDirectory: plan.Folder,
		DefaultFilename: plan.Name, Filters: []runtime.FileFilter{{DisplayName: ext + " files", Pattern: "*" + ext}}})
}

// Export writes an export (workbook, CSV, OFX or accountant pack); progress
// arrives as "export:progress" events.
func (a *App) Export(req domain.ExportRequest) (domain.ExportOutcome, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.Export(ctx, req)
}

// CancelExport stops the running export; it leaves nothing behind.
func (a *App) CancelExport() {
	a.core.CancelExport()
}

// ShowExport opens the folder of an export this session wrote.
func (a *App) ShowExport(path string) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.ShowExport(ctx, path)
}

// Documents lists statements and tax certificates and whether each is
// downloaded (refreshing the list from Investec when asked).
func (a *App) Documents(q domain.DocumentQuery) (domain.DocumentList, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.Documents(ctx, q)
}

// DownloadDocument puts one document in the local archive.
func (a *App) DownloadDocument(k domain.DocumentKey) (domain.DocumentEntry, error) {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.DownloadDocument(ctx, k)
}

// DownloadDocuments puts every listed document of a period in the archive;
// progress arrives as "documents:progress" events.
func (a *App) DownloadDocuments(q domain.DocumentQuery) (domain.DocumentDownloadResult, error) {
	ctx, cancel := a.call(slow)
	defer cancel()
	return a.core.DownloadDocuments(ctx, q)
}

// CancelDocuments stops DownloadDocuments; what it downloaded stays.
func (a *App) CancelDocuments() {
	a.core.CancelDocuments()
}

// OpenDocument opens a document in the system's viewer, downloading it
// into the archive first when needed.
func (a *App) OpenDocument(k domain.DocumentKey) error {
	ctx, cancel := a.call(time.Minute)
	defer cancel()
	return a.core.OpenDocument(ctx, k)
}

// --- Connections & settings ------------------------------------------------

// DataDir returns the folder that holds the connections list, the caches,
// documents and logs (never a secret), for the About section.
func (a *App) DataDir() string {
	return a.core.DataDir()
}

// DemoBankURL returns the address of the built-in demo bank (demo
// connection only); it accepts Investec's published sandbox credentials.
func (a *App) DemoBankURL() (string, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.DemoBankURL(ctx)
}

// ConnectionCache says what a connection keeps on this computer (for the
// remove dialog's "also delete its cached data").
func (a *App) ConnectionCache(id string) (domain.ConnectionCache, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.ConnectionCache(ctx, id)
}

// RestartOnboarding shows the welcome page again on the next start (and
// now, once the window reloads its status).
func (a *App) RestartOnboarding() error {
	return a.core.RestartOnboarding()
}

// ExploreDemo is the first-run choice "Explore with demo data": the demo
// connection (created if missing) becomes the one in use and the first-run
// screen is done.
func (a *App) ExploreDemo() (domain.DemoChoice, error) {
	ctx, cancel := a.call(quick)
	defer cancel()
	c, switched, err := a.core.ExploreDemo(ctx)
	return domain.DemoChoice{Connection: c, Switched: switched}, err
}

// ReplaceCredentials replaces only the typed parts of a connection's
// credentials in the keyring; empty parts keep the stored ones.
func (a *App) ReplaceCredentials(id string, c domain.Credentials) error {
	ctx, cancel := a.call(quick)
	defer cancel()
	return a.core.ReplaceCredentials(ctx, id, c)
}
