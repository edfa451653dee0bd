package core

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/investec-desk/investec-desk/backend/cardcode"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/store"
)

// The card code workbench: the user's cards, their JavaScript (saved,
// published, a local history of versions), environment variables,
// simulations on Investec and in the offline emulator, and the execution
// log linked to cached transactions.
//
// Every write to the bank (save, publish, environment variables, toggle)
// is sent once: the client never retries a POST, and nothing here does
// either. When the outcome of a write is unknown the error says so plainly.

// historyLimit bounds the code history returned to the window.
const historyLimit = 500

// cardSession returns the open session and its API client.
func (s *Service) cardSession(ctx context.Context) (*session, *investec.Client, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := sess.api(ctx)
	if err != nil {
		return nil, nil, err
	}
	return sess, c, nil
}

// checkCardKey refuses an empty card key before anything is sent.
func checkCardKey(cardKey string) error {
	if strings.TrimSpace(cardKey) == "" {
		return domain.FieldError("cardKey", "Choose a card.")
	}
	return nil
}

// cardWriteError turns the error of a write to the bank into what a person
// should read; what names the write ("save the code").
func cardWriteError(err error, what string) error {
	if investec.IsUnknownOutcome(err) {
		return domain.Wrap(err, domain.CodeUnknownOutcome, fmt.Sprintf(
			"The connection failed after the request to %s was sent, so Investec may or may not have done it. "+
				"Reload the card to see what Investec has now before trying again.", what))
	}
	return investec.DomainError(err)
}

// Cards lists the cards the connection can see, with the names of their
// cached accounts, and replaces the cached list with them. When Investec
// cannot be reached the cached list is returned instead, each card marked
// Cached with the time Investec listed it (the offline error when nothing
// is cached); a refusal or other error from Investec is returned as it is.
func (s *Service) Cards(ctx context.Context) ([]domain.Card, error) {
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return nil, err
	}
	list, err := bankRead(sess, func() ([]investec.Card, error) { return c.ListCards(ctx) })
	if unreachable(err) {
		return s.cachedCards(ctx, sess, err)
	}
	if err != nil {
		return nil, investec.DomainError(err)
	}
	return s.cacheCards(ctx, sess, list), nil
}

// cacheCards converts the bank's list, replaces the cached list with it
// and returns it.
func (s *Service) cacheCards(ctx context.Context, sess *session, list []investec.Card) []domain.Card {
	names := s.accountNames(ctx, sess)
	fetched := s.cfg.Now().UTC().Format(time.RFC3339)
	out := make([]domain.Card, 0, len(list))
	for _, card := range list {
		dc := toDomainCard(card, names[card.AccountID])
		dc.FetchedAt = fetched
		out = append(out, dc)
	}
	if err := sess.store.ReplaceCards(ctx, out); err != nil {
		// The list is right; only its offline copy is stale.
		s.log.Warn("cache the cards", "err", err)
	}
	return out
}

func toDomainCard(c investec.Card, accountName string) domain.Card {
	return domain.Card{
		Key: c.CardKey, Number: c.CardNumber, Last4: store.CardLast4(c.CardNumber), Programmable: c.IsProgrammable,
		Status: c.Status, TypeCode: c.CardTypeCode, AccountID: c.AccountID, AccountNumber: c.AccountNumber,
		AccountName: accountName, EmbossedName: c.EmbossedName, Virtual: c.IsVirtualCard,
	}
}

// ResolveCard finds a card by its key or, when they are unique among the
// cards, by the last four digits of its number (for the command line).
func (s *Service) ResolveCard(ctx context.Context, ref string) (domain.Card, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return domain.Card{}, domain.FieldError("card", "Name a card by its key or the last four digits of its number.")
	}
	cards, err := s.Cards(ctx)
	if err != nil {
		return domain.Card{}, err
	}
	for _, c := range cards {
		if c.Key == ref {
			return c, nil
		}
	}
	var matches []domain.Card
	if len(ref) == 4 {
		for _, c := range cards {
			if c.Last4 == ref {
				matches = append(matches, c)
			}
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return domain.Card{}, domain.Errorf(domain.CodeNotFound, "No card has the key or last four digits %q.", ref)
	}
	return domain.Card{}, domain.Errorf(domain.CodeInvalid, "%d cards end in %s: name the card by its key.", len(matches), ref)
}

