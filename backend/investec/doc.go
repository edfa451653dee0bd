// Package investec is a typed client for Investec South Africa's
// Programmable Banking API: Private Banking accounts, transactions,
// beneficiaries, transfers, payments and documents (/za/pb/v1), programmable
// card code (/za/v1/cards) and the business-banking (CIB) accounts and
// transactions (/za/bb/v1).
//
// The client follows google/go-github: NewClient with functional options,
// one method per API operation with ctx first, typed request and response
// structs, and typed errors (see errors.go).
//
// Three rules shape the implementation:
//
//   - Money is exact. Amounts are decoded from the raw JSON token into
//     domain.Money (integer cents) without ever passing through a float
//     (see Amount), and requests send amounts as decimal strings in rands.
//   - Secrets never leak. The client ID, client secret, API key and access
//     tokens never appear in an error, a log line or a formatted value
//     (Credentials and *Client redact themselves).
//   - Money movement is never sent twice. Only GET requests are retried
//     automatically. A POST is repeated in exactly one case: a 401 from the
//     API gateway, which means the request was refused before it was
//     processed, is answered by fetching a new token and sending the request
//     once more. Any POST whose outcome cannot be known (timeout, dropped
//     connection, 5xx) returns *UnknownOutcomeError.
//
// Where the live API is known to differ from the OpenAPI files (see
// /work/shared/docs/investec-api.md), the decoders accept both shapes.
package investec
