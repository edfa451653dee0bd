package domain

import "encoding/json"

// PayloadJSON returns Payload(err) encoded as a JSON string, for Wails'
// ErrorFormatter. Wails v2.16.0's JavaScript runtime rejects a failed call
// with new Error(value): a struct arrives as Error("[object Object]") and
// loses its code and fields, while a string arrives intact as the Error's
// message, which the frontend's gateway (frontend/src/lib/api) parses back.
func PayloadJSON(err error) string {
	b, mErr := json.Marshal(Payload(err))
	if mErr != nil {
		// A code and a string cannot fail to encode; keep the promise anyway.
		return `{"code":"internal","message":"Something went wrong. The details are in the log."}`
	}
	return string(b)
}
