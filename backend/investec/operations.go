package investec

import (
	"net/http"
	"strings"
)

// Operation ties one operation of Investec's OpenAPI files to the client
// method that calls it and the scopes it needs.
type Operation struct {
	// Spec is the OpenAPI file the operation comes from.
	Spec string
	// OperationID is the operationId in that file.
	OperationID string
	// Method is the HTTP method.
	Method string
	// Path is the path template as the API serves it.
	Path string
	// SpecPath is the path key exactly as written in the spec, when it
	// differs from Path (the CIB file puts a query string in its key).
	SpecPath string
	// ClientMethod is the name of the *Client method for the operation.
	ClientMethod string
	// Scopes are the OAuth2 scopes that allow the call (any one of them).
	Scopes []string
}

// The OpenAPI files the Operations table covers.
const (
	SpecPrivateBanking = "sa-pb-account-information.json"
	SpecCardCode       = "sa-card-code.json"
	SpecCIB            = "sa-cib-account-information.json"
)

// Operations lists every path and method of sa-pb-account-information.json
// and sa-card-code.json, and the CIB accounts and transactions operations of
// sa-cib-account-information.json, with the client method for each.
var Operations = []Operation{
	// Private Banking: accounts, balances, transactions.
	{Spec: SpecPrivateBanking, OperationID: "accounts", Method: http.MethodGet, Path: "/za/pb/v1/accounts", ClientMethod: "ListAccounts", Scopes: []string{ScopeAccounts}},
	{Spec: SpecPrivateBanking, OperationID: "balance", Method: http.MethodGet, Path: "/za/pb/v1/accounts/{accountId}/balance", ClientMethod: "GetBalance", Scopes: []string{ScopeBalances}},
	{Spec: SpecPrivateBanking, OperationID: "accountsTransactions", Method: http.MethodGet, Path: "/za/pb/v1/accounts/{accountId}/transactions", ClientMethod: "ListTransactions", Scopes: []string{ScopeTransactions}},
	{Spec: SpecPrivateBanking, OperationID: "accountsPendingTransactions", Method: http.MethodGet, Path: "/za/pb/v1/accounts/{accountId}/pending-transactions", ClientMethod: "ListPendingTransactions", Scopes: []string{ScopeTransactions}},
	// Private Banking: transfers and payments.
	{Spec: SpecPrivateBanking, OperationID: "transfer", Method: http.MethodPost, Path: "/za/pb/v1/accounts/transfermultiple", ClientMethod: "TransferMultipleV1", Scopes: []string{ScopeTransfers}},
	{Spec: SpecPrivateBanking, OperationID: "transferv2", Method: http.MethodPost, Path: "/za/pb/v1/accounts/{accountId}/transfermultiple", ClientMethod: "TransferMultiple", Scopes: []string{ScopeTransfers}},
	{Spec: SpecPrivateBanking, OperationID: "payBeneficiary", Method: http.MethodPost, Path: "/za/pb/v1/accounts/{accountId}/paymultiple", ClientMethod: "PayMultiple", Scopes: []string{ScopeBeneficiaryPayments}},
	// Private Banking: beneficiaries.
	{Spec: SpecPrivateBanking, OperationID: "beneficiaries", Method: http.MethodGet, Path: "/za/pb/v1/accounts/beneficiaries", ClientMethod: "ListBeneficiaries", Scopes: []string{ScopeBeneficiaryPayments}},
	{Spec: SpecPrivateBanking, OperationID: "beneficiaryCategories", Method: http.MethodGet, Path: "/za/pb/v1/accounts/beneficiarycategories", ClientMethod: "ListBeneficiaryCategories", Scopes: []string{ScopeBeneficiaryPayments}},
	// Private Banking: profiles.
	{Spec: SpecPrivateBanking, OperationID: "profiles", Method: http.MethodGet, Path: "/za/pb/v1/profiles", ClientMethod: "ListProfiles", Scopes: []string{ScopeAccounts}},
	{Spec: SpecPrivateBanking, OperationID: "profileaccounts", Method: http.MethodGet, Path: "/za/pb/v1/profiles/{profileid}/accounts", ClientMethod: "ListProfileAccounts", Scopes: []string{ScopeAccounts}},
	{Spec: SpecPrivateBanking, OperationID: "authorisationsetupdetails", Method: http.MethodGet, Path: "/za/pb/v1/profiles/{profileid}/accounts/{accountid}/authorisationsetupdetails", ClientMethod: "GetAuthorisationSetup", Scopes: []string{ScopeAccounts}},
	{Spec: SpecPrivateBanking, OperationID: "profilebenefiaries", Method: http.MethodGet, Path: "/za/pb/v1/profiles/{profileid}/accounts/{accountid}/beneficiaries", ClientMethod: "ListProfileBeneficiaries", Scopes: []string{ScopeAccounts}},
	// Private Banking: documents.
	{Spec: SpecPrivateBanking, OperationID: "documents", Method: http.MethodGet, Path: "/za/pb/v1/accounts/{accountId}/documents", ClientMethod: "ListDocuments", Scopes: []string{ScopeDocumentsStatements, ScopeDocumentsTaxCertificates}},
	{Spec: SpecPrivateBanking, OperationID: "document", Method: http.MethodGet, Path: "/za/pb/v1/accounts/{accountId}/document/{documentType}/{documentDate}", ClientMethod: "GetDocument", Scopes: []string{ScopeDocumentsStatements, ScopeDocumentsTaxCertificates}},

	// Card code: cards.
	{Spec: SpecCardCode, OperationID: "GetCards", Method: http.MethodGet, Path: "/za/v1/cards", ClientMethod: "ListCards", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "CreateVirtualCard", Method: http.MethodPost, Path: "/za/v1/cards", ClientMethod: "CreateVirtualCard", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetCardDetail", Method: http.MethodGet, Path: "/za/v1/cards/{cardKey}", ClientMethod: "GetCardDetail", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetCardDetailSensitive", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}", ClientMethod: "GetCardDetailSensitive", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "CardsToggleNew", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}/toggle-programmable-feature", ClientMethod: "ToggleProgrammableFeature", Scopes: []string{ScopeCards}},
	// Card code: code, executions, environment variables.
	{Spec: SpecCardCode, OperationID: "GetFunctionCode", Method: http.MethodGet, Path: "/za/v1/cards/{cardKey}/code", ClientMethod: "GetSavedCode", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "UpdateFunctionCode", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}/code", ClientMethod: "SaveCode", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetPublishedCode", Method: http.MethodGet, Path: "/za/v1/cards/{cardKey}/publishedcode", ClientMethod: "GetPublishedCode", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "PublishFunctionCode", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}/publish", ClientMethod: "PublishCode", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "ExecuteFunctionCode", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}/code/execute", ClientMethod: "ExecuteCode", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetFunctionExecutions", Method: http.MethodGet, Path: "/za/v1/cards/{cardKey}/code/executions", ClientMethod: "ListExecutions", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetFunctionEnvironmentVariables", Method: http.MethodGet, Path: "/za/v1/cards/{cardKey}/environmentvariables", ClientMethod: "GetEnvironmentVariables", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "UpdateFunctionEnvironmentVariables", Method: http.MethodPost, Path: "/za/v1/cards/{cardKey}/environmentvariables", ClientMethod: "ReplaceEnvironmentVariables", Scopes: []string{ScopeCards}},
	// Card code: reference data.
	{Spec: SpecCardCode, OperationID: "GetCountries", Method: http.MethodGet, Path: "/za/v1/cards/countries", ClientMethod: "ListCountries", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetCurrencies", Method: http.MethodGet, Path: "/za/v1/cards/currencies", ClientMethod: "ListCurrencies", Scopes: []string{ScopeCards}},
	{Spec: SpecCardCode, OperationID: "GetMerchants", Method: http.MethodGet, Path: "/za/v1/cards/merchants", ClientMethod: "ListMerchants", Scopes: []string{ScopeCards}},

	// Business banking (CIB): accounts and transactions. CIB keys offer
	// "account name and number" and "transactions" permissions.
	{Spec: SpecCIB, OperationID: "Accounts", Method: http.MethodGet, Path: "/za/bb/v1/accounts", ClientMethod: "ListCIBAccounts", Scopes: []string{ScopeAccounts}},
	{
		Spec: SpecCIB, OperationID: "AccountsTransactions", Method: http.MethodGet,
		Path:         "/za/bb/v1/accounts/{accountId}/transactions",
		SpecPath:     "/za/bb/v1/accounts/{accountId}/transactions?fromDate={fromDate}&toDate={toDate}&page=1",
		ClientMethod: "ListCIBTransactionsPage", Scopes: []string{ScopeTransactions},
	},
}

// scopesFor returns the scopes of the operation that serves method and an
// escaped API path, or nil if no operation matches. Where two templates
// match (/za/v1/cards/countries and /za/v1/cards/{cardKey}), the one with
// more literal segments wins.
func scopesFor(method, path string) []string {
	if op, ok := matchOperation(method, path); ok {
		return op.Scopes
	}
	return nil
}

func matchOperation(method, path string) (Operation, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestScore := Operation{}, -1
	for _, op := range Operations {
		if op.Method != method {
			continue
		}
		tmpl := strings.Split(strings.Trim(op.Path, "/"), "/")
		if len(tmpl) != len(segs) {
			continue
		}
		score := 0
		for i, t := range tmpl {
			if strings.HasPrefix(t, "{") {
				continue
			}
			if t != segs[i] {
				score = -1
				break
			}
			score++
		}
		if score > bestScore {
			best, bestScore = op, score
		}
	}
	return best, bestScore >= 0
}
