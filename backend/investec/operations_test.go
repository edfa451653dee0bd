package investec

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// specOperations reads every path and method of an OpenAPI file, with the
// path key cut at any query string (the CIB file puts one in a key).
func specOperations(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "openapi", file))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{} // "METHOD path" -> operationId
	for path, ops := range spec.Paths {
		for method, raw := range ops {
			var op struct {
				OperationID string `json:"operationId"`
			}
			if json.Unmarshal(raw, &op) != nil || op.OperationID == "" {
				continue // path-level parameters and the like
			}
			p, _, _ := strings.Cut(path, "?")
			out[strings.ToUpper(method)+" "+p] = op.OperationID
		}
	}
	return out
}

func TestOperationsCoverTheSpecs(t *testing.T) {
	t.Parallel()
	table := map[string]string{}
	for _, op := range Operations {
		key := op.Method + " " + op.Path
		if _, dup := table[key]; dup {
			t.Errorf("%s is listed twice", key)
		}
		table[key] = op.OperationID
		if op.SpecPath != "" && !strings.HasPrefix(op.SpecPath, op.Path+"?") {
			t.Errorf("%s: SpecPath %q does not extend Path", op.OperationID, op.SpecPath)
		}
	}
	want := map[string]string{}
	for _, file := range []string{SpecPrivateBanking, SpecCardCode} {
		for k, v := range specOperations(t, file) {
			want[k] = v
		}
	}
	for k, v := range specOperations(t, SpecCIB) {
		if strings.Contains(k, "/za/bb/v1/accounts") { // the CIB scope: accounts and transactions
			want[k] = v
		}
	}
	if diff := cmp.Diff(want, table); diff != "" {
		t.Errorf("Operations vs the OpenAPI files (-spec +table):\n%s", diff)
	}
	if len(Operations) != 33 {
		t.Errorf("len(Operations) = %d, want 15 PB + 16 card + 2 CIB = 33", len(Operations))
	}
}

func TestEveryOperationHasAClientMethod(t *testing.T) {
	t.Parallel()
	ct := reflect.TypeOf(&Client{})
	for _, op := range Operations {
		m, ok := ct.MethodByName(op.ClientMethod)
		if !ok {
			t.Errorf("%s: *Client has no method %s", op.OperationID, op.ClientMethod)
			continue
		}
		if m.Type.NumIn() < 2 || m.Type.In(1) != reflect.TypeFor[context.Context]() {
			t.Errorf("%s: the first argument is %s, want context.Context", op.ClientMethod, m.Type.In(1))
		}
		if len(op.Scopes) == 0 {
			t.Errorf("%s has no scope", op.OperationID)
		}
	}
}

func TestErrorTableCoversEveryOperation(t *testing.T) {
	t.Parallel()
	tested := map[string]bool{}
	for _, ac := range allCalls() {
		tested[ac.name] = true
	}
	for _, op := range Operations {
		if !tested[op.ClientMethod] {
			t.Errorf("%s is missing from allCalls, so its error paths are not tested", op.ClientMethod)
		}
	}
}

func TestMatchOperation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, want string }{
		{http.MethodGet, "/za/v1/cards/countries", "GetCountries"},
		{http.MethodGet, "/za/v1/cards/1234", "GetCardDetail"},
		{http.MethodPost, "/za/v1/cards/1234", "GetCardDetailSensitive"},
		{http.MethodPost, "/za/pb/v1/accounts/transfermultiple", "transfer"},
		{http.MethodPost, "/za/pb/v1/accounts/abc/transfermultiple", "transferv2"},
		{http.MethodGet, "/za/pb/v1/accounts/beneficiaries", "beneficiaries"},
		{http.MethodGet, "/za/pb/v1/accounts/a%2Fb/balance", "balance"},
		{http.MethodGet, "/za/bb/v1/accounts/7/transactions", "AccountsTransactions"},
		{http.MethodGet, "/za/pb/v1/unknown", ""},
		{http.MethodDelete, "/za/v1/cards/1", ""},
	} {
		op, ok := matchOperation(tc.method, tc.path)
		if got := op.OperationID; (tc.want == "") == ok || got != tc.want {
			t.Errorf("matchOperation(%s %s) = %q, %v; want %q", tc.method, tc.path, got, ok, tc.want)
		}
	}
}

// TestDocComments checks the package's documentation rules: every exported
// identifier has a doc comment starting with its name, and every client
// method for an API operation names its operationId on an
// "Investec API docs:" line.
func TestDocComments(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, af)
	}
	pkg, err := doc.NewFromFiles(fset, parsed, "github.com/investec-desk/investec-desk/backend/investec")
	if err != nil {
		t.Fatal(err)
	}
	methodDocs := map[string]string{}
	check := func(kind, name, text string) {
		if !ast.IsExported(name) {
			return
		}
		if !strings.HasPrefix(text, name+" ") {
			t.Errorf("%s %s: doc comment %q does not start with its name", kind, name, firstLine(text))
		}
	}
	for _, f := range pkg.Funcs {
		check("func", f.Name, f.Doc)
	}
	for _, ty := range pkg.Types {
		check("type", ty.Name, ty.Doc)
		for _, f := range ty.Funcs {
			check("func", f.Name, f.Doc)
		}
		for _, m := range ty.Methods {
			check("method "+ty.Name+".", m.Name, m.Doc)
			if ty.Name == "Client" {
				methodDocs[m.Name] = m.Doc
			}
		}
	}
	for _, group := range append(pkg.Consts, pkg.Vars...) {
		if group.Doc == "" {
			t.Errorf("%v: a declaration group without a doc comment", group.Names)
		}
	}
	var missing []string
	for _, op := range Operations {
		if !strings.Contains(methodDocs[op.ClientMethod], "Investec API docs: "+op.OperationID) {
			missing = append(missing, op.ClientMethod)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("methods without an \"Investec API docs: <operationId>\" line: %v", missing)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
