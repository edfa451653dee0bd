package investec

import (
	"context"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// Document is a statement or tax certificate that GetDocument can fetch.
// Pass DocumentType and DocumentDate back exactly as received.
type Document struct {
	DocumentType string `json:"documentType"` // "Statement" is the only type documented
	DocumentDate string `json:"documentDate"` // YYYY-MM-DD
}

// ListDocuments returns the documents of an account dated between from and
// to (YYYY-MM-DD, inclusive). The spec marks both dates required; the
// sandbox accepts neither, so empty dates are simply not sent.
//
// Investec API docs: documents
func (c *Client) ListDocuments(ctx context.Context, accountID, from, to string) ([]Document, error) {
	q := url.Values{}
	if from != "" {
		q.Set("fromDate", from)
	}
	if to != "" {
		q.Set("toDate", to)
	}
	p := withQuery(escapePath("/za/pb/v1/accounts/%s/documents", accountID), q)
	return callData[[]Document](ctx, c, http.MethodGet, p, nil)
}

// DocumentFile is a downloaded document: its bytes as sent (a PDF, as far
// as anyone has seen) with the Content-Type and, when the server names one,
// a file name reduced to its base name.
type DocumentFile struct {
	ContentType string
	Filename    string
	Data        []byte
}

// GetDocument downloads one document. documentType and documentDate are the
// values ListDocuments returned. Note the singular "document" in the path.
//
// Investec API docs: document
func (c *Client) GetDocument(ctx context.Context, accountID, documentType, documentDate string) (*DocumentFile, error) {
	p := escapePath("/za/pb/v1/accounts/%s/document/%s/%s", accountID, documentType, documentDate)
	req, err := c.newRequest(ctx, http.MethodGet, p, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/pdf, application/octet-stream;q=0.9, */*;q=0.8")
	res, err := c.exchange(req, exchangeOptions{auth: true, idempotent: true, limit: maxDocumentBody})
	if err != nil {
		return nil, err
	}
	return &DocumentFile{
		ContentType: res.header.Get("Content-Type"),
		Filename:    attachmentName(res.header.Get("Content-Disposition")),
		Data:        res.body,
	}, nil
}

// attachmentName returns the file name of a Content-Disposition header,
// stripped of any directory so it cannot point outside a download folder.
func attachmentName(cd string) string {
	if cd == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(cd)
	if err != nil {
		return ""
	}
	name := strings.ReplaceAll(params["filename"], "\\", "/")
	name = path.Base(name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}
