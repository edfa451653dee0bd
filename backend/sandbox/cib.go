package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
)

// cibPageSize is how many transactions a CIB transactions page holds.
const cibPageSize = 100

// zeroTime is how the CIB API writes an absent date (.NET's
// DateTime.MinValue).
const zeroTime = "0001-01-01T00:00:00"

// cibTime writes a bank date the way the CIB API does: South African
// midnight in UTC, plus a second (2021-05-17T22:00:01Z for 18 May).
func cibTime(d day) string { return (d - 1).String() + "T22:00:01Z" }

func (s *Server) handleCIBAccounts(w http.ResponseWriter, r *http.Request, ss session) {
	type address struct {
		AddressLine1 string  `json:"AddressLine1"`
		AddressLine2 string  `json:"AddressLine2"`
		City         string  `json:"City"`
		Country      *string `json:"Country"`
		CountryCode  string  `json:"CountryCode,omitempty"`
	}
	s.mu.Lock()
	today := s.today()
	out := []map[string]any{}
	for _, a := range s.bank.accounts {
		if !ss.canSee(a) {
			continue
		}
		closing := a.opening
		if i := a.dayStart(today); i > 0 {
			closing = a.posted[i-1].balance
		}
		za := "South Africa"
		accountType, typeID, category := "Current Account", "1", "Transact"
		if a.interestBPS > 0 {
			accountType, typeID, category = "Call Account", "3", "Invest"
		}
		out = append(out, map[string]any{
			"AccountHolderAddress":              address{AddressLine1: "14 Fricker Road", AddressLine2: "Illovo", City: "Johannesburg", Country: &za, CountryCode: "ZA"},
			"RoutingBIC":                        "IVESZAJJ",
			"BankAccountProductType":            a.product,
			"CreditLastCycleToNextBusinessDate": zeroTime,
			"CustomerAccountType":               "",
			"DebitLastCycleToNextBusinessDate":  zeroTime,
			"DueDateOfPayment":                  zeroTime,
			"MinimumAmountLimit":                0,
			"NumberOfCardHolders":               0,
			"CreditLimit":                       0,
			"DebitAccountBankName":              "",
			"PendingTransactions":               len(a.pending),
			"Banks": map[string]any{
				"Name": "Investec South Africa", "ChipsUID": "", "Branch": []map[string]string{{"Number": "580105"}},
				"PostalAddress": address{AddressLine1: "100 Grayston drive", AddressLine2: "Sandown", City: "Sandton"},
			},
			"Currencies":                    map[string]string{"CurrencyCode": a.currency},
			"InterestDistribution":          "",
			"NoticesBalance":                0,
			"AccountOpenDate":               cibTime(s.bank.windowStart - 400),
			"CumulativeNoticesAmount":       0,
			"InstantAvailableNoticeBalance": 0,
			"MinimimAmountLimit":            0,
			"loggedOnUser": map[string]string{
				"UserFirstName": s.bank.cibUser[0], "UserLastName": s.bank.cibUser[1], "UserCompany": s.bank.cibCompany,
			},
			"NoticeInterestNominated":   0,
			"NoticeInterestBank":        "",
			"noticeInterestAccountName": "",
			"NoticeInterestAccount":     "",
			"PreviousStatementPeriod":   zeroTime,
			"DebitAccountNumber":        "",
			"DealReference":             "",
			"AutomaticPaymentOrder":     "0.00000",
			"BackOfficeCustomerCode":    "KHANYISAENGPTY",
			"AccountId":                 a.id,
			"AccountName":               a.name,
			"AccountFullName":           "",
			"AccountType":               accountType,
			"AccountTypeId":             typeID,
			"AccountNumber":             a.number,
			"AlternativeAccNo":          "",
			"ElectronicAccountNumber":   a.number,
			"Balances": map[string]any{
				"CapitalBalance": wireMoney(a.current()), "AvailableBalance": wireMoney(a.current() - a.holds(today)),
				"PrincipalAmount": 0, "ValueDate": cibTime(today), "ClosingBalance": wireMoney(closing), "PendingCardBalance": wireMoney(a.holds(today)),
			},
			"BackOfficeType": "",
			"Products":       map[string]any{"StartDate": zeroTime, "EndDate": zeroTime, "OverdraftLimit": wireMoney(a.facility), "MaxTransferLimit": 0},
			"Description":    a.reference,
			"OwnerType":      "1",
			"Interests": map[string]any{
				"Amount": 0, "Rate": 0, "RateMaturity": 0, "RateCredit": rateFraction(a.interestBPS), "RateDebit": 0,
				"AccruedCreditInterest": 0, "AccruedDebitInterest": 0,
			},
			"ActiveFlag":         "Y",
			"NickName":           a.reference,
			"CreatedDate":        cibTime(s.bank.windowStart - 401),
			"ModifiedDate":       zeroTime,
			"MaturityAmount":     0,
			"StatementFrequency": "Monthly",
			"StatementNumber":    "",
			"StatementDay":       "0",
			"StatementMonth":     "",
			"EmailAddress":       "",
			"Category":           category,
			"LinkedAccount":      "",
			"AccountFormat":      "99",
		})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: map[string]any{"accounts": out}, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// rateFraction writes basis points as a JSON number fraction (720 → 0.072)
// without a float.
type rateFraction int64

// MarshalJSON implements json.Marshaler.
func (r rateFraction) MarshalJSON() ([]byte, error) {
	if r == 0 {
		return []byte("0"), nil
	}
	s := fmt.Sprintf("%d.%04d", r/10000, r%10000)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return []byte(s), nil
}

// handleCIBTransactions serves one page (100 rows) of a CIB account's
// posted transactions with a posting date in [fromDate, toDate], oldest first;
// meta.totalPages says how many pages the window has. Amounts are signed:
// debits are negative.
func (s *Server) handleCIBTransactions(w http.ResponseWriter, r *http.Request, ss session) {
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	from, to, ok := parseWindow(w, r, today, 180)
	if !ok {
		s.mu.Unlock()
		return
	}
	page := 1
	if v := r.URL.Query().Get("page"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 {
			s.mu.Unlock()
			writeBareString(w, http.StatusBadRequest, "The value '"+v+"' is not valid for page.")
			return
		}
		page = p
	}
	var rows []txn
	if from <= to {
		rows = a.posted[a.dayStart(from):a.dayEnd(to)]
	}
	total := max(1, (len(rows)+cibPageSize-1)/cibPageSize)
	lo := min(len(rows), (page-1)*cibPageSize)
	hi := min(len(rows), lo+cibPageSize)
	page1 := append([]txn(nil), rows[lo:hi]...)
	strs := s.bank.strs
	s.mu.Unlock()

	b := []byte(`{"data":{"transactions":[`)
	for i := range page1 {
		t := &page1[i]
		if i > 0 {
			b = append(b, ',')
		}
		desc := htmlEscape(strs[t.desc])
		code := "284"
		if !t.credit {
			code = "412"
		}
		txID := t.posting.compact() + fmt.Sprintf("%013d", t.order)
		b = append(b, `{"AccountName":`...)
		b = appendJSONString(b, a.name)
		b = append(b, `,"TransactionCode":"`...)
		b = append(b, code...)
		b = append(b, `","TransactionStatus":"approved","InvestmentDate":"0001-01-01T00:00:00","InvestmentName":null,"InvestmentStatus":null,"RemainingTerm":null,"InvestmentAmount":null,"StatementId":"`...)
		b = append(b, t.posting.compact()[:6]...)
		b = append(b, `","InstantAccessBalance":null,"BranchCode":null,"AccountNumber":null,"DistributionAccount":null,"AccountType":null,"PostDate":"`...)
		b = append(b, cibTime(t.posting)...)
		b = append(b, `","Interest":null,"AccruedInterest":null,"MaturityDate":"0001-01-01T00:00:00","BankName":null,"CustomerReferenceId":"","BackOfficeReferenceId":"","CardNumber":"Internal-Live","TransactionId":"`...)
		b = append(b, txID...)
		b = append(b, `","Reference":`...)
		b = appendJSONString(b, desc)
		b = append(b, `,"Beneficiaries":{"LinkList":null,"Entities":{"EntityName":`...)
		b = appendJSONString(b, desc)
		b = append(b, `}},"Description":`...)
		b = appendJSONString(b, desc)
		b = append(b, `,"Accounts":{"AccountId":`...)
		b = append(b, a.id...)
		b = append(b, `,"AccountNumber":`...)
		b = appendJSONString(b, a.number)
		b = append(b, `},"Currencies":{"CurrencyCode":"`...)
		b = append(b, a.currency...)
		b = append(b, `"},"CaptureDate":"`...)
		b = append(b, cibTime(t.txDate)...)
		b = append(b, `","ValueDate":"`...)
		b = append(b, cibTime(t.value)...)
		b = append(b, `","CardHolderName":"","AutoForwardProcessingDate":false,"Amount":`...)
		b = appendMoney(b, t.signed())
		b = append(b, `,"Reference_1":`...)
		b = appendJSONString(b, t.kind.String())
		b = append(b, `,"Reference_2":"","Reference_3":`...)
		b = appendJSONString(b, desc)
		b = append(b, `,"Reference_4":null,"Reference_5":null,"Reference_6":null,"Reference_7":null,"Reference_8":"`...)
		b = strconv.AppendInt(b, int64(t.order%1000), 10)
		b = append(b, `","Reference_9":"","Reference_10":"","RunningBalance":`...)
		b = appendMoney(b, t.balance)
		b = append(b, '}')
	}
	b = append(b, `]},"links":{"self":`...)
	b = appendJSONString(b, *selfLink(r).Self)
	b = append(b, `},"meta":{"totalPages":`...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `}}`...)
	writeRaw(w, http.StatusOK, "application/json; charset=utf-8", b)
}
