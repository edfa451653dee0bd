package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// selfBase is the host Investec's sandbox puts in links.self. Using a fixed
// host rather than the listener's address keeps responses byte-identical
// across runs on different ports.
const selfBase = "https://openapisandbox.investec.com"

// errInvalidAccount is the real API's 400 body for an account the key cannot
// use, recorded from Investec's sandbox.
const errInvalidAccount = "The specified account is invalid. (Parameter 'accountId')"

// appendMoney appends cents as a JSON number token in rands, exactly as
// Investec writes amounts: no trailing zeros and no decimal point for whole
// rands (535, 53.6, 28857.76, -1234.05). Only integer arithmetic is used.
func appendMoney(b []byte, cents int64) []byte {
	// Divide before taking absolute values so math.MinInt64 cannot
	// overflow.
	whole, frac := cents/100, cents%100
	if cents < 0 {
		b = append(b, '-')
		whole, frac = -whole, -frac
	}
	b = strconv.AppendInt(b, whole, 10)
	switch {
	case frac == 0:
	case frac%10 == 0:
		b = append(b, '.', byte('0'+frac/10))
	default:
		b = append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
	}
	return b
}

// randString formats cents as the decimal string Investec uses in string
// fields such as a beneficiary's lastPaymentAmount ("10.00").
func randString(cents int64) string {
	whole, frac := cents/100, cents%100
	sign := ""
	if cents < 0 {
		sign, whole, frac = "-", -whole, -frac
	}
	return sign + strconv.FormatInt(whole, 10) + "." + string([]byte{"0123456789"[frac/10], "0123456789"[frac%10]})
}

// wireMoney is an amount in cents that marshals as Investec's number token.
type wireMoney int64

// MarshalJSON implements json.Marshaler.
func (m wireMoney) MarshalJSON() ([]byte, error) { return appendMoney(nil, int64(m)), nil }

// htmlEscape escapes a description the way Investec's API does on the wire:
// GINO'S RESTAURANT & BAR becomes GINO&apos;S RESTAURANT &amp; BAR.
func htmlEscape(s string) string {
	if !strings.ContainsAny(s, `&<>'"`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\'':
			b.WriteString("&apos;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// appendJSONString appends s as a JSON string literal. Unlike encoding/json
// it leaves &, < and > alone, as Investec does (its escaped descriptions
// contain a literal "&amp;").
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigit(c>>4), hexDigit(c&0xF))
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigit(byte(r&0xF)))
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func hexDigit(v byte) byte { return "0123456789abcdef"[v&0xF] }

// links is the envelope's links object. Self is null on card endpoints.
type links struct {
	Self *string `json:"self"`
}

// meta is the envelope's meta object.
type meta struct {
	TotalPages int `json:"totalPages"`
}

// envelope is the {data, links, meta} wrapper every PB and card response
// uses.
type envelope struct {
	Data  any   `json:"data"`
	Links links `json:"links"`
	Meta  meta  `json:"meta"`
}

// selfLink returns links.self for a PB request: the sandbox host, the path
// and the query string as the client sent them.
func selfLink(r *http.Request) links {
	s := selfBase + r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		s += "?" + r.URL.RawQuery
	}
	return links{Self: &s}
}

// marshal encodes v as compact JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSON writes a 200 (or status) JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		writeEmpty(w, http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, "application/json; charset=utf-8", b)
}

// writeRaw writes body with an explicit Content-Length.
func writeRaw(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-cache, no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body) //nolint:gosec // G705: JSON or PDF with an explicit Content-Type, not HTML
}

// writeEmpty writes status with an empty body and Content-Type
// application/json, as Investec's gateway does for 400/401 on the token
// endpoint and for refused resource calls.
func writeEmpty(w http.ResponseWriter, status int) {
	writeRaw(w, status, "application/json", nil)
}

// writeBareString writes a 400 whose body is a bare JSON string, Investec's
// shape for a rejected resource request.
func writeBareString(w http.ResponseWriter, status int, msg string) {
	writeRaw(w, status, "application/json; charset=utf-8", appendJSONString(nil, msg))
}
