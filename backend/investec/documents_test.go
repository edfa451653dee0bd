package investec

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestListDocuments(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/documents", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testQuery(t, r, map[string]string{"fromDate": "2023-01-01", "toDate": "2023-03-31"})
		_, _ = w.Write(fixture(t, "documents_spec.json"))
	})
	got, err := c.ListDocuments(t.Context(), "3353431574710163189587446", "2023-01-01", "2023-03-31")
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{{DocumentType: "Statement", DocumentDate: "2023-03-16"}, {DocumentType: "Statement", DocumentDate: "2023-02-16"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

func TestListDocumentsWithoutDates(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/documents", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, map[string]string{})
		_, _ = w.Write(fixture(t, "documents_spec.json"))
	})
	if _, err := c.ListDocuments(t.Context(), "a", "", ""); err != nil {
		t.Fatal(err)
	}
}

func TestGetDocumentReturnsBytesAndContentType(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0, 0xff, '\n', '{'}, 5000)...)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/document/{documentType}/{documentDate}", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		if r.PathValue("documentType") != "Statement" || r.PathValue("documentDate") != "2023-03-16" {
			t.Errorf("path = %s", r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="../../etc/Statement 2023-03.pdf"`)
		_, _ = w.Write(pdf)
	})
	got, err := c.GetDocument(t.Context(), "3353431574710163189587446", "Statement", "2023-03-16")
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentType != "application/pdf" || got.Filename != "Statement 2023-03.pdf" || !bytes.Equal(got.Data, pdf) {
		t.Errorf("document = %q %q %d bytes (equal: %v)", got.ContentType, got.Filename, len(got.Data), bytes.Equal(got.Data, pdf))
	}
}

func TestAttachmentName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                                     "",
		`attachment; filename="a.pdf"`:         "a.pdf",
		`attachment; filename="..\\..\\x.pdf"`: "x.pdf",
		`attachment; filename=".."`:            "",
		`inline`:                               "",
		`attachment; filename="/"`:             "",
		`garbage;;;=`:                          "",
	} {
		if got := attachmentName(in); got != want {
			t.Errorf("attachmentName(%q) = %q, want %q", in, got, want)
		}
	}
}