// SetCardProgrammable switches a card's programmable feature on or off and
// returns the state Investec reports. It is sent once, never retried.
func (s *Service) SetCardProgrammable(ctx context.Context, cardKey string, enabled bool) (bool, error) {
	if err := checkCardKey(cardKey); err != nil {
		return false, err
	}
	_, c, err := s.cardWriteSession(ctx)
	if err != nil {
		return false, err
	}
	state, err := c.ToggleProgrammableFeature(ctx, cardKey, enabled)
	if err != nil {
		return false, cardWriteError(err, "switch the programmable feature")
	}
	s.log.Info("card programmable feature", "card", cardKey, "enabled", state)
	return state, nil
}

func toDomainCode(r *investec.CodeResult) domain.CardCode {
	if r == nil {
		return domain.CardCode{}
	}
	return domain.CardCode{CodeID: r.CodeID, Code: r.Code, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, PublishedAt: r.PublishedAt}
}

// CardCode returns a card's saved and published code. Both versions are
// added to the local history if it does not know them yet (code saved in
// Investec's own editor shows up there this way). When Investec cannot be
// reached the newest saved and published versions of the local history
// are returned, marked Cached (the offline error when it has none).
func (s *Service) CardCode(ctx context.Context, cardKey string) (domain.CardCodeState, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardCodeState{}, err
	}
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return domain.CardCodeState{}, err
	}
	saved, err := bankRead(sess, func() (*investec.CodeResult, error) { return c.GetSavedCode(ctx, cardKey) })
	if unreachable(err) {
		return s.cachedCode(ctx, sess, cardKey, err)
	}
	if err != nil {
		return domain.CardCodeState{}, investec.DomainError(err)
	}
	published, err := c.GetPublishedCode(ctx, cardKey)
	if unreachable(err) {
		return s.cachedCode(ctx, sess, cardKey, err)
	}
	if err != nil {
		return domain.CardCodeState{}, investec.DomainError(err)
	}
	st := domain.CardCodeState{CardKey: cardKey, Saved: toDomainCode(saved), Published: toDomainCode(published)}
	st.Differs = st.Saved.Code != st.Published.Code
	s.remember(ctx, sess, cardKey, domain.CodeVersionSaved, st.Saved, firstOf(st.Saved.UpdatedAt, st.Saved.CreatedAt))
	s.remember(ctx, sess, cardKey, domain.CodeVersionPublished, st.Published, firstOf(st.Published.PublishedAt, st.Published.UpdatedAt))
	return st, nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// remember adds a version to the local history. A failure is logged, not
// returned: the bank already holds the code, and the history is a
// convenience that must not turn a successful save into an error.
func (s *Service) remember(ctx context.Context, sess *session, cardKey string, kind domain.CodeVersionKind, code domain.CardCode, at string) {
	if code.CodeID == "" {
		return
	}
	if _, err := time.Parse(time.RFC3339Nano, at); err != nil {
		at = "" // the store's clock
	}
	_, _, err := sess.store.AddCodeVersion(ctx, domain.CodeVersion{CardKey: cardKey, Kind: kind, CodeID: code.CodeID, Code: code.Code, At: at})
	if err != nil {
		s.log.Warn("record card code version", "card", cardKey, "kind", kind, "err", err)
	}
}

// syntaxLocation finds "Line 3:9" in a goja syntax error message.
var syntaxLocation = regexp.MustCompile(`Line (\d+):(\d+)`)

// CheckCardCode checks card code for syntax errors without running it.
func CheckCardCode(code string) domain.CodeCheck {
	err := cardcode.Check(code)
	if err == nil {
		return domain.CodeCheck{OK: true}
	}
	out := domain.CodeCheck{Message: domain.ErrorMessage(err)}
	if m := syntaxLocation.FindStringSubmatch(out.Message); m != nil {
		out.Line, _ = strconv.Atoi(m[1])
		out.Column, _ = strconv.Atoi(m[2])
	}
	return out
}

// codeSyntaxError returns the invalid-input error for code that does not
// parse, about the field "code", or nil.
func codeSyntaxError(code string) error {
	chk := CheckCardCode(code)
	if chk.OK {
		return nil
	}
	return domain.FieldError("code", "%s", chk.Message)
}

