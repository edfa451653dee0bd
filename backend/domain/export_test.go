package domain

import (
	"testing"
	"time"
)

func TestResolvePeriod(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		name  string
		req   PeriodRequest
		today string
		want  Period
	}{
		{"tax year 2025-26", PeriodRequest{Preset: PresetTaxYear, TaxYear: 2025}, "2026-07-01", Period{"2025-03-01", "2026-02-28", "2025-26"}},
		{"tax year ending in a leap February", PeriodRequest{Preset: PresetTaxYear, TaxYear: 2023}, "2026-07-01", Period{"2023-03-01", "2024-02-29", "2023-24"}},
		{"tax year 2027-28 ends on the 29th", PeriodRequest{Preset: PresetTaxYear, TaxYear: 2027}, "2026-07-01", Period{"2027-03-01", "2028-02-29", "2027-28"}},
		{"century tax year 2099-00 (2100 is not leap)", PeriodRequest{Preset: PresetTaxYear, TaxYear: 2099}, "2026-07-01", Period{"2099-03-01", "2100-02-28", "2099-00"}},
		{"1999-00 ends on a leap day (2000 is leap)", PeriodRequest{Preset: PresetTaxYear, TaxYear: 1999}, "2026-07-01", Period{"1999-03-01", "2000-02-29", "1999-00"}},
		{"current tax year in February belongs to the previous start", PeriodRequest{Preset: PresetTaxYear}, "2026-02-28", Period{"2025-03-01", "2026-02-28", "2025-26"}},
		{"current tax year on 1 March", PeriodRequest{Preset: PresetTaxYear}, "2026-03-01", Period{"2026-03-01", "2027-02-28", "2026-27"}},
		{"last tax year", PeriodRequest{Preset: PresetLastTaxYear}, "2024-02-29", Period{"2022-03-01", "2023-02-28", "2022-23"}},
		{"last tax year after March", PeriodRequest{Preset: PresetLastTaxYear}, "2026-03-15", Period{"2025-03-01", "2026-02-28", "2025-26"}},
		{"a month", PeriodRequest{Preset: PresetMonth, Month: "2026-11"}, "2026-01-01", Period{"2026-11-01", "2026-11-30", "November 2026"}},
		{"leap February", PeriodRequest{Preset: PresetMonth, Month: "2024-02"}, "2026-01-01", Period{"2024-02-01", "2024-02-29", "February 2024"}},
		{"this month", PeriodRequest{Preset: PresetMonth}, "2026-04-30", Period{"2026-04-01", "2026-04-30", "April 2026"}},
		{"last month across a year", PeriodRequest{Preset: PresetLastMonth}, "2026-01-31", Period{"2025-12-01", "2025-12-31", "December 2025"}},
		{"last month from 31 March", PeriodRequest{Preset: PresetLastMonth}, "2026-03-31", Period{"2026-02-01", "2026-02-28", "February 2026"}},
		{"custom", PeriodRequest{Preset: PresetCustom, From: "2026-01-05", To: "2026-02-03"}, "2026-07-01", Period{"2026-01-05", "2026-02-03", "2026-01-05 to 2026-02-03"}},
		{"custom single day", PeriodRequest{Preset: PresetCustom, From: "2024-02-29", To: "2024-02-29"}, "2026-07-01", Period{"2024-02-29", "2024-02-29", "2024-02-29 to 2024-02-29"}},
	}
	for _, c := range cases {
		got, err := ResolvePeriod(c.req, day(c.today))
		if err != nil || got != c.want {
			t.Errorf("%s: ResolvePeriod = %+v, %v; want %+v", c.name, got, err, c.want)
		}
		if err == nil && got.Validate() != nil {
			t.Errorf("%s: resolved period does not validate", c.name)
		}
	}
}

func TestResolvePeriodRejects(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	bad := map[string]PeriodRequest{
		"preset":  {},
		"month":   {Preset: PresetMonth, Month: "2026-13"},
		"taxYear": {Preset: PresetTaxYear, TaxYear: 99},
		"from":    {Preset: PresetCustom, From: "2026-02-30", To: "2026-03-01"},
		"to":      {Preset: PresetCustom, From: "2026-03-02", To: "2026-03-01"},
	}
	for field, req := range bad {
		_, err := ResolvePeriod(req, today)
		if ErrorCode(err) != CodeInvalid || ErrorField(err) != field {
			t.Errorf("%+v: err %v (field %q), want invalid %q", req, err, ErrorField(err), field)
		}
	}
}

func TestTaxYearOfEveryDay(t *testing.T) {
	t.Parallel()
	// Every day from 1999 to 2031 lies in exactly the tax year TaxYearOf
	// names, and consecutive tax years meet without a gap.
	for d := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2032; d = d.AddDate(0, 0, 1) {
		p := TaxYearPeriod(TaxYearOf(d))
		if !p.Contains(d.Format("2006-01-02")) {
			t.Fatalf("%s is not in %+v", d.Format("2006-01-02"), p)
		}
		next := TaxYearPeriod(TaxYearOf(d) + 1)
		end, _ := time.Parse("2006-01-02", p.To)
		if end.AddDate(0, 0, 1).Format("2006-01-02") != next.From {
			t.Fatalf("%+v and %+v do not meet", p, next)
		}
	}
}
