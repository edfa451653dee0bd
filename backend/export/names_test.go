package export

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestSafeFileName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		parts []string
		want  string
	}{
		{[]string{"Investec 2025-26", "Private Bank Account 1234"}, "Investec 2025-26 - Private Bank Account 1234"},
		{[]string{"../../etc"}, "_.._etc"},
		{[]string{".."}, "export"},
		{[]string{"", "  ", "."}, "export"},
		{[]string{`a<b>c:d"e/f\g|h?i*j`}, "a_b_c_d_e_f_g_h_i_j"},
		{[]string{"CON"}, "_CON"},
		{[]string{"nul.txt"}, "_nul.txt"},
		{[]string{"com1"}, "_com1"},
		{[]string{"LPT9 .pdf"}, "_LPT9 .pdf"},
		{[]string{"CONSOLE"}, "CONSOLE"},
		{[]string{"trailing dots..."}, "trailing dots"},
		{[]string{"tab\there\nnewline"}, "tab here newline"},
		{[]string{"bidi\u202egpj.exe"}, "bidi_gpj.exe"},
		{[]string{"bad \xff utf8"}, "bad _ utf8"},
		{[]string{"Café", "Ünïcödé ✓"}, "Café - Ünïcödé ✓"},
	}
	for _, c := range cases {
		if got := SafeFileName(c.parts...); got != c.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
	long := SafeFileName(strings.Repeat("é", 500))
	if len(long) > maxFileNameBytes || !utf8.ValidString(long) {
		t.Errorf("long name: %d bytes, valid %v", len(long), utf8.ValidString(long))
	}
}

func TestFileNamesFromAccounts(t *testing.T) {
	t.Parallel()
	p := domain.TaxYearPeriod(2025)
	a := domain.Account{Number: "10011425044", ProductName: "Private Bank Account"}
	if got := WorkbookFileName(p, []domain.Account{a}); got != "Investec 2025-26 - Private Bank Account 5044.xlsx" {
		t.Errorf("workbook name %q", got)
	}
	if got := WorkbookFileName(p, []domain.Account{a, a}); got != "Investec 2025-26 statements.xlsx" {
		t.Errorf("workbook name %q", got)
	}
	if got := AccountFileName(p, domain.Account{Number: "1", ProductName: "../../etc/passwd"}, ".csv"); got != "Investec 2025-26 - _.._etc_passwd 1.csv" {
		t.Errorf("csv name %q", got)
	}
	if got := PackName(p); got != "Investec 2025-26 accountant pack" {
		t.Errorf("pack name %q", got)
	}
}

// FuzzSafeFileName proves the promises of SafeFileName for any input: the
// name stays inside its folder on every OS, and is stable.
func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"../../etc/passwd", "..", "CON", "a\x00b", "x.", " ", "COM¹.txt", "😀", "\u202e", `C:\Windows`, "//server/share", "a/../../b"} {
		f.Add(s, "part")
	}
	dir := filepath.Join("out", "folder")
	f.Fuzz(func(t *testing.T, a, b string) {
		name := SafeFileName(a, b)
		if name == "" || !utf8.ValidString(name) || len(name) > maxFileNameBytes+1 {
			t.Fatalf("%q %q -> %q", a, b, name)
		}
		if strings.ContainsAny(name, `<>:"/\|?*`) || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") ||
			strings.HasPrefix(name, " ") || strings.HasSuffix(name, " ") {
			t.Fatalf("%q %q -> unsafe %q", a, b, name)
		}
		for _, r := range name {
			if r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("%q %q -> control character in %q", a, b, name)
			}
		}
		if isReservedName(name) || isReservedName(name+".csv") {
			t.Fatalf("%q %q -> reserved %q", a, b, name)
		}
		joined := filepath.Join(dir, name+".csv")
		if filepath.Dir(joined) != dir || filepath.Base(joined) != name+".csv" {
			t.Fatalf("%q %q -> %q escapes %q", a, b, name, dir)
		}
		if again := SafeFileName(name); again != name {
			t.Fatalf("not stable: %q -> %q", name, again)
		}
	})
}

func TestCleanSheetName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Private Bank Account 5044": "Private Bank Account 5044",
		"'quoted'":                  "’quoted’",
		"a[b]c:d*e?f/g\\h":          "a_b_c_d_e_f_g_h",
		"history":                   "Account",
		"":                          "Account",
		"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀": "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
	} {
		if got := cleanSheetName(in); got != want {
			t.Errorf("cleanSheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