// SaveCardCode checks code for syntax errors and saves it on the card
// (without publishing it). Investec gives every save a new code ID, which
// PublishCardCode needs. The version is added to the local history. It is
// sent once, never retried.
func (s *Service) SaveCardCode(ctx context.Context, cardKey, code string) (domain.CardCode, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardCode{}, err
	}
	if err := codeSyntaxError(code); err != nil {
		return domain.CardCode{}, err
	}
	sess, c, err := s.cardWriteSession(ctx)
	if err != nil {
		return domain.CardCode{}, err
	}
	res, err := c.SaveCode(ctx, cardKey, code)
	if err != nil {
		return domain.CardCode{}, cardWriteError(err, "save the code")
	}
	saved := toDomainCode(res)
	if saved.Code == "" {
		saved.Code = code
	}
	s.log.Info("card code saved", "card", cardKey, "codeId", saved.CodeID)
	s.remember(ctx, sess, cardKey, domain.CodeVersionSaved, saved, firstOf(saved.UpdatedAt, saved.CreatedAt))
	return saved, nil
}

// PublishCardCode publishes the card's saved code, which must be the
// version codeID (the one the person reviewed): Investec publishes by the
// code ID of the latest save, so a codeID that is no longer the latest is
// refused (conflict) before anything is sent. The published version is
// added to the local history. It is sent once, never retried.
func (s *Service) PublishCardCode(ctx context.Context, cardKey, codeID string) (domain.CardCode, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardCode{}, err
	}
	if strings.TrimSpace(codeID) == "" {
		return domain.CardCode{}, domain.FieldError("codeId", "Save the code before publishing it.")
	}
	sess, c, err := s.cardWriteSession(ctx)
	if err != nil {
		return domain.CardCode{}, err
	}
	latest, err := c.GetSavedCode(ctx, cardKey)
	if err != nil {
		return domain.CardCode{}, investec.DomainError(err)
	}
	if latest.CodeID != codeID {
		return domain.CardCode{}, domain.Errorf(domain.CodeConflict,
			"The saved code changed since you reviewed it (the latest save is %s). Review it and publish again.", latest.CodeID)
	}
	res, err := c.PublishCode(ctx, cardKey, codeID)
	if err != nil {
		return domain.CardCode{}, cardWriteError(err, "publish the code")
	}
	pub := toDomainCode(res)
	if pub.CodeID == "" {
		pub.CodeID = codeID
	}
	if pub.Code == "" {
		pub.Code = latest.Code
	}
	s.log.Info("card code published", "card", cardKey, "codeId", pub.CodeID)
	s.remember(ctx, sess, cardKey, domain.CodeVersionPublished, pub, firstOf(pub.PublishedAt, pub.UpdatedAt))
	return pub, nil
}

// CardCodeHistory returns the local history of a card's code, newest
// first. It never touches the network.
func (s *Service) CardCodeHistory(ctx context.Context, cardKey string) ([]domain.CodeVersion, error) {
	if err := checkCardKey(cardKey); err != nil {
		return nil, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.ListCodeVersions(ctx, cardKey, historyLimit)
}

// CardCodeVersion returns one version from the local history, to restore
// into the editor (it then needs saving and publishing like any edit).
func (s *Service) CardCodeVersion(ctx context.Context, id int64) (domain.CodeVersion, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.CodeVersion{}, err
	}
	return sess.store.GetCodeVersion(ctx, id)
}

// CardTemplates returns the card code templates, with their suggested
// environment variables sorted by name.
func CardTemplates() []domain.CardTemplate {
	list := cardcode.Templates()
	out := make([]domain.CardTemplate, 0, len(list))
	for _, t := range list {
		out = append(out, domain.CardTemplate{ID: t.ID, Name: t.Name, Description: t.Description, Code: t.Code, Env: sortedEnv(t.Env)})
	}
	return out
}

// --- Environment variables ---------------------------------------------

