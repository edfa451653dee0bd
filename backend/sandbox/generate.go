package sandbox

import (
	"math/rand/v2"
	"time"
)

// historyDays is how far back the seeded history reaches before the start
// date: two years.
const historyDays = 730

// merchant is a place a card is used. Descriptor is what the bank statement
// shows (at most 40 characters once HTML-escaped); Name, City, MCC and
// Country are what card code sees in the authorization.
type merchant struct {
	descriptor string
	name       string
	city       string
	mcc        string
	country    string
	min, max   int64 // amount range in cents
	weight     int
}

// personalMerchants are where Thandi shops, weighted by how often.
var personalMerchants = []merchant{
	{"WOOLWORTHS SANDTON CITY JOHANNESBURG ZA", "Woolworths Sandton City", "Johannesburg", "5411", "ZA", 8500, 115000, 14},
	{"PICK N PAY ROSEBANK JOHANNESBURG ZA", "Pick n Pay Rosebank", "Johannesburg", "5411", "ZA", 6000, 98000, 12},
	{"CHECKERS HYPER FOURWAYS SANDTON ZA", "Checkers Hyper Fourways", "Sandton", "5411", "ZA", 18000, 145000, 8},
	{"CHECKERS SIXTY60 JOHANNESBURG ZA", "Checkers Sixty60", "Johannesburg", "5411", "ZA", 12000, 85000, 5},
	{"SPAR GREENSIDE JOHANNESBURG ZA", "Spar Greenside", "Johannesburg", "5411", "ZA", 4000, 42000, 5},
	{"ENGEN RIVONIA 1-STOP SANDTON ZA", "Engen Rivonia 1-Stop", "Sandton", "5541", "ZA", 45000, 115000, 6},
	{"SHELL ULTRA CITY MIDRAND ZA", "Shell Ultra City", "Midrand", "5541", "ZA", 30000, 110000, 3},
	{"UBER *TRIP HELP.UBER.COM ZA", "Uber Trip", "Johannesburg", "4121", "ZA", 4200, 26000, 9},
	{"UBER EATS JOHANNESBURG ZA", "Uber Eats", "Johannesburg", "5814", "ZA", 9500, 42000, 5},
	{"TAKEALOT.COM CAPE TOWN ZA", "Takealot.com", "Cape Town", "5399", "ZA", 14900, 249900, 4},
	{"VIDA E CAFFÈ ROSEBANK JOHANNESBURG ZA", "Vida e Caffè Rosebank", "Johannesburg", "5814", "ZA", 3200, 9500, 10},
	{"GINO'S RESTAURANT & BAR", "Gino's Restaurant & Bar", "Sandton", "5812", "ZA", 38000, 165000, 3},
	{"DIS-CHEM MELROSE ARCH JOHANNESBURG ZA", "Dis-Chem Melrose Arch", "Johannesburg", "5912", "ZA", 6500, 89000, 4},
	{"CLICKS ROSEBANK JOHANNESBURG ZA", "Clicks Rosebank", "Johannesburg", "5912", "ZA", 4500, 52000, 4},
	{"MR PRICE ROSEBANK JOHANNESBURG ZA", "Mr Price Rosebank", "Johannesburg", "5651", "ZA", 9900, 120000, 3},
	{"MCDONALD'S RIVONIA SANDTON ZA", "McDonald's Rivonia", "Sandton", "5814", "ZA", 5900, 18900, 3},
	{"NANDO'S GREENSIDE JOHANNESBURG ZA", "Nando's Greenside", "Johannesburg", "5812", "ZA", 12000, 48000, 3},
	{"KAUAI ROSEBANK JOHANNESBURG ZA", "Kauai Rosebank", "Johannesburg", "5814", "ZA", 7500, 16000, 3},
	{"EXCLUSIVE BOOKS HYDE PARK ZA", "Exclusive Books Hyde Park", "Johannesburg", "5942", "ZA", 18000, 65000, 1},
	{"COMPUTICKET ONLINE ZA", "Computicket", "Johannesburg", "7922", "ZA", 15000, 90000, 1},
	{"BOOKING.COM AMSTERDAM NL", "Booking.com", "Amsterdam", "4722", "NL", 120000, 450000, 1},
}

