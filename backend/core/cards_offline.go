package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// The card workbench offline: when Investec cannot be reached, the cards
// come from the cache (table cards), the code from the local history and
// the environment variables from a copy in the system keyring (they often
// hold a third party's API keys, so they never go to SQLite). Writes to
// the bank stay online-only.

// unreachable reports whether err means Investec could not be reached (no
// answer arrived), as opposed to an answer that refused the request.
func unreachable(err error) bool {
	return err != nil && domain.ErrorCode(investec.DomainError(err)) == domain.CodeOffline
}

// errDemoOffline is what reads get while the demo bank is switched off:
// nothing could answer, so the cache answers at once.
var errDemoOffline = domain.Wrap(investec.ErrOffline, domain.CodeOffline, "Investec cannot be reached. Check the internet connection.")

// bankRead runs a read from the bank, unless the demo bank is switched off:
// then it returns errDemoOffline without waiting on the client's retries.
func bankRead[T any](sess *session, read func() (T, error)) (T, error) {
	if sess.demoSwitchedOff() {
		var zero T
		return zero, errDemoOffline
	}
	return read()
}

// demoSwitchedOff reports whether the session is the demo's with its bank
// switched off.
func (ss *session) demoSwitchedOff() bool {
	ss.apiMu.Lock()
	defer ss.apiMu.Unlock()
	return ss.demoOffline
}

// cardWriteSession is cardSession for a write to the bank (or a run on its
// simulator). While the demo bank is switched off nothing is sent and the
// error says so plainly: a request on a connection the switch just closed
// could otherwise be reported as of unknown outcome.
func (s *Service) cardWriteSession(ctx context.Context) (*session, *investec.Client, error) {
	sess, c, err := s.cardSession(ctx)
	if err != nil {
		return nil, nil, err
	}
	if sess.demoSwitchedOff() {
		return nil, nil, domain.Wrap(investec.ErrOffline, domain.CodeOffline,
			"Investec cannot be reached, so nothing was sent. Saving, publishing and running on Investec need the connection.")
	}
	return sess, c, nil
}

// CardEnvKey is the keyring key under which the copy of a card's
// environment variables is kept for a connection.
func CardEnvKey(connectionID, cardKey string) string {
	return "connection/" + connectionID + "/card-env/" + cardKey
}

// cardEnvIndexKey is the keyring key of the list of cards whose
// environment variables have a copy, so removing the connection can find
// them (a keyring cannot be listed).
func cardEnvIndexKey(connectionID string) string {
	return "connection/" + connectionID + "/card-env-index"
}

// cardEnvIndexMu serialises changes to the keyring's card env indexes.
var cardEnvIndexMu sync.Mutex

// envCopy is what the keyring keeps for a card's environment variables.
type envCopy struct {
	Variables map[string]string `json:"variables"`
	UpdatedAt string            `json:"updatedAt"`
	KeptAt    string            `json:"keptAt"`
}

// keepEnvCopy keeps a copy of a card's environment variables in the
// keyring. A failure is logged, not returned: the bank answered, and the
// copy only serves offline runs.
func (s *Service) keepEnvCopy(ctx context.Context, sess *session, env domain.CardEnv) {
	vars := make(map[string]string, len(env.Variables))
	for _, v := range env.Variables {
		vars[v.Key] = v.Value
	}
	b, err := json.Marshal(envCopy{Variables: vars, UpdatedAt: env.UpdatedAt, KeptAt: s.cfg.Now().UTC().Format(time.RFC3339)})
	if err == nil {
		err = s.addCardEnvIndex(ctx, sess.entry.ID, env.CardKey)
	}
	if err == nil {
		err = s.cfg.Secrets.Set(ctx, CardEnvKey(sess.entry.ID, env.CardKey), string(b))
	}
	if err != nil {
		// The error never holds a value: the keyring's errors are ours.
		s.log.Warn("keep a copy of the card's environment variables", "card", env.CardKey, "code", domain.ErrorCode(err))
	}
}

