package export

// parseISODate parses YYYY-MM-DD without allocating and checks that the day
// exists. It is on the hot path of every row.
func parseISODate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var ok1, ok2, ok3 bool
	y, ok1 = num(s[0:4])
	m, ok2 = num(s[5:7])
	d, ok3 = num(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// excelEpochOffset is 1970-01-01 as an Excel (1900 date system) serial:
// serials count days from 1899-12-30, which absorbs Lotus's phantom
// 1900-02-29 for every date from March 1900 on.
const excelEpochOffset = 25569

// excelSerial returns the Excel serial day number of a YYYY-MM-DD date, or
// ok=false when s is not a date Excel can show (before 1900-03-01).
func excelSerial(s string) (int, bool) {
	y, m, d, ok := parseISODate(s)
	if !ok || y < 1900 || (y == 1900 && m < 3) {
		return 0, false
	}
	return daysFromCivil(y, m, d) + excelEpochOffset, true
}