func sortedEnv(vars map[string]string) []domain.EnvVar {
	out := make([]domain.EnvVar, 0, len(vars))
	for k, v := range vars {
		out = append(out, domain.EnvVar{Key: k, Value: v})
	}
	slices.SortFunc(out, func(a, b domain.EnvVar) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// CardEnv returns a card's environment variables and keeps a copy of them
// in the system keyring (never in the cache: they often hold a third
// party's keys). When Investec cannot be reached that copy is returned,
// marked Cached.
func (s *Service) CardEnv(ctx context.Context, cardKey string) (domain.CardEnv, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardEnv{}, err
	}
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return domain.CardEnv{}, err
	}
	env, err := bankRead(sess, func() (*investec.EnvironmentVariables, error) { return c.GetEnvironmentVariables(ctx, cardKey) })
	if unreachable(err) {
		return s.loadEnvCopy(ctx, sess, cardKey, err)
	}
	if err != nil {
		return domain.CardEnv{}, investec.DomainError(err)
	}
	out := domain.CardEnv{CardKey: cardKey, Variables: sortedEnv(env.Variables), UpdatedAt: env.UpdatedAt}
	s.keepEnvCopy(ctx, sess, out)
	return out, nil
}

// jsReserved are the words that are not valid identifiers in strict-mode
// JavaScript (card code may destructure process.env into variables).
var jsReserved = map[string]bool{
	"await": true, "break": true, "case": true, "catch": true, "class": true, "const": true, "continue": true,
	"debugger": true, "default": true, "delete": true, "do": true, "else": true, "enum": true, "export": true,
	"extends": true, "false": true, "finally": true, "for": true, "function": true, "if": true, "implements": true,
	"import": true, "in": true, "instanceof": true, "interface": true, "let": true, "new": true, "null": true,
	"package": true, "private": true, "protected": true, "public": true, "return": true, "static": true,
	"super": true, "switch": true, "this": true, "throw": true, "true": true, "try": true, "typeof": true,
	"var": true, "void": true, "while": true, "with": true, "yield": true,
}

// isJSIdentifier reports whether s is a JavaScript identifier: a letter,
// $ or _ followed by letters, digits, $ or _ (Unicode letters and digits
// included), and not a reserved word.
func isJSIdentifier(s string) bool {
	if s == "" || jsReserved[s] {
		return false
	}
	for i, r := range s {
		start := r == '$' || r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
		part := start || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) ||
			unicode.Is(unicode.Pc, r) || r == '\u200c' || r == '\u200d'
		if (i == 0 && !start) || !part {
			return false
		}
	}
	return true
}

