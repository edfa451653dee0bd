package cardcode

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func template(t *testing.T, id string) Template {
	t.Helper()
	for _, tp := range Templates() {
		if tp.ID == id {
			return tp
		}
	}
	t.Fatalf("no template %q", id)
	return Template{}
}

func TestTemplatesAreComplete(t *testing.T) {
	t.Parallel()
	want := []string{"starter", "block-categories", "cap-amount", "allow-countries", "weekend-gambling"}
	got := Templates()
	if len(got) != len(want) {
		t.Fatalf("%d templates, want %d", len(got), len(want))
	}
	for i, tp := range got {
		if tp.ID != want[i] || tp.Name == "" || tp.Description == "" || tp.Env == nil {
			t.Errorf("template %d = %+v", i, tp)
		}
		if err := Check(tp.Code); err != nil {
			t.Errorf("template %s does not parse: %v", tp.ID, err)
		}
		if !strings.Contains(tp.Code, "const beforeTransaction") {
			t.Errorf("template %s has no beforeTransaction", tp.ID)
		}
	}
	got[1].Env["blockedCategories"] = "changed"
	if Templates()[1].Env["blockedCategories"] == "changed" {
		t.Error("Templates shares its env maps")
	}
}

// sast returns a time in South African Standard Time (UTC+2).
func sast(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, time.FixedZone("SAST", 2*60*60)).UTC()
}

