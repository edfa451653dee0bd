package domain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPayloadJSON(t *testing.T) {
	t.Parallel()
	secret := "s3cr3t-client-secret"
	cases := []struct {
		name string
		err  error
		want ErrorPayload
	}{
		{
			name: "coded error",
			err:  fmt.Errorf("sync: %w", Errorf(CodeConflict, "A sync is already running.")),
			want: ErrorPayload{Code: CodeConflict, Message: "A sync is already running."},
		},
		{
			name: "field error",
			err:  FieldError("amount", "Enter an amount."),
			want: ErrorPayload{Code: CodeInvalid, Message: "Enter an amount.", Fields: []FieldProblem{{Field: "amount", Message: "Enter an amount."}}},
		},
		{
			name: "validation errors",
			err: ValidationErrors{
				FieldError("amount", "Enter an amount."),
				FieldError("reference", "Too long."),
			}.Err(),
			want: ErrorPayload{Code: CodeInvalid, Message: "Enter an amount.", Fields: []FieldProblem{
				{Field: "amount", Message: "Enter an amount."},
				{Field: "reference", Message: "Too long."},
			}},
		},
		{
			name: "wrapped cause stays inside",
			err:  Wrap(errors.New("token request failed: client_secret="+secret), CodeUnauthorized, "Investec refused the credentials."),
			want: ErrorPayload{Code: CodeUnauthorized, Message: "Investec refused the credentials."},
		},
		{
			name: "plain error is internal and says nothing of itself",
			err:  errors.New("dial tcp: secret " + secret),
			want: ErrorPayload{Code: CodeInternal, Message: "Something went wrong. The details are in the log."},
		},
		{
			name: "cancellation",
			err:  fmt.Errorf("list: %w", context.Canceled),
			want: ErrorPayload{Code: CodeCancelled, Message: "Cancelled."},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := PayloadJSON(tc.err)
			if strings.Contains(s, secret) {
				t.Fatalf("PayloadJSON leaked the cause: %s", s)
			}
			var got ErrorPayload
			if err := json.Unmarshal([]byte(s), &got); err != nil {
				t.Fatalf("PayloadJSON = %q, not JSON: %v", s, err)
			}
			if got.Code != tc.want.Code || got.Message != tc.want.Message || !slices.Equal(got.Fields, tc.want.Fields) {
				t.Errorf("PayloadJSON(%v) decoded = %+v, want %+v", tc.err, got, tc.want)
			}
			if !strings.HasPrefix(s, "{") {
				t.Errorf("PayloadJSON = %q, want a JSON object the frontend recognises", s)
			}
		})
	}
}

func TestValidationErrorsNameTheFieldOnce(t *testing.T) {
	t.Parallel()
	err := ValidationErrors{FieldError("to", "The end date is before the start date.")}.Err()
	if got, want := err.Error(), "to: The end date is before the start date."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