func (s *Service) cardEnvIndex(ctx context.Context, connectionID string) ([]string, error) {
	raw, err := s.cfg.Secrets.Get(ctx, cardEnvIndexKey(connectionID))
	if errors.Is(err, secrets.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var keys []string
	if err := json.Unmarshal([]byte(raw), &keys); err != nil {
		return nil, fmt.Errorf("read the card environment index: %w", err)
	}
	return keys, nil
}

func (s *Service) addCardEnvIndex(ctx context.Context, connectionID, cardKey string) error {
	cardEnvIndexMu.Lock()
	defer cardEnvIndexMu.Unlock()
	keys, err := s.cardEnvIndex(ctx, connectionID)
	if err != nil {
		return err
	}
	if slices.Contains(keys, cardKey) {
		return nil
	}
	b, err := json.Marshal(append(keys, cardKey))
	if err != nil {
		return fmt.Errorf("write the card environment index: %w", err)
	}
	return s.cfg.Secrets.Set(ctx, cardEnvIndexKey(connectionID), string(b))
}

// loadEnvCopy returns the keyring's copy of a card's environment
// variables, marked cached; offline is the error to return when there is
// none.
func (s *Service) loadEnvCopy(ctx context.Context, sess *session, cardKey string, offline error) (domain.CardEnv, error) {
	raw, err := s.cfg.Secrets.Get(ctx, CardEnvKey(sess.entry.ID, cardKey))
	switch {
	case errors.Is(err, secrets.ErrNotFound):
		return domain.CardEnv{}, domain.Wrap(offline, domain.CodeOffline,
			"Investec cannot be reached, and this card's environment variables have not been read on this computer yet. "+
				"Open the card once while connected.")
	case secrets.IsUnavailable(err):
		return domain.CardEnv{}, domain.Wrap(err, domain.CodeKeyring,
			"Investec cannot be reached, and the copy of this card's environment variables cannot be read: "+err.Error())
	case err != nil:
		return domain.CardEnv{}, fmt.Errorf("read the copy of the card's environment variables: %w", err)
	}
	var c envCopy
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		// Not err itself: what does not parse is secret.
		return domain.CardEnv{}, errors.New("read the copy of the card's environment variables: not valid JSON")
	}
	return domain.CardEnv{CardKey: cardKey, Variables: sortedEnv(c.Variables), UpdatedAt: c.UpdatedAt, Cached: true, CachedAt: c.KeptAt}, nil
}

// forgetCardEnvCopies deletes every copy of card environment variables kept
// for a connection, and their index.
func (s *Service) forgetCardEnvCopies(ctx context.Context, connectionID string) error {
	cardEnvIndexMu.Lock()
	defer cardEnvIndexMu.Unlock()
	keys, err := s.cardEnvIndex(ctx, connectionID)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := s.cfg.Secrets.Delete(ctx, CardEnvKey(connectionID, k)); err != nil {
			return err
		}
	}
	return s.cfg.Secrets.Delete(ctx, cardEnvIndexKey(connectionID))
}

// cachedCards returns the cached cards marked cached, with their cached
// accounts' names; offline is returned when the cache has none.
func (s *Service) cachedCards(ctx context.Context, sess *session, offline error) ([]domain.Card, error) {
	cards, err := sess.store.ListCachedCards(ctx)
	if err != nil {
		return nil, err
	}
	if len(cards) == 0 {
		return nil, investec.DomainError(offline)
	}
	names := s.accountNames(ctx, sess)
	for i := range cards {
		cards[i].Cached = true
		cards[i].AccountName = names[cards[i].AccountID]
	}
	return cards, nil
}

// accountNames maps the cached accounts' IDs to their names.
func (s *Service) accountNames(ctx context.Context, sess *session) map[string]string {
	names := map[string]string{}
	if accts, err := sess.store.ListAccounts(ctx); err == nil {
		for _, a := range accts {
			names[a.ID] = a.Name
		}
	}
	return names
}

// cachedCode answers CardCode from the local history: the newest saved and
// the newest published versions, marked cached. offline is returned when
// the history has neither.
func (s *Service) cachedCode(ctx context.Context, sess *session, cardKey string, offline error) (domain.CardCodeState, error) {
	list, err := sess.store.ListCodeVersions(ctx, cardKey, historyLimit)
	if err != nil {
		return domain.CardCodeState{}, err
	}
	st := domain.CardCodeState{CardKey: cardKey, Cached: true}
	var haveSaved, havePublished bool
	for _, v := range list { // newest first
		switch {
		case v.Kind == domain.CodeVersionSaved && !haveSaved:
			st.Saved, haveSaved = domain.CardCode{CodeID: v.CodeID, Code: v.Code, UpdatedAt: v.At}, true
		case v.Kind == domain.CodeVersionPublished && !havePublished:
			st.Published, havePublished = domain.CardCode{CodeID: v.CodeID, Code: v.Code, UpdatedAt: v.At, PublishedAt: v.At}, true
		}
	}
	if !haveSaved && !havePublished {
		return domain.CardCodeState{}, investec.DomainError(offline)
	}
	st.Differs = st.Saved.Code != st.Published.Code
	return st, nil
}

// cachedCard returns one card from the cache, for the offline emulator.
func (s *Service) cachedCard(ctx context.Context, sess *session, cardKey string, offline error) (domain.Card, error) {
	cards, err := sess.store.ListCachedCards(ctx)
	if err != nil {
		return domain.Card{}, err
	}
	i := slices.IndexFunc(cards, func(c domain.Card) bool { return c.Key == cardKey })
	if i < 0 {
		return domain.Card{}, domain.Wrap(offline, domain.CodeOffline,
			"Investec cannot be reached, and this card is not in the cache yet. Open the Cards view once while connected.")
	}
	return cards[i], nil
}