func TestTemplates(t *testing.T) {
	t.Parallel()
	at := func(cat, key, name, country string, cents int64, when time.Time) Transaction {
		tx := bakery()
		tx.Merchant.CategoryCode, tx.Merchant.CategoryKey, tx.Merchant.CategoryName = cat, key, name
		tx.Merchant.CountryCode = country
		if c, ok := LookupCountry(country); ok {
			tx.Merchant.CountryAlpha3, tx.Merchant.CountryName = c.Alpha3, c.Name
		}
		tx.CentsAmount = domain.Money(cents)
		tx.DateTime = when
		return tx
	}
	wednesday := sast(2026, 1, 7, 12, 0)
	const casino, casinoKey, casinoName = "7995", "betting_casino_gambling", "Betting/Casino Gambling"
	const unset = "\x00unset"
	tests := []struct {
		name, template string
		env            map[string]string // merged over the template's defaults; unset deletes
		tx             Transaction
		approved       bool
		log            string // a substring of the first log line, if any
	}{
		{"starter approves and logs", "starter", nil, bakery(), true, `"merchant":{"category":{"code":"5462"`},

		{"blocked category declines", "block-categories", nil, at(casino, casinoKey, casinoName, "ZA", 100, wednesday), false, "Betting/Casino Gambling (7995) is a blocked category"},
		{"other category approves", "block-categories", nil, bakery(), true, ""},
		{"blocked by key and list", "block-categories", map[string]string{"blockedCategories": " 5921 , BAKERIES"}, bakery(), false, "Bakeries (5462)"},
		{"nothing blocked", "block-categories", map[string]string{"blockedCategories": ""}, at(casino, casinoKey, casinoName, "ZA", 100, wednesday), true, ""},

		{"under the rand cap", "cap-amount", nil, at("5462", "bakeries", "Bakeries", "ZA", 50000, wednesday), true, ""},
		{"over the rand cap by a cent", "cap-amount", nil, at("5462", "bakeries", "Bakeries", "ZA", 50001, wednesday), false, "50001 cents is over the limit of 50000 cents"},
		{"cap in rands and cents", "cap-amount", map[string]string{"maxAmount": "12.5"}, at("5462", "bakeries", "Bakeries", "ZA", 1251, wednesday), false, "limit of 1250 cents"},
		{"cap in cents", "cap-amount", map[string]string{"maxAmount": unset, "maxCents": "9999"}, at("5462", "bakeries", "Bakeries", "ZA", 9999, wednesday), true, ""},
		{"cap in cents declines", "cap-amount", map[string]string{"maxAmount": unset, "maxCents": "9999"}, at("5462", "bakeries", "Bakeries", "ZA", 10000, wednesday), false, "limit of 9999 cents"},
		{"no cap set fails closed", "cap-amount", map[string]string{"maxAmount": unset}, bakery(), false, "Set maxCents or maxAmount"},
		{"bad cap fails closed", "cap-amount", map[string]string{"maxAmount": "R500"}, bakery(), false, "Set maxCents or maxAmount"},
		{"three decimals fails closed", "cap-amount", map[string]string{"maxAmount": "1.005"}, bakery(), false, "Set maxCents or maxAmount"},

		{"home country approves", "allow-countries", nil, bakery(), true, ""},
		{"abroad declines", "allow-countries", nil, at("5462", "bakeries", "Bakeries", "GB", 100, wednesday), false, "United Kingdom of Great Britain and Northern Ireland (the) is not an allowed country"},
		{"listed neighbour approves", "allow-countries", map[string]string{"allowedCountries": "za, na,BW"}, at("5462", "bakeries", "Bakeries", "NA", 100, wednesday), true, ""},
		{"empty list fails closed", "allow-countries", map[string]string{"allowedCountries": " "}, bakery(), false, "allowedCountries is empty"},

		{"casino on a Saturday", "weekend-gambling", nil, at(casino, casinoKey, casinoName, "ZA", 100, sast(2026, 1, 3, 14, 0)), false, "no gambling on weekends"},
		{"casino on a Sunday night", "weekend-gambling", nil, at(casino, casinoKey, casinoName, "ZA", 100, sast(2026, 1, 4, 23, 59)), false, "no gambling on weekends"},
		{"casino on a Wednesday", "weekend-gambling", nil, at(casino, casinoKey, casinoName, "ZA", 100, wednesday), true, ""},
		// 23:30 UTC on Friday is already Saturday in South Africa.
		{"Saturday in SA, Friday in UTC", "weekend-gambling", nil, at(casino, casinoKey, casinoName, "ZA", 100, time.Date(2026, 1, 2, 23, 30, 0, 0, time.UTC)), false, "no gambling on weekends"},
		// 22:30 UTC on Sunday is already Monday in South Africa.
		{"Monday in SA, Sunday in UTC", "weekend-gambling", nil, at(casino, casinoKey, casinoName, "ZA", 100, time.Date(2026, 1, 4, 22, 30, 0, 0, time.UTC)), true, ""},
		{"bakery on a Saturday", "weekend-gambling", nil, at("5462", "bakeries", "Bakeries", "ZA", 100, sast(2026, 1, 3, 14, 0)), true, ""},
		{"extra gambling codes", "weekend-gambling", map[string]string{"gamblingCategories": "7995, 7994"}, at("7994", "video_game_arcades", "Video Game Arcades", "ZA", 100, sast(2026, 1, 3, 14, 0)), false, "Video Game Arcades"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tp := template(t, tt.template)
			env := maps.Clone(tp.Env)
			for k, v := range tt.env {
				if v == unset {
					delete(env, k)
				} else {
					env[k] = v
				}
			}
			execs := simulate(t, tp.Code, env, tt.tx, fast)
			if len(execs) == 0 {
				t.Fatal("no executions")
			}
			for _, e := range execs {
				if e.Error != "" {
					t.Errorf("%s failed: %s", e.Type, e.Error)
				}
			}
			if got := Approved(execs); got != tt.approved {
				t.Errorf("approved = %v, want %v (logs %v)", got, tt.approved, summarize(execs)[0].Logs)
			}
			if tt.log != "" && (len(execs[0].Logs) == 0 || !strings.Contains(execs[0].Logs[0].Content, tt.log)) {
				t.Errorf("logs %v do not mention %q", summarize(execs)[0].Logs, tt.log)
			}
			if tt.log == "" && tt.template != "starter" && len(execs[0].Logs) != 0 {
				t.Errorf("unexpected logs %v", summarize(execs)[0].Logs)
			}
		})
	}
}

// BenchmarkSimulateStarter measures a whole simulation of Investec's starter
// code: two fresh runtimes, the prelude, the code and both hooks.
func BenchmarkSimulateStarter(b *testing.B) {
	code := Templates()[0].Code
	tx := bakery()
	for b.Loop() {
		execs, err := Simulate(context.Background(), code, map[string]string{"k": "v"}, tx, fast)
		if err != nil || len(execs) != 2 {
			b.Fatalf("%v %d", err, len(execs))
		}
	}
}