// studioMerchants are where the studio's virtual card is used.
var studioMerchants = []merchant{
	{"TAKEALOT.COM CAPE TOWN ZA", "Takealot.com", "Cape Town", "5399", "ZA", 19900, 450000, 4},
	{"MAKRO WOODMEAD SANDTON ZA", "Makro Woodmead", "Sandton", "5300", "ZA", 45000, 480000, 3},
	{"POSTNET ROSEBANK JOHANNESBURG ZA", "PostNet Rosebank", "Johannesburg", "4215", "ZA", 8500, 45000, 3},
	{"VIDA E CAFFÈ ROSEBANK JOHANNESBURG ZA", "Vida e Caffè Rosebank", "Johannesburg", "5814", "ZA", 3200, 18000, 4},
	{"UBER *TRIP HELP.UBER.COM ZA", "Uber Trip", "Johannesburg", "4121", "ZA", 4200, 26000, 3},
	{"INCREDIBLE CONNECTION SANDTON ZA", "Incredible Connection", "Sandton", "5732", "ZA", 35000, 650000, 1},
}

// Recurring card subscriptions: charged on a fixed day of the month.
var (
	netflix   = merchant{"NETFLIX.COM LOS GATOS US", "Netflix.com", "Los Gatos", "4899", "US", 19900, 19900, 0}
	spotify   = merchant{"SPOTIFY STOCKHOLM SE", "Spotify", "Stockholm", "5815", "SE", 6999, 6999, 0}
	appleBill = merchant{"APPLE.COM/BILL CORK IE", "Apple.com/bill", "Cork", "5818", "IE", 4999, 4999, 0}
	adobe     = merchant{"ADOBE *CREATIVE CLOUD DUBLIN IE", "Adobe Creative Cloud", "Dublin", "5818", "IE", 119900, 119900, 0}
	workspace = merchant{"GOOGLE *WORKSPACE DUBLIN IE", "Google Workspace", "Dublin", "5818", "IE", 72000, 72000, 0}
	aws       = merchant{"AWS EMEA AWS.AMAZON.CO LU", "AWS EMEA", "Luxembourg", "7372", "LU", 54000, 185000, 0}
	canva     = merchant{"CANVA* PRO SYDNEY AU", "Canva", "Sydney", "5818", "AU", 34900, 34900, 0}
	// betting is only ever declined by the seeded card code.
	betting = merchant{"HOLLYWOODBETS DURBAN ZA", "Hollywoodbets", "Durban", "7995", "ZA", 20000, 50000, 0}
	// yoco is the card-machine payout the scaled (benchmark) history uses.
	yocoPayout = "YOCO PAYOUT MOKOENA DESIGN"
)

// merchantByDescriptor finds the merchant behind a statement descriptor,
// for linking card executions to card purchases.
var merchantByDescriptor = func() map[string]*merchant {
	m := map[string]*merchant{}
	for _, list := range [][]merchant{personalMerchants, studioMerchants} {
		for i := range list {
			m[list[i].descriptor] = &list[i]
		}
	}
	for _, x := range []*merchant{&netflix, &spotify, &appleBill, &adobe, &workspace, &aws, &canva} {
		m[x.descriptor] = x
	}
	return m
}()

// event is one generated bank event before it is posted: a row in one
// account's ledger.
type event struct {
	acct   int
	kind   txType
	credit bool
	desc   string
	card   uint16
	amount int64
	delay  day // days from transaction date to posting date
	benef  int // beneficiary index + 1 for payments (0 = none)
}

// generator produces the bank's history one day at a time. The events of a
// day depend only on the seed, the date and (for interest) the balances at
// the end of the previous day, so the history is a pure function of the
// seed, the start date, the clock and what the user did.
type generator struct {
	seed int64
	// extras returns how many scaled-history rows to add on d.
	extras func(d day) int
	// balance returns an account's balance at the end of the previous day.
	balance func(acct int) int64
	// rates are the accounts' credit interest rates in basis points a year.
	rates [numAccounts]int64
}

// rng returns the random source for one purpose on day d.
func (g *generator) rng(d day, salt uint64) *rand.Rand {
	//nolint:gosec // G404: the bank is deterministic data drawn from a seed, not a secret
	return rand.New(rand.NewPCG(uint64(g.seed)^0x9E3779B97F4A7C15, uint64(int64(d))*0x100000001B3+salt))
}

// between draws a whole-cent amount in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// rounded draws an amount in [lo, hi] rounded to whole rand multiples of
// step cents.
func rounded(r *rand.Rand, lo, hi, step int64) int64 {
	return between(r, lo/step, hi/step) * step
}

// pick chooses a merchant by weight.
func pick(r *rand.Rand, list []merchant) *merchant {
	total := 0
	for i := range list {
		total += list[i].weight
	}
	n := r.IntN(total)
	for i := range list {
		n -= list[i].weight
		if n < 0 {
			return &list[i]
		}
	}
	return &list[len(list)-1]
}

