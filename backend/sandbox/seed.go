package sandbox

import (
	"encoding/base64"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Indexes of the seeded accounts in Server.accounts.
const (
	acctPBA      = iota // Thandi's Private Bank Account
	acctSaver           // Thandi's PrimeSaver
	acctCash            // Thandi's Cash Management Account
	acctBusiness        // Mokoena Design Studio's Private Bank Account
	acctCIBMain         // Khanyisa Engineering's CIB business account
	acctCIBCall         // Khanyisa Engineering's CIB call account
	numAccounts
)

// Indexes of the seeded profiles.
const (
	profThandi = iota
	profStudio
)

// Indexes into cardNumbers, as transactions show card numbers.
const (
	cardNone uint16 = iota
	cardThandi
	cardStudio
)

// world is the seeded, immutable-at-birth description of the bank: who the
// customer is, her accounts, payees and cards. It depends only on the seed.
type world struct {
	profiles      []profile
	accounts      []*account
	beneficiaries []*beneficiary
	authorisersA  []authoriser
	authorisersB  []authoriser
	cards         []*card
	cardNumbers   []string // masked with lower-case x, as transactions show them; [0] = ""
	cibCompany    string
	cibUser       [2]string
}

// digits returns n random decimal digits, the first non-zero.
func digits(r *rand.Rand, n int) string {
	const dec = "0123456789"
	b := make([]byte, n)
	b[0] = dec[1+r.IntN(9)]
	for i := 1; i < n; i++ {
		b[i] = dec[r.IntN(10)]
	}
	return string(b)
}

// newWorld builds the customer, accounts, payees and cards for seed. Every
// identifier is drawn from the seed, so two sandboxes with the same seed
// describe the same bank.
func newWorld(seed int64) *world {
	r := newSeedRand(seed, 0x1D5)
	w := &world{}

	// Profile and account identifiers look like Investec's: a 14-digit
	// profile id and 25-digit account ids that share a prefix per customer.
	thandi := digits(r, 14)
	studio := digits(r, 14)
	w.profiles = []profile{
		{id: thandi, name: "Thandi Mokoena", isDefault: true},
		{id: studio, name: "Mokoena Design Studio (Pty) Ltd"},
	}
	prefix := digits(r, 11)
	acctID := func() string { return prefix + digits(r, 14) }

	w.accounts = make([]*account, numAccounts)
	w.accounts[acctPBA] = &account{
		id: acctID(), number: "100" + digits(r, 8), name: "Ms T Mokoena", reference: "Thandi's Everyday",
		product: "Private Bank Account", profile: profThandi, facility: 7500000, opening: 5843217,
		statementDD: 16, interestBPS: 150, currency: "ZAR",
	}
	w.accounts[acctSaver] = &account{
		id: acctID(), number: "100" + digits(r, 8), name: "Ms T Mokoena", reference: "Rainy Day Fund",
		product: "PrimeSaver", profile: profThandi, opening: 6512040,
		statementDD: 16, interestBPS: 710, currency: "ZAR",
	}
	w.accounts[acctCash] = &account{
		id: acctID(), number: "100" + digits(r, 8), name: "Ms T Mokoena", reference: "Tax & Travel",
		product: "Cash Management Account", profile: profThandi, opening: 4100000,
		statementDD: 16, interestBPS: 690, currency: "ZAR",
	}
	w.accounts[acctBusiness] = &account{
		id: acctID(), number: "100" + digits(r, 8), name: "Mokoena Design Studio (Pty) Ltd", reference: "Studio Operating",
		product: "Private Bank Account", profile: profStudio, facility: 15000000, opening: 18250000,
		statementDD: 1, dualAuth: true, interestBPS: 100, currency: "ZAR",
	}
	cibMain := "13002" + digits(r, 8)
	cibCall := "13002" + digits(r, 8)
	w.accounts[acctCIBMain] = &account{
		id: strconv.Itoa(4000 + r.IntN(900)), number: cibMain, name: "ZAR " + cibMain + " Investec Business Account",
		reference: "KHANYISA ENGINEERING (PTY) LTD", product: "Investec Business Account", profile: -1, cib: true,
		opening: 412530000, currency: "ZAR",
	}
	w.accounts[acctCIBCall] = &account{
		id: strconv.Itoa(5000 + r.IntN(900)), number: cibCall, name: "ZAR " + cibCall + " Call Account",
		reference: "KHANYISA ENGINEERING (PTY) LTD", product: "Call Account", profile: -1, cib: true,
		opening: 1250000000, interestBPS: 720, currency: "ZAR",
	}
	w.cibCompany = "Khanyisa Engineering (Pty) Ltd"
	w.cibUser = [2]string{"Thandi", "Mokoena"}
	for i, a := range w.accounts {
		// Order numbers per account start somewhere in the thousands, as the
		// recorded sandbox data does (11049, 11050, ...).
		a.nextOrder = 1000 + r.Int32N(9000) + int32(i)
	}

	// Beneficiary categories are per profile; "Not Categorised" is the
	// default everyone has.
	catID := func() string { return digits(r, 14) }
	w.profiles[profThandi].categories = []category{
		{id: catID(), name: "Not Categorised", isDefault: true},
		{id: catID(), name: "Household"},
		{id: catID(), name: "Family"},
		{id: catID(), name: "Municipal & Tax"},
	}
	w.profiles[profStudio].categories = []category{
		{id: catID(), name: "Not Categorised", isDefault: true},
		{id: catID(), name: "Staff"},
		{id: catID(), name: "Suppliers"},
		{id: catID(), name: "SARS"},
	}

	benID := func() string { return base64.StdEncoding.EncodeToString([]byte(digits(r, 14))) }
	w.beneficiaries = []*beneficiary{
		{id: benID(), accountNumber: digits(r, 9), code: "250655", bank: "FIRST NATIONAL BANK", beneficiaryName: "GRACE NDLOVU", name: "Grace Ndlovu",
			referenceAccount: "WAGES", referenceName: "Grace - wages", cellNo: "0825550142", categoryIdx: 1, profile: profThandi, fasterPayment: true},
		{id: benID(), accountNumber: digits(r, 10), code: "470010", bank: "CAPITEC BANK", beneficiaryName: "NOMSA MOKOENA", name: "Mama",
			referenceAccount: "LOVE THANDI", referenceName: "Mama", cellNo: "0725550198", email: "nomsa.mokoena@example.co.za", categoryIdx: 2, profile: profThandi, fasterPayment: true},
		{id: benID(), accountNumber: digits(r, 9), code: "632005", bank: "ABSA BANK", beneficiaryName: "SIPHO DLAMINI", name: "Sipho Dlamini",
			referenceAccount: "THANDI M", referenceName: "Sipho", categoryIdx: 0, profile: profThandi},
		{id: benID(), accountNumber: digits(r, 10), code: "198765", bank: "NEDBANK", beneficiaryName: "GREENSIDE VILLAS BODY CORPORATE", name: "Body Corporate",
			referenceAccount: "UNIT 14", referenceName: "Levies unit 14", categoryIdx: 1, profile: profThandi},
		{id: benID(), accountNumber: digits(r, 10), code: "678910", bank: "TYMEBANK", beneficiaryName: "LERATO KHUMALO", name: "Lerato Khumalo",
			referenceAccount: "BOOK CLUB", referenceName: "Lerato", cellNo: "0835550177", categoryIdx: 0, profile: profThandi, fasterPayment: true},
		{id: benID(), accountNumber: digits(r, 11), code: "051001", bank: "STANDARD BANK", beneficiaryName: "CITY OF JOHANNESBURG", name: "City of Johannesburg",
			referenceAccount: digits(r, 9), referenceName: "Rates and utilities", categoryIdx: 3, profile: profThandi, approvedCategory: "Municipalities"},
		{id: benID(), accountNumber: digits(r, 11), code: "051001", bank: "STANDARD BANK", beneficiaryName: "SARS EFILING", name: "SARS Provisional Tax",
			referenceAccount: digits(r, 10), referenceName: "Provisional tax", categoryIdx: 3, profile: profThandi},
		{id: benID(), accountNumber: digits(r, 9), code: "250655", bank: "FIRST NATIONAL BANK", beneficiaryName: "KAGISO MOLEFE", name: "Kagiso Molefe",
			referenceAccount: "SALARY", referenceName: "Kagiso salary", cellNo: "0615550133", email: "kagiso@mokoenadesign.example.co.za", categoryIdx: 1, profile: profStudio, fasterPayment: true},
		{id: benID(), accountNumber: digits(r, 10), code: "632005", bank: "ABSA BANK", beneficiaryName: "AYESHA PATEL", name: "Ayesha Patel",
			referenceAccount: "SALARY", referenceName: "Ayesha salary", email: "ayesha@mokoenadesign.example.co.za", categoryIdx: 1, profile: profStudio},
		{id: benID(), accountNumber: digits(r, 11), code: "051001", bank: "STANDARD BANK", beneficiaryName: "SARS VAT", name: "SARS VAT",
			referenceAccount: "4" + digits(r, 9), referenceName: "VAT201", categoryIdx: 3, profile: profStudio},
		{id: benID(), accountNumber: digits(r, 10), code: "198765", bank: "NEDBANK", beneficiaryName: "GREENSIDE OFFICE PARK", name: "Office rent",
			referenceAccount: "SUITE 3", referenceName: "Rent suite 3", categoryIdx: 2, profile: profStudio},
	}

	w.authorisersA = []authoriser{
		{id: authID(r), name: "Ms T Mokoena"},
		{id: authID(r), name: "Mr S Mokoena"},
		{id: authID(r), name: "All"},
	}
	w.authorisersB = []authoriser{
		{id: authID(r), name: "Ms A Patel"},
		{id: authID(r), name: "Mr K Molefe"},
		{id: authID(r), name: "All"},
	}

	last4 := func() string { return digits(r, 4) }
	thandiLast, studioLast := last4(), last4()
	w.cardNumbers = []string{"", "402167xxxxxx" + thandiLast, "402167xxxxxx" + studioLast}
	w.cards = []*card{
		{key: digits(r, 7), number: "402167XXXXXX" + thandiLast, txnNumber: cardThandi, account: acctPBA, typeCode: "VGC",
			embossName: "MS T MOKOENA", embossName2: "", enabled: true,
			pan: "402167" + digits(r, 6) + thandiLast, cvv: digits(r, 3), expiry: "09/29"},
		{key: digits(r, 7), number: "402167XXXXXX" + studioLast, txnNumber: cardStudio, account: acctBusiness, typeCode: "VBC",
			embossName: "MOKOENA DESIGN STUDIO", embossName2: "ONLINE SUBSCRIPTIONS", virtual: true, enabled: true,
			pan: "402167" + digits(r, 6) + studioLast, cvv: digits(r, 3), expiry: "03/28"},
	}
	return w
}

// authID returns an authoriser id like Investec's: 16 random bytes in
// base64.
func authID(r *rand.Rand) string {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint64(b, r.Uint64())
	binary.LittleEndian.PutUint64(b[8:], r.Uint64())
	return base64.StdEncoding.EncodeToString(b)
}

// newSeedRand returns a deterministic random source for one purpose of a
// seed.
func newSeedRand(seed int64, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), salt)) //nolint:gosec // G404: deterministic demo data
}

// guid returns an upper-case GUID drawn from r, as Investec writes codeId
// and executionId values.
func guid(r *rand.Rand) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < 32; i++ {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b.WriteByte('-')
		}
		b.WriteByte(hex[r.IntN(16)])
	}
	return b.String()
}
