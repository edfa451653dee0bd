package investec

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGetSavedAndPublishedCode(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards/{cardKey}/code", "code_saved_spec.json")
	ts.serveFixture("GET /za/v1/cards/{cardKey}/publishedcode", "code_published_spec.json")
	saved, err := c.GetSavedCode(t.Context(), "1010101")
	if err != nil {
		t.Fatal(err)
	}
	if saved.CodeID != "3BB77753-R2D2-4U2B-1A2B-4C213E7D0AC3" || !strings.Contains(saved.Code, "const afterDecline = async (transaction) => {") ||
		saved.PublishedAt != "2021-10-12T09:12:16.557Z" || saved.Error != "" {
		t.Errorf("saved = %+v", saved)
	}
	pub, err := c.GetPublishedCode(t.Context(), "1010101")
	if err != nil {
		t.Fatal(err)
	}
	if pub.CreatedAt != "2021-10-12T09:12:06.695Z" || !strings.HasPrefix(pub.Code, "//Sample code to just log") {
		t.Errorf("published = %+v", pub)
	}
}

func TestCodeNeverPublishedAndErrorObject(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/v1/cards/{cardKey}/code", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"result":{"codeId":"x","code":"","createdAt":"a","updatedAt":"b","publishedAt":null,"error":{"code":42}}}}`))
	})
	got, err := c.GetSavedCode(t.Context(), "1")
	if err != nil {
		t.Fatal(err)
	}
	if got.PublishedAt != "" || got.Error != `{"code":42}` {
		t.Errorf("code = %+v", got)
	}
}

func TestSaveThenPublishCode(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	const js = "const beforeTransaction = async (a) => { return a.centsAmount < 50000; };\n"
	ts.handle("POST /za/v1/cards/{cardKey}/code", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"code":`+quoteJSON(js)+`}`)
		_, _ = w.Write(fixture(t, "code_save_spec.json"))
	})
	ts.handle("POST /za/v1/cards/{cardKey}/publish", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"codeid":"3BB77753-R2D2-4U2B-1A2B-4C213E7D0AC3","code":""}`)
		_, _ = w.Write(fixture(t, "code_publish_spec.json"))
	})
	saved, err := c.SaveCode(t.Context(), "1010101", js)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := c.PublishCode(t.Context(), "1010101", saved.CodeID)
	if err != nil {
		t.Fatal(err)
	}
	if pub.CodeID != "3BB79753-R2D2-4U2B-1A2B-4C219E7D0AC3" || pub.PublishedAt == "" {
		t.Errorf("published = %+v", pub)
	}
	if _, err := c.PublishCode(t.Context(), "1010101", ""); err == nil {
		t.Error("publishing without a codeId was sent")
	}
}

func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestExecuteCodeExactBodyAndItems(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/v1/cards/{cardKey}/code/execute", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"simulationcode":"const beforeTransaction = async () => true;","centsAmount":"10100","currencyCode":"zar",
			"merchantCode":7996,"merchantName":"uShaka Marine World","merchantCity":"Durban","countryCode":"ZA"}`)
		_, _ = w.Write(fixture(t, "execute_spec.json"))
	})
	got, err := c.ExecuteCode(t.Context(), "1010101", &ExecuteCodeRequest{SimulationCode: "const beforeTransaction = async () => true;",
		Amount: 10100, CurrencyCode: "zar", MerchantCode: 7996, MerchantName: "uShaka Marine World", MerchantCity: "Durban", CountryCode: "ZA"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d executions", len(got))
	}
	first := got[0]
	first.Logs = nil
	want := Execution{ExecutionID: "ABB8854D-B3A4-4450-BB9D-915206E8D156", RootCodeFunctionID: "96A88E6A-E343-4051-9674-7C58B4CC1A58",
		Sandbox: true, Type: "before_transaction", AuthorizationApproved: ptr(true), CreatedAt: "2021-10-15T03:48:14.184Z",
		StartedAt: "2021-10-15T03:48:14.183Z", CompletedAt: "2021-10-15T03:48:14.899Z", UpdatedAt: "2021-10-15T03:48:14.184Z"}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("execution (-want +got):\n%s", diff)
	}
	if len(got[0].Logs) != 1 || got[0].Logs[0].Level != "info" || !strings.Contains(got[0].Logs[0].Content, `"centsAmount":10100`) {
		t.Errorf("logs = %+v", got[0].Logs)
	}
	if got[1].Type != "after_transaction" || got[1].AuthorizationApproved != nil {
		t.Errorf("second execution = %+v", got[1])
	}
}

func TestListExecutionsBothShapes(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"executions_spec.json", "executions_live.json"} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.serveFixture("GET /za/v1/cards/{cardKey}/code/executions", file)
			got, err := c.ListExecutions(t.Context(), "1010101")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].ExecutionID != "ABB8854D-B3A4-4450-BB9D-915206E8D156" || got[1].ExecutionID != "688357B2-1F2B-49F7-A739-3D9DAF87CD84" {
				t.Errorf("executions = %+v", got)
			}
		})
	}
}

func TestListExecutionsResultError(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards/{cardKey}/code/executions", "executions_live_error.json")
	_, err := c.ListExecutions(t.Context(), "1010101")
	var re *ResultError
	if !errors.As(err, &re) || re.Message != "Card not programmable" {
		t.Errorf("err = %v, want a ResultError", err)
	}
}

func TestEnvironmentVariables(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards/{cardKey}/environmentvariables", "env_spec.json")
	ts.handle("POST /za/v1/cards/{cardKey}/environmentvariables", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"variables":{"test1":"value11","test2":"value22"}}`)
		_, _ = w.Write(fixture(t, "env_replace_spec.json"))
	})
	got, err := c.GetEnvironmentVariables(t.Context(), "1010101")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&EnvironmentVariables{Variables: map[string]string{}, CreatedAt: "2021-10-12T09:12:06.742Z", UpdatedAt: "2021-10-12T09:12:06.742Z"}, got); diff != "" {
		t.Errorf("env (-want +got):\n%s", diff)
	}
	rep, err := c.ReplaceEnvironmentVariables(t.Context(), "1010101", map[string]string{"test1": "value11", "test2": "value22"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"test1": "value11", "test2": "value22"}, rep.Variables); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
}

func TestReplaceEnvironmentVariablesNilSendsEmptyObject(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/v1/cards/{cardKey}/environmentvariables", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"variables":{}}`)
		_, _ = w.Write([]byte(`{"data":{"result":{"variables":{"n":5,"b":true,"s":"x"}}}}`))
	})
	got, err := c.ReplaceEnvironmentVariables(t.Context(), "1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"n": "5", "b": "true", "s": "x"}, got.Variables); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
}
