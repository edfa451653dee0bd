package cardcode

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestMerchantCategories(t *testing.T) {
	t.Parallel()
	cats := MerchantCategories()
	if len(cats) < 60 {
		t.Errorf("%d merchant categories, want at least 60", len(cats))
	}
	if !sort.SliceIsSorted(cats, func(i, j int) bool { return cats[i].Name < cats[j].Name }) {
		t.Error("merchant categories are not ordered by name")
	}
	code := regexp.MustCompile(`^[1-9][0-9]{3}$`)
	slug := regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
	seenCode, seenKey := map[string]bool{}, map[string]bool{}
	for _, c := range cats {
		if !code.MatchString(c.Code) || !slug.MatchString(c.Key) || c.Name == "" {
			t.Errorf("malformed category %+v", c)
		}
		if seenCode[c.Code] || seenKey[c.Key] {
			t.Errorf("duplicate category %+v", c)
		}
		seenCode[c.Code], seenKey[c.Key] = true, true
	}
	for code, want := range map[string][2]string{
		"5462": {"bakeries", "Bakeries"},
		"7996": {"amusement_parks_carnivals", "Amusement Parks/Carnivals"},
		"5411": {"grocery_stores_supermarkets", "Grocery Stores, Supermarkets"},
		"5812": {"eating_places_restaurants", "Eating Places, Restaurants"},
		"5814": {"fast_food_restaurants", "Fast Food Restaurants"},
		"5541": {"service_stations", "Service Stations"},
		"4121": {"taxicabs_limousines", "Taxicabs/Limousines"},
		"5732": {"electronics_stores", "Electronics Stores"},
		"7995": {"betting_casino_gambling", "Betting/Casino Gambling"},
		"5921": {"package_stores_beer_wine_and_liquor", "Package Stores-Beer, Wine, and Liquor"},
		"4829": {"wires_money_orders", "Wires, Money Orders"},
		"6011": {"automated_cash_disburse", "Automated Cash Disburse"},
	} {
		c, ok := LookupMerchantCategory(code)
		if !ok || c.Key != want[0] || c.Name != want[1] {
			t.Errorf("LookupMerchantCategory(%s) = %+v, %v; want %v", code, c, ok, want)
		}
	}
	if c, ok := LookupMerchantCategory(" 5462 "); !ok || c.Key != "bakeries" {
		t.Error("lookup does not trim spaces")
	}
	if _, ok := LookupMerchantCategory("0000"); ok {
		t.Error("found category 0000")
	}
	cats[0].Name = "changed"
	if MerchantCategories()[0].Name == "changed" {
		t.Error("MerchantCategories shares its slice")
	}
}

func TestCountries(t *testing.T) {
	t.Parallel()
	cs := Countries()
	if len(cs) < 40 || cs[0].Code != "ZA" {
		t.Errorf("%d countries starting with %v; want at least 40, South Africa first", len(cs), cs[0])
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if len(c.Code) != 2 || len(c.Alpha3) != 3 || strings.ToUpper(c.Code) != c.Code || c.Name == "" || seen[c.Code] {
			t.Errorf("malformed or duplicate country %+v", c)
		}
		seen[c.Code] = true
	}
	for code, want := range map[string][2]string{
		"ZA": {"ZAF", "South Africa"}, "NA": {"NAM", "Namibia"}, "BW": {"BWA", "Botswana"}, "MZ": {"MOZ", "Mozambique"},
		"ZW": {"ZWE", "Zimbabwe"}, "GB": {"GBR", "United Kingdom of Great Britain and Northern Ireland (the)"},
		"US": {"USA", "United States of America (the)"}, "DE": {"DEU", "Germany"}, "FR": {"FRA", "France"},
		"NL": {"NLD", "Netherlands (the)"}, "AU": {"AUS", "Australia"},
	} {
		c, ok := LookupCountry(strings.ToLower(code))
		if !ok || c.Alpha3 != want[0] || c.Name != want[1] {
			t.Errorf("LookupCountry(%s) = %+v, %v; want %v", code, c, ok, want)
		}
	}
	if _, ok := LookupCountry("XX"); ok {
		t.Error("found country XX")
	}
}

func TestCurrencies(t *testing.T) {
	t.Parallel()
	cs := Currencies()
	var first []string
	for _, c := range cs[:4] {
		first = append(first, c.Code)
	}
	if strings.Join(first, ",") != "ZAR,GBP,USD,EUR" {
		t.Errorf("currencies start %v, want Investec's ZAR, GBP, USD, EUR", first)
	}
	for _, c := range cs {
		if len(c.Code) != 3 || c.Name == "" {
			t.Errorf("malformed currency %+v", c)
		}
	}
	if c, ok := LookupCurrency("zar"); !ok || c.Name != "South African Rand" || c.MinorUnits != 2 {
		t.Errorf("LookupCurrency(zar) = %+v, %v", c, ok)
	}
	if c, _ := LookupCurrency("JPY"); c.MinorUnits != 0 {
		t.Errorf("JPY minor units %d, want 0", c.MinorUnits)
	}
}

// TestCodeNamesAreInvestecShaped checks the reference lists encode as
// Investec's {Code, Name} items and agree with the detailed tables.
func TestCodeNamesAreInvestecShaped(t *testing.T) {
	t.Parallel()
	for name, list := range map[string][]CodeName{
		"merchants": MerchantCodeNames(), "countries": CountryCodeNames(), "currencies": CurrencyCodeNames(),
	} {
		b, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		var items []map[string]string
		if err := json.Unmarshal(b, &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if len(it) != 2 || it["Code"] == "" || it["Name"] == "" {
				t.Errorf("%s: item %v is not {Code, Name}", name, it)
			}
		}
	}
	for _, cn := range MerchantCodeNames() {
		if c, ok := LookupMerchantCategory(cn.Code); !ok || c.Name != cn.Name {
			t.Errorf("merchant %+v disagrees with %+v", cn, c)
		}
	}
	if got := CountryCodeNames(); len(got) != len(Countries()) || got[0] != (CodeName{"ZA", "South Africa"}) {
		t.Errorf("countries: %d entries, first %v", len(got), got[0])
	}
	if got := CurrencyCodeNames(); len(got) != len(Currencies()) || got[0] != (CodeName{"ZAR", "South African Rand"}) {
		t.Errorf("currencies: %d entries, first %v", len(got), got[0])
	}
}