// postingDelay draws how many days a card purchase takes to post: mostly the
// next day, sometimes two or three.
func postingDelay(r *rand.Rand) day {
	switch n := r.IntN(10); {
	case n < 4:
		return 1
	case n < 8:
		return 2
	default:
		return 3
	}
}

// grow applies yearly increases of bps basis points to base for the years
// between 2025 and y (integer cents, rounded half up; negative years divide).
func grow(base int64, bps int64, y int) int64 {
	n := min(max(y-2025, -15), 40)
	for ; n > 0; n-- {
		base = (base*(10000+bps) + 5000) / 10000
	}
	for ; n < 0; n++ {
		base = (base*10000 + (10000+bps)/2) / (10000 + bps)
	}
	return base
}

// payday returns the day salaries are paid in the month of d: the 25th, or
// the Friday before when it falls on a weekend.
func payday(d day) day {
	y, m, _ := d.civil()
	p := civilDay(y, m, 25)
	for p.weekend() {
		p--
	}
	return p
}

// lastDayOfMonth reports whether d is the last day of its month.
func lastDayOfMonth(d day) bool {
	_, _, dd := d.civil()
	return dd == d.daysInMonth()
}

// debitInterestBPS is the yearly rate charged on an overdrawn balance.
const debitInterestBPS = 1175

// interest emits a month's interest on an account's balance at the end of
// the previous day: credit interest at the account's rate, or debit interest
// when it is overdrawn. Exactly one row is emitted whatever the balance (at
// least one cent), so the number of rows a day produces never depends on
// balances and a scaled history can be sized before it is generated.
func (g *generator) interest(emit func(event), acct int, desc string) {
	bal := g.balance(acct)
	if bal < 0 {
		emit(event{acct: acct, kind: ttFeesAndInterest, desc: "DEBIT INTEREST", amount: max(1, (-bal*debitInterestBPS+60000)/120000)})
		return
	}
	emit(event{acct: acct, kind: ttFeesAndInterest, credit: true, desc: desc, amount: max(1, (bal*g.rates[acct]+60000)/120000)})
}

