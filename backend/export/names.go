package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// maxFileNameBytes bounds a name from SafeFileName, leaving room for an
// extension, a " (2)" and a folder within the 255-byte limit of common file
// systems.
const maxFileNameBytes = 180

// SafeFileName builds a file or folder name from parts (joined with " - ",
// empty parts dropped) that is safe on Windows, macOS and Linux whatever the
// parts contain, so a value from the API or the user can never escape the
// output folder or produce an unopenable file:
//
//   - path separators, the characters <>:"/\|?* and control and format
//     characters (including bidirectional overrides) become "_";
//   - runs of spaces collapse; leading and trailing dots and spaces go, so
//     ".." and "." cannot survive;
//   - Windows' reserved device names (CON, NUL, COM1, ... with or without an
//     extension) get a "_" prefix;
//   - the result is valid UTF-8, at most 180 bytes, and never empty.
//
// A fixed extension may be appended to the result (name + ".csv") without
// losing any of this.
func SafeFileName(parts ...string) string {
	kept := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = cleanPart(p); p != "" {
			kept = append(kept, p)
		}
	}
	name := cleanPart(strings.Join(kept, " - "))
	if len(name) > maxFileNameBytes {
		name = cleanPart(truncateUTF8(name, maxFileNameBytes))
	}
	if name == "" {
		name = "export"
	}
	if isReservedName(name) {
		name = "_" + name
	}
	return name
}

// cleanPart replaces unsafe characters and trims what Windows would trim.
func cleanPart(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "_") {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			r = ' '
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
			strings.ContainsRune(`<>:"/\|?*`, r) || r == utf8.RuneError:
			r = '_'
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), " .")
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isReservedName reports whether name, up to its first dot, is a Windows
// device name.
func isReservedName(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		c := stem[3]
		return c >= '0' && c <= '9'
	}
	// COM¹ and friends are reserved too.
	if strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT") {
		switch stem[3:] {
		case "¹", "²", "³":
			return true
		}
	}
	return false
}

// AccountLabel names an account the way file names and sheets show it:
// its product name and the last four digits of its number, e.g. "Private
// Bank Account 5044".
func AccountLabel(a domain.Account) string {
	name := strings.TrimSpace(a.ProductName)
	if name == "" {
		name = strings.TrimSpace(a.ReferenceName)
	}
	if name == "" {
		name = strings.TrimSpace(a.Name)
	}
	if name == "" {
		name = "Account"
	}
	num := strings.TrimSpace(a.Number)
	if len(num) > 4 {
		num = num[len(num)-4:]
	}
	if num == "" {
		return name
	}
	return name + " " + num
}

// WorkbookFileName is the workbook's file name for a period and the
// accounts in it, e.g. "Investec 2025-26 - Private Bank Account 5044.xlsx",
// or "Investec 2025-26 statements.xlsx" for several accounts.
func WorkbookFileName(p domain.Period, accounts []domain.Account) string {
	if len(accounts) == 1 {
		return SafeFileName("Investec "+p.Label, AccountLabel(accounts[0])) + ".xlsx"
	}
	return SafeFileName("Investec "+p.Label+" statements") + ".xlsx"
}

// AccountFileName is the name of one account's CSV or OFX file, e.g.
// "Investec 2025-26 - Private Bank Account 5044.csv"; ext includes the dot.
func AccountFileName(p domain.Period, a domain.Account, ext string) string {
	return SafeFileName("Investec "+p.Label, AccountLabel(a)) + ext
}

// PackName is the accountant pack's folder name, e.g. "Investec 2025-26
// accountant pack"; add ".zip" for the archive.
func PackName(p domain.Period) string {
	return SafeFileName("Investec " + p.Label + " accountant pack")
}

// uniqueNames hands out names that differ case-insensitively, adding " (2)",
// " (3)", ... before the extension.
type uniqueNames struct {
	seen map[string]bool
	max  int // maximum length in UTF-16 units (0 = none), for sheet names
}

func (u *uniqueNames) take(name, ext string) string {
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	for i := 1; ; i++ {
		base := name
		suffix := ""
		if i > 1 {
			suffix = " (" + strconv.Itoa(i) + ")"
		}
		if u.max > 0 {
			base = truncateUTF16(base, u.max-utf16Len(suffix)-utf16Len(ext))
			base = strings.TrimRight(base, " ")
		}
		cand := base + suffix + ext
		key := strings.ToLower(cand)
		if !u.seen[key] {
			u.seen[key] = true
			return cand
		}
	}
}

// sheetNameChars are the characters Excel refuses in a sheet name.
const sheetNameChars = `[]:*?/\`

// maxSheetName is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetName = 31

// cleanSheetName makes s a valid Excel sheet name (before de-duplication):
// no []:*?/\ or control characters, no apostrophe (Excel forbids one at
// either end and formulas must quote one elsewhere, so it becomes ’), not
// the reserved "History", at most 31 characters, never empty.
func cleanSheetName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "_") {
		switch {
		case strings.ContainsRune(sheetNameChars, r), unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
			r = '_'
		case r == '\'':
			r = '’'
		}
		b.WriteRune(r)
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	name = strings.TrimSpace(truncateUTF16(name, maxSheetName))
	if name == "" || strings.EqualFold(name, "History") {
		name = "Account"
	}
	return name
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func truncateUTF16(s string, n int) string {
	if n < 0 {
		n = 0
	}
	used := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if used+w > n {
			return s[:i]
		}
		used += w
	}
	return s
}
