// Package sandbox is a faithful, in-process imitation of Investec's
// Programmable Banking API, so the app runs fully without an Investec
// account ("Explore with demo data") and every test runs against real HTTP.
//
// It serves, with the live API's paths, envelopes, field names and quirks:
//
//   - POST /identity/v2/oauth2/token (client credentials; Investec's
//     published PB and CIB sandbox keys plus any Options.Keys)
//   - every Private Banking operation under /za/pb/v1 (accounts, balances,
//     transactions with includePending, pending transactions, profiles,
//     authorisation setup, beneficiaries and categories, transfers v1 and
//     v2, payments, documents with real PDF files)
//   - every card-code operation under /za/v1/cards (cards, virtual cards,
//     encrypted card details, saved and published code, execute through
//     backend/cardcode, executions, environment variables, toggle,
//     reference data)
//   - the CIB accounts and paged transactions under /za/bb/v1.
//
// The bank is generated from a seed: Thandi Mokoena's Private Bank Account,
// PrimeSaver and Cash Management Account, her company's Private Bank
// Account with dual authorisation, and a CIB company, with two years of
// realistic South African transactions up to the server clock's today.
// History is a pure function of the seed, the start date, the clock and
// what the user did: advancing Options.Now makes pending card purchases
// post. Amounts are integer cents inside and exact JSON number tokens on
// the wire.
//
// What a user does (transfers, payments, card code, ...) is kept in
// Options.StatePath, if set, and replayed on the next start. Faults
// switches rate limits, errors, delays, truncated bodies and dropped
// connections on for tests, and the hook methods (AddPosted, AddPending,
// PostPending, Backdate, ReorderDay, ShiftPostedOrders, AddTwins, Remove)
// change the bank under a client the way a real bank does.
package sandbox