// day emits the events whose transaction date is d, in a fixed order.
func (g *generator) day(d day, emit func(event)) {
	r := g.rng(d, 1)
	y, m, dd := d.civil()
	wd := d.weekday()
	pay := payday(d)
	monthEnd := lastDayOfMonth(d)

	// Thandi's Private Bank Account.
	if d == pay {
		emit(event{acct: acctPBA, kind: ttDeposits, credit: true, desc: "KHANYISA ENGINEERING SALARY", amount: grow(6835000, 650, yearOfRaise(y, m))})
		if m == 12 {
			emit(event{acct: acctPBA, kind: ttDeposits, credit: true, desc: "KHANYISA ENGINEERING BONUS", amount: grow(5200000, 650, yearOfRaise(y, m))})
		}
	}
	debitOrder := func(day int, desc string, amount int64) {
		if dd == day {
			emit(event{acct: acctPBA, kind: ttDebitOrders, desc: desc, amount: amount})
		}
	}
	debitOrder(1, "DISCOVERY HEALTH MEDICAL AID", grow(642000, 890, y))
	debitOrder(1, "OLD MUTUAL INSURE 4471209", grow(138550, 600, y))
	debitOrder(2, "ABSA HOME LOAN 8051234567", 1487000)
	debitOrder(3, "VODACOM CONTRACT", grow(89900, 500, y))
	debitOrder(5, "VIRGIN ACTIVE SA", grow(78500, 700, y))
	debitOrder(7, "DSTV MULTICHOICE", grow(89900, 400, y))
	debitOrder(15, "SANLAM LIFE POLICY 7731", grow(95000, 500, y))
	if dd == 20 {
		emit(event{acct: acctPBA, kind: ttOnlineBankingPayments, desc: "CITY OF JOHANNESBURG RATES", amount: between(r, 185000, 325000), benef: 6})
	}
	if dd == 26 {
		emit(event{acct: acctPBA, kind: ttFasterPay, desc: "FASTERPAY MAMA", amount: 150000, benef: 2})
		g.transfer(emit, acctPBA, acctSaver, 1000000, "TRANSFER TO PRIMESAVER", "TRANSFER FROM PRIVATE BANK")
	}
	if d == civilDay(y, m, 28) {
		emit(event{acct: acctPBA, kind: ttOnlineBankingPayments, desc: "GRACE NDLOVU - WAGES", amount: grow(380000, 600, y), benef: 1})
		emit(event{acct: acctPBA, kind: ttOnlineBankingPayments, desc: "GREENSIDE VILLAS LEVIES", amount: grow(215000, 700, y), benef: 4})
		g.transfer(emit, acctBusiness, acctPBA, 1500000, "DIRECTOR FEES T MOKOENA", "DIRECTOR FEES MOKOENA DESIGN")
	}
	if dd == 27 && (m == 1 || m == 4 || m == 7 || m == 10) {
		g.transfer(emit, acctPBA, acctCash, 1500000, "TRANSFER TO CASH MANAGEMENT", "PROVISIONAL TAX SAVINGS")
	}
	if dd == 24 && (m == 2 || m == 8) {
		g.transfer(emit, acctCash, acctPBA, 2800000, "PROVISIONAL TAX FROM CMA", "TRANSFER FROM CASH MANAGEMENT")
		emit(event{acct: acctPBA, kind: ttOnlineBankingPayments, desc: "SARS PROVISIONAL TAX", amount: 2800000, benef: 7})
	}
	if dd == 9 && m%4 == 1 {
		g.transfer(emit, acctSaver, acctPBA, 500000, "TRANSFER TO PRIVATE BANK", "TRANSFER FROM PRIMESAVER")
	}
	if r.IntN(14) == 0 {
		emit(event{acct: acctPBA, kind: ttATMWithdrawals, desc: "ATM WITHDRAWAL INVESTEC SANDTON", amount: int64(1+r.IntN(3)) * 50000})
	}
	if r.IntN(25) == 0 {
		emit(event{acct: acctPBA, kind: ttVASTransactions, desc: "VAS PREPAID AIRTIME VODACOM", amount: []int64{2900, 5500, 11000, 19900}[r.IntN(4)]})
	}
	if r.IntN(40) == 0 {
		emit(event{acct: acctPBA, kind: ttFasterPay, desc: "FASTERPAY LERATO BOOK CLUB", amount: rounded(r, 20000, 60000, 5000), benef: 5})
	}
	if r.IntN(45) == 0 {
		emit(event{acct: acctPBA, kind: ttDeposits, credit: true, desc: "TAKEALOT.COM REFUND", amount: between(r, 14900, 89900)})
	}
	if r.IntN(60) == 0 {
		emit(event{acct: acctPBA, kind: ttOnlineBankingPayments, desc: "SIPHO DLAMINI - BRAAI", amount: rounded(r, 30000, 120000, 5000), benef: 3})
	}
	// Card purchases: a couple a day, more on weekends; Gino's on Fridays.
	n := r.IntN(4)
	if wd == time.Saturday || wd == time.Sunday {
		n += 1 + r.IntN(2)
	}
	for i := 0; i < n; i++ {
		g.cardPurchase(emit, r, acctPBA, cardThandi, pick(r, personalMerchants))
	}
	if wd == time.Friday && r.IntN(3) == 0 {
		g.cardPurchase(emit, r, acctPBA, cardThandi, &personalMerchants[11])
	}
	switch dd {
	case 9:
		g.cardPurchase(emit, r, acctPBA, cardThandi, &appleBill)
	case 12:
		g.cardPurchase(emit, r, acctPBA, cardThandi, &netflix)
	case 18:
		g.cardPurchase(emit, r, acctPBA, cardThandi, &spotify)
	}
	if monthEnd {
		emit(event{acct: acctPBA, kind: ttFeesAndInterest, desc: "MONTHLY SERVICE FEE", amount: grow(52000, 500, y)})
		g.interest(emit, acctPBA, "CREDIT INTEREST")
		g.interest(emit, acctSaver, "INTEREST CAPITALISED")
		g.interest(emit, acctCash, "INTEREST CAPITALISED")
	}

	// The studio's account.
	if !d.weekend() && r.IntN(100) < 15 {
		clients := []string{"ZANELE ARCHITECTS", "UMHLANGA PROPERTIES", "KAROO COFFEE CO", "BLUE CRANE MEDIA", "NALEDI SCHOOLS TRUST"}
		c := clients[r.IntN(len(clients))]
		emit(event{acct: acctBusiness, kind: ttDeposits, credit: true, desc: c + " INV " + d.compact()[2:6], amount: rounded(r, 1800000, 6500000, 100)})
	}
	if dd == 1 {
		emit(event{acct: acctBusiness, kind: ttDebitOrders, desc: "GREENSIDE OFFICE PARK RENT", amount: grow(1850000, 800, y), benef: 11})
		g.cardPurchase(emit, r, acctBusiness, cardStudio, &workspace)
	}
	if dd == 3 {
		g.cardPurchase(emit, r, acctBusiness, cardStudio, &adobe)
	}
	if dd == 4 {
		g.cardPurchase(emit, r, acctBusiness, cardStudio, &aws)
	}
	if dd == 14 {
		g.cardPurchase(emit, r, acctBusiness, cardStudio, &canva)
	}
	if dd == 7 {
		emit(event{acct: acctBusiness, kind: ttOnlineBankingPayments, desc: "SARS PAYE EMP201", amount: grow(980000, 600, y)})
	}
	if d == pay {
		emit(event{acct: acctBusiness, kind: ttOnlineBankingPayments, desc: "KAGISO MOLEFE SALARY", amount: grow(2850000, 600, y), benef: 8})
		emit(event{acct: acctBusiness, kind: ttOnlineBankingPayments, desc: "AYESHA PATEL SALARY", amount: grow(2400000, 600, y), benef: 9})
		if m%2 == 1 {
			emit(event{acct: acctBusiness, kind: ttOnlineBankingPayments, desc: "SARS VAT201", amount: rounded(r, 1400000, 2600000, 100), benef: 10})
		}
	}
	if r.IntN(30) == 0 {
		emit(event{acct: acctBusiness, kind: ttFasterPay, desc: "FASTERPAY FREELANCE ILLUSTRATION", amount: rounded(r, 250000, 650000, 5000)})
	}
	if !d.weekend() && r.IntN(5) == 0 {
		g.cardPurchase(emit, r, acctBusiness, cardStudio, pick(r, studioMerchants))
	}
	if monthEnd {
		emit(event{acct: acctBusiness, kind: ttFeesAndInterest, desc: "MONTHLY ACCOUNT FEE", amount: grow(65000, 500, y)})
		g.interest(emit, acctBusiness, "CREDIT INTEREST")
	}

	// Khanyisa Engineering's CIB accounts.
	if !d.weekend() {
		for k := r.IntN(3); k > 0; k-- {
			emit(event{acct: acctCIBMain, kind: ttDeposits, credit: true, desc: "EFT RECEIPT CLIENT " + digits(r, 4), amount: rounded(r, 5000000, 45000000, 100)})
		}
		if r.IntN(3) == 0 {
			emit(event{acct: acctCIBMain, kind: ttOnlineBankingPayments, desc: "SUPPLIER PAYMENT " + digits(r, 5), amount: rounded(r, 2000000, 45000000, 100)})
		}
	}
	if d == pay {
		emit(event{acct: acctCIBMain, kind: ttOnlineBankingPayments, desc: "SALARY RUN " + d.compact()[:6], amount: rounded(r, 240000000, 260000000, 100)})
	}
	if monthEnd {
		emit(event{acct: acctCIBMain, kind: ttFeesAndInterest, desc: "BANK CHARGES", amount: between(r, 150000, 320000)})
		g.interest(emit, acctCIBCall, "INTEREST CAPITALISED")
	}
	if dd == 10 {
		g.transfer(emit, acctCIBMain, acctCIBCall, 50000000, "TRANSFER TO CALL ACCOUNT", "TRANSFER FROM BUSINESS ACCOUNT")
	}

	// The scaled history for benchmarks: a busy card machine on the
	// studio's account, payouts slightly outweighing purchases so the
	// balance grows slowly and never runs away negative.
	if n := g.extras(d); n > 0 {
		x := g.rng(d, 2)
		for i := 0; i < n; i++ {
			if x.IntN(2) == 0 {
				emit(event{acct: acctBusiness, kind: ttDeposits, credit: true, desc: yocoPayout, amount: between(x, 4000, 42000)})
			} else {
				m := pick(x, studioMerchants)
				emit(event{acct: acctBusiness, kind: ttCardPurchases, desc: m.descriptor, card: cardStudio, amount: between(x, 2000, 40000)})
			}
		}
	}
}

// yearOfRaise returns the salary year of (y, m): raises take effect in March.
func yearOfRaise(y, m int) int {
	if m < 3 {
		return y - 1
	}
	return y
}

// cardPurchase emits a card purchase that posts one to three days later.
func (g *generator) cardPurchase(emit func(event), r *rand.Rand, acct int, cardIdx uint16, m *merchant) {
	emit(event{acct: acct, kind: ttCardPurchases, desc: m.descriptor, card: cardIdx, amount: between(r, m.min, m.max), delay: postingDelay(r)})
}

// transfer emits both legs of an inter-account transfer.
func (g *generator) transfer(emit func(event), from, to int, amount int64, fromDesc, toDesc string) {
	emit(event{acct: from, kind: ttTransfers, desc: fromDesc, amount: amount})
	emit(event{acct: to, kind: ttTransfers, credit: true, desc: toDesc, amount: amount})
}