// ValidateEnv checks environment variables a person entered: every key a
// JavaScript identifier, no key twice. Problems name the field
// "variables.<index>.key" so a form can show each beside its row. It
// returns the variables as the map Investec takes.
func ValidateEnv(vars []domain.EnvVar) (map[string]string, error) {
	var problems domain.ValidationErrors
	out := make(map[string]string, len(vars))
	seen := map[string]int{}
	for i, v := range vars {
		field := fmt.Sprintf("variables.%d.key", i)
		switch {
		case v.Key == "":
			problems = append(problems, domain.FieldError(field, "Give the variable a name."))
		case jsReserved[v.Key]:
			problems = append(problems, domain.FieldError(field, "%q is a reserved word in JavaScript; choose another name.", v.Key))
		case !isJSIdentifier(v.Key):
			problems = append(problems, domain.FieldError(field,
				"%q is not a JavaScript identifier: use letters, digits, _ or $, not starting with a digit, without spaces.", v.Key))
		default:
			if first, dup := seen[v.Key]; dup {
				problems = append(problems, domain.FieldError(field, "%q is already used in row %d.", v.Key, first+1))
				continue
			}
			seen[v.Key] = i
			out[v.Key] = v.Value
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// envChanges lists how next differs from current, sorted by key.
func envChanges(current, next map[string]string) []domain.EnvChange {
	out := []domain.EnvChange{}
	for k, v := range next {
		old, ok := current[k]
		switch {
		case !ok:
			out = append(out, domain.EnvChange{Key: k, Kind: domain.EnvAdded, New: v})
		case old != v:
			out = append(out, domain.EnvChange{Key: k, Kind: domain.EnvChanged, Old: old, New: v})
		}
	}
	for k, v := range current {
		if _, ok := next[k]; !ok {
			out = append(out, domain.EnvChange{Key: k, Kind: domain.EnvRemoved, Old: v})
		}
	}
	slices.SortFunc(out, func(a, b domain.EnvChange) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// CardEnvChanges validates a proposed replacement of a card's environment
// variables and lists how it differs from what the card has now, for the
// confirmation before SaveCardEnv. Nothing is written.
func (s *Service) CardEnvChanges(ctx context.Context, cardKey string, vars []domain.EnvVar) ([]domain.EnvChange, error) {
	if err := checkCardKey(cardKey); err != nil {
		return nil, err
	}
	next, err := ValidateEnv(vars)
	if err != nil {
		return nil, err
	}
	_, c, err := s.cardSession(ctx)
	if err != nil {
		return nil, err
	}
	cur, err := c.GetEnvironmentVariables(ctx, cardKey)
	if err != nil {
		return nil, investec.DomainError(err)
	}
	return envChanges(cur.Variables, next), nil
}

// SaveCardEnv replaces all of a card's environment variables with vars
// (Investec has no partial update: a variable left out is removed). It is
// sent once, never retried. What Investec then holds is kept in the
// system keyring, as CardEnv does.
func (s *Service) SaveCardEnv(ctx context.Context, cardKey string, vars []domain.EnvVar) (domain.CardEnv, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardEnv{}, err
	}
	next, err := ValidateEnv(vars)
	if err != nil {
		return domain.CardEnv{}, err
	}
	sess, c, err := s.cardWriteSession(ctx)
	if err != nil {
		return domain.CardEnv{}, err
	}
	res, err := c.ReplaceEnvironmentVariables(ctx, cardKey, next)
	if err != nil {
		return domain.CardEnv{}, cardWriteError(err, "replace the environment variables")
	}
	// Names only: values may be a third party's keys.
	s.log.Info("card environment variables replaced", "card", cardKey, "count", len(next))
	out := domain.CardEnv{CardKey: cardKey, Variables: sortedEnv(res.Variables), UpdatedAt: res.UpdatedAt}
	s.keepEnvCopy(ctx, sess, out)
	return out, nil
}

// --- Reference data ----------------------------------------------------

// Reference data sources.
const (
	ReferenceInvestec = "investec"
	ReferenceBuiltIn  = "built-in"
)

// CardReference returns the countries, currencies and merchant categories
// for the simulation form from Investec. When Investec cannot be asked,
// the app's own tables (the same lists) are returned instead, marked
// built-in, so local runs still work.
func (s *Service) CardReference(ctx context.Context) (domain.CardReference, error) {
	ref, err := s.investecReference(ctx)
	if err == nil {
		return ref, nil
	}
	if code := domain.ErrorCode(err); code == domain.CodeCancelled {
		return domain.CardReference{}, err
	}
	s.log.Info("card reference data from the built-in tables", "code", domain.ErrorCode(err))
	return builtInReference(), nil
}

func (s *Service) investecReference(ctx context.Context) (domain.CardReference, error) {
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return domain.CardReference{}, err
	}
	if sess.demoSwitchedOff() {
		return domain.CardReference{}, errDemoOffline
	}
	ref := domain.CardReference{Source: ReferenceInvestec}
	for _, l := range []struct {
		fetch func(context.Context) ([]investec.ReferenceItem, error)
		dst   *[]domain.RefItem
	}{{c.ListCountries, &ref.Countries}, {c.ListCurrencies, &ref.Currencies}, {c.ListMerchants, &ref.Merchants}} {
		items, err := l.fetch(ctx)
		if err != nil {
			return domain.CardReference{}, investec.DomainError(err)
		}
		*l.dst = refItems(items)
	}
	return ref, nil
}

// refItems drops the junk entries Investec's lists are known to carry
// ({"Code": "undefined", ...}) and blank ones.
func refItems(items []investec.ReferenceItem) []domain.RefItem {
	out := make([]domain.RefItem, 0, len(items))
	for _, it := range items {
		code := strings.TrimSpace(it.Code)
		if code == "" || strings.EqualFold(code, "undefined") || strings.EqualFold(code, "null") {
			continue
		}
		out = append(out, domain.RefItem{Code: code, Name: strings.TrimSpace(it.Name)})
	}
	return out
}

func builtInReference() domain.CardReference {
	conv := func(list []cardcode.CodeName) []domain.RefItem {
		out := make([]domain.RefItem, 0, len(list))
		for _, c := range list {
			out = append(out, domain.RefItem{Code: c.Code, Name: c.Name})
		}
		return out
	}
	return domain.CardReference{
		Countries: conv(cardcode.CountryCodeNames()), Currencies: conv(cardcode.CurrencyCodeNames()),
		Merchants: conv(cardcode.MerchantCodeNames()), Source: ReferenceBuiltIn,
	}
}

// --- Simulation --------------------------------------------------------

// ParseMinorUnits reads an amount a person typed in a currency's major unit
// ("123.45" rands) into minor units (12345 cents) exactly, for a currency
// with the given number of decimals. A decimal point or comma and spaces
// between groups of digits are accepted; a sign, more decimals than the
// currency has, or anything else is refused, never rounded.
func ParseMinorUnits(text string, decimals int) (domain.Money, error) {
	s := strings.Join(strings.Fields(text), "")
	whole, frac, hasMark := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	switch {
	case s == "":
		return 0, errors.New("enter an amount")
	case strings.ContainsAny(frac, ".,") || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "":
		return 0, fmt.Errorf("%q is not an amount: use digits and one decimal point, e.g. 123.45", text)
	case whole == "" && frac == "", hasMark && frac == "":
		return 0, fmt.Errorf("%q is not an amount: use digits and one decimal point, e.g. 123.45", text)
	case len(frac) > decimals:
		if decimals == 0 {
			return 0, fmt.Errorf("%q has decimals, but this currency has no minor unit", text)
		}
		return 0, fmt.Errorf("%q has more than %d decimals", text, decimals)
	case len(strings.TrimLeft(whole, "0")) > 13:
		return 0, fmt.Errorf("%q is too large", text)
	}
	frac += strings.Repeat("0", decimals-len(frac))
	v, err := strconv.ParseInt("0"+whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large", text)
	}
	return domain.Money(v), nil
}

// simulation is a validated SimulationRequest.
type simulation struct {
	mode   domain.SimulationMode
	code   string
	cents  domain.Money
	wire   cardcode.SimulateRequest
	merchC int
}

// validateSimulation checks a simulation request, naming every bad field.
func validateSimulation(req domain.SimulationRequest) (simulation, error) {
	var problems domain.ValidationErrors
	sim := simulation{mode: req.Mode, code: req.Code}
	if req.Mode != domain.SimulateLocal && req.Mode != domain.SimulateInvestec {
		problems = append(problems, domain.FieldError("mode", "Choose whether to run locally or on Investec."))
	}
	if strings.TrimSpace(req.Code) == "" {
		problems = append(problems, domain.FieldError("code", "There is no code to run."))
	}
	currency := strings.ToLower(strings.TrimSpace(req.CurrencyCode))
	if currency == "" {
		currency = "zar"
	}
	decimals := 2
	if len(currency) != 3 || strings.Trim(currency, "abcdefghijklmnopqrstuvwxyz") != "" {
		problems = append(problems, domain.FieldError("currencyCode", "Choose a currency, e.g. ZAR."))
	} else if c, ok := cardcode.LookupCurrency(currency); ok {
		decimals = c.MinorUnits
	}
	cents, err := ParseMinorUnits(req.Amount, decimals)
	if err != nil {
		problems = append(problems, domain.FieldError("amount", "%s.", upperFirst(err.Error())))
	}
	sim.cents = cents
	mcc := strings.TrimSpace(req.MerchantCode)
	if mcc == "" || len(mcc) > 4 || strings.Trim(mcc, "0123456789") != "" {
		problems = append(problems, domain.FieldError("merchantCode", "Choose a merchant category (a code of up to four digits, e.g. 5462)."))
	} else {
		sim.merchC, _ = strconv.Atoi(mcc)
	}
	name := strings.TrimSpace(req.MerchantName)
	if name == "" {
		problems = append(problems, domain.FieldError("merchantName", "Give the merchant a name."))
	}
	country := strings.ToUpper(strings.TrimSpace(req.CountryCode))
	if country == "" {
		country = "ZA"
	}
	if len(country) != 2 || strings.Trim(country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		problems = append(problems, domain.FieldError("countryCode", "Choose a country (a two-letter code, e.g. ZA)."))
	}
	if err := problems.Err(); err != nil {
		return simulation{}, err
	}
	sim.wire = cardcode.SimulateRequest{
		SimulationCode: req.Code, CentsAmount: strconv.FormatInt(cents.Cents(), 10), CurrencyCode: currency,
		MerchantCode: mcc, MerchantName: name, MerchantCity: strings.TrimSpace(req.MerchantCity), CountryCode: country,
	}
	return sim, nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SimulateCard runs card code against a made-up transaction on the card:
// on Investec's simulator (mode investec, which records the run in the
// card's execution log at Investec) or in the app's offline emulator (mode
// local: no network or file access for the code, Investec's 2 s limit for
// beforeTransaction and 15 s for the after hooks, the card's environment
// variables as process.env; the run is kept in the local cache). Either
// way the code run is req.Code, saved or not.
func (s *Service) SimulateCard(ctx context.Context, cardKey string, req domain.SimulationRequest) (domain.SimulationResult, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.SimulationResult{}, err
	}
	sim, err := validateSimulation(req)
	if err != nil {
		return domain.SimulationResult{}, err
	}
	if sim.mode == domain.SimulateLocal {
		return s.simulateLocal(ctx, cardKey, sim)
	}
	return s.simulateInvestec(ctx, cardKey, sim)
}

func (s *Service) simulateInvestec(ctx context.Context, cardKey string, sim simulation) (domain.SimulationResult, error) {
	_, c, err := s.cardWriteSession(ctx)
	if err != nil {
		return domain.SimulationResult{}, err
	}
	ranAt := s.cfg.Now()
	w := sim.wire
	items, err := c.ExecuteCode(ctx, cardKey, &investec.ExecuteCodeRequest{
		SimulationCode: w.SimulationCode, Amount: sim.cents, CurrencyCode: w.CurrencyCode, MerchantCode: sim.merchC,
		MerchantName: w.MerchantName, MerchantCity: w.MerchantCity, CountryCode: w.CountryCode,
	})
	if err != nil {
		return domain.SimulationResult{}, cardWriteError(err, "run the simulation")
	}
	res := domain.SimulationResult{Mode: domain.SimulateInvestec, CardKey: cardKey, Approved: true, CentsAmount: sim.cents,
		Executions: make([]domain.CardExecution, 0, len(items)), RanAt: ranAt.UTC().Format(time.RFC3339)}
	for _, it := range items {
		ex := fromInvestecExecution(cardKey, it)
		ex.Source = domain.ExecutionSimulated // what execute returns is always a simulation
		res.Executions = append(res.Executions, ex)
	}
	res.Approved = approvedOf(res.Executions)
	return res, nil
}

// approvedOf returns the before_transaction decision, or true (approve)
// when the code has no beforeTransaction.
func approvedOf(execs []domain.CardExecution) bool {
	for _, e := range execs {
		if e.Type == string(cardcode.TypeBeforeTransaction) && e.Approved != nil {
			return *e.Approved
		}
	}
	return true
}

func fromInvestecExecution(cardKey string, it investec.Execution) domain.CardExecution {
	ex := domain.CardExecution{
		ID: it.ExecutionID, CardKey: cardKey, Source: domain.ExecutionReal, Type: it.Type, Error: it.Error,
		CodeID: it.RootCodeFunctionID, CreatedAt: firstOf(it.CreatedAt, it.StartedAt), StartedAt: it.StartedAt,
		CompletedAt: it.CompletedAt, Logs: make([]domain.ExecutionLog, 0, len(it.Logs)),
	}
	if it.Sandbox {
		ex.Source = domain.ExecutionSimulated
	}
	if it.AuthorizationApproved != nil {
		ok := *it.AuthorizationApproved
		ex.Approved = &ok
	}
	for _, l := range it.Logs {
		ex.Logs = append(ex.Logs, domain.ExecutionLog{CreatedAt: l.CreatedAt, Level: l.Level, Content: l.Content})
	}
	return ex
}

// simulateLocal runs the emulator with the card's account number and
// environment variables: read from Investec (refreshing the cached cards
// and the keyring copy) when it can be reached, else from the cache and the
// keyring copy.
func (s *Service) simulateLocal(ctx context.Context, cardKey string, sim simulation) (domain.SimulationResult, error) {
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return domain.SimulationResult{}, err
	}
	var card domain.Card
	list, err := bankRead(sess, func() ([]investec.Card, error) { return c.ListCards(ctx) })
	switch {
	case unreachable(err):
		if card, err = s.cachedCard(ctx, sess, cardKey, err); err != nil {
			return domain.SimulationResult{}, err
		}
	case err != nil:
		return domain.SimulationResult{}, investec.DomainError(err)
	default:
		cards := s.cacheCards(ctx, sess, list)
		i := slices.IndexFunc(cards, func(x domain.Card) bool { return x.Key == cardKey })
		if i < 0 {
			return domain.SimulationResult{}, domain.Errorf(domain.CodeNotFound, "Investec does not know this card.")
		}
		card = cards[i]
	}
	var env domain.CardEnv
	live, err := bankRead(sess, func() (*investec.EnvironmentVariables, error) { return c.GetEnvironmentVariables(ctx, cardKey) })
	switch {
	case unreachable(err):
		if env, err = s.loadEnvCopy(ctx, sess, cardKey, err); err != nil {
			return domain.SimulationResult{}, err
		}
	case err != nil:
		return domain.SimulationResult{}, investec.DomainError(err)
	default:
		env = domain.CardEnv{CardKey: cardKey, Variables: sortedEnv(live.Variables), UpdatedAt: live.UpdatedAt}
		s.keepEnvCopy(ctx, sess, env)
	}
	vars := make(map[string]string, len(env.Variables))
	for _, v := range env.Variables {
		vars[v.Key] = v.Value
	}
	return s.runLocal(ctx, sess, cardKey, card.AccountNumber, vars, sim, cardcode.Options{Now: s.cfg.Now})
}

// runLocal runs the emulator and keeps its executions in the cache.
func (s *Service) runLocal(ctx context.Context, sess *session, cardKey, accountNumber string, env map[string]string, sim simulation, opts cardcode.Options) (domain.SimulationResult, error) {
	ranAt := s.cfg.Now()
	tx, err := sim.wire.Authorization(accountNumber, cardKey, ranAt)
	if err != nil {
		return domain.SimulationResult{}, err
	}
	execs, err := cardcode.Simulate(ctx, sim.code, env, tx, opts)
	if err != nil {
		return domain.SimulationResult{}, fmt.Errorf("run card code locally: %w", err)
	}
	w := sim.wire
	run := &domain.LocalRun{CentsAmount: sim.cents, CurrencyCode: w.CurrencyCode, MerchantCode: w.MerchantCode,
		MerchantName: w.MerchantName, MerchantCity: w.MerchantCity, CountryCode: w.CountryCode, CodeSHA256: store.CodeSHA256(sim.code)}
	res := domain.SimulationResult{Mode: domain.SimulateLocal, CardKey: cardKey, Approved: cardcode.Approved(execs),
		CentsAmount: sim.cents, Executions: make([]domain.CardExecution, 0, len(execs)), RanAt: ranAt.UTC().Format(time.RFC3339)}
	for _, e := range execs {
		res.Executions = append(res.Executions, fromLocalExecution(cardKey, e, run))
	}
	if err := sess.store.AddLocalExecutions(ctx, res.Executions); err != nil {
		// The run happened; only its copy in the log is missing.
		s.log.Warn("keep local card code run", "card", cardKey, "err", err)
	}
	return res, nil
}

// stampLayout writes emulator times like Investec's card timestamps.
const stampLayout = "2006-01-02T15:04:05.000Z"

func fromLocalExecution(cardKey string, e cardcode.Execution, run *domain.LocalRun) domain.CardExecution {
	ex := domain.CardExecution{
		ID: e.ID, CardKey: cardKey, Source: domain.ExecutionLocal, Type: string(e.Type), Error: e.Error,
		CreatedAt: e.StartedAt.UTC().Format(stampLayout), StartedAt: e.StartedAt.UTC().Format(stampLayout),
		CompletedAt: e.CompletedAt.UTC().Format(stampLayout), Logs: make([]domain.ExecutionLog, 0, len(e.Logs)), Local: run,
	}
	if e.Approved != nil {
		ok := *e.Approved
		ex.Approved = &ok
	}
	for _, l := range e.Logs {
		ex.Logs = append(ex.Logs, domain.ExecutionLog{CreatedAt: l.CreatedAt.UTC().Format(stampLayout), Level: string(l.Level), Content: l.Content})
	}
	return ex
}
