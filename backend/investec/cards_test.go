package investec

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"math/big"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestListCardsSpecExample(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards", "cards_spec.json")
	got, err := c.ListCards(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d cards", len(got))
	}
	want := Card{CardKey: "1010101", CardNumber: "402167XXXXXX1111", IsProgrammable: true, Status: "Active", CardTypeCode: "VGC",
		AccountNumber: "10011001100", AccountID: "177778438355553632224"}
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("card (-want +got):\n%s", diff)
	}
}

func TestListCardsNumericCardKey(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards", "cards_live.json")
	got, err := c.ListCards(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Card{
		{CardKey: "1010101", CardNumber: "402167XXXXXX1111", IsProgrammable: true, Status: "Active", CardTypeCode: "VGC",
			AccountNumber: "10011001100", AccountID: "177778438355553632224", EmbossedName: "MR J SOAP"},
		{CardKey: "1020202", CardNumber: "402167XXXXXX2222", Status: "Inactive", CardTypeCode: "VBC",
			AccountNumber: "10011001100", AccountID: "177778438355553632224", EmbossedName: "MR J SOAP", IsVirtualCard: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cards (-want +got):\n%s", diff)
	}
}

func TestCreateVirtualCard(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/v1/cards", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"AccountNumber":"10011001100","EmbossName":"CardEmbossName","EmbossName2":"CardEmbossName2"}`)
		_, _ = w.Write(fixture(t, "card_create_spec.json"))
	})
	got, err := c.CreateVirtualCard(t.Context(), &CreateVirtualCardRequest{AccountNumber: "10011001100", EmbossName: "CardEmbossName", EmbossName2: "CardEmbossName2"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&VirtualCard{CardKey: "212121", IsVirtualCard: true, EmbossName: "CardEmbossName", EmbossName2: "CardEmbossName2"}, got); diff != "" {
		t.Errorf("card (-want +got):\n%s", diff)
	}
	if _, err := c.CreateVirtualCard(t.Context(), &CreateVirtualCardRequest{}); err == nil {
		t.Error("a card without an account number was requested")
	}
}

func TestGetCardDetail(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/v1/cards/{cardKey}", "card_detail_spec.json")
	got, err := c.GetCardDetail(t.Context(), "212121")
	if err != nil {
		t.Fatal(err)
	}
	want := &CardDetail{CardKeyHash: "212121", MaskedCardNumber: "402222xxxxx2222", EmbossName: "CardEmbossName",
		EmbossName2: "CardEmbossName2", Status: "Active", AccountNumber: "{accountnumber}", IsVirtualCard: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("detail (-want +got):\n%s", diff)
	}
}

func TestGetCardDetailSensitive(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	body, err := NewSensitiveDetailsRequest(&key.PublicKey, 7, "desk key", "Investec Desk")
	if err != nil {
		t.Fatal(err)
	}
	if body.Exponent != "010001" {
		t.Errorf("exponent = %q, want 010001", body.Exponent)
	}
	if n, ok := new(big.Int).SetString(body.Modulus, 16); !ok || n.Cmp(key.N) != 0 {
		t.Error("the modulus does not decode back to the key's")
	}
	c, ts := setup(t)
	ts.handle("POST /za/v1/cards/{cardKey}", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testQuery(t, r, map[string]string{"extended": "true"})
		testJSONBody(t, r, `{"keyId":7,"identifier":"desk key","appName":"Investec Desk","modulus":"`+body.Modulus+`","exponent":"010001"}`)
		_, _ = w.Write(fixture(t, "card_detail_sensitive_spec.json"))
	})
	got, err := c.GetCardDetailSensitive(t.Context(), "2121212", body)
	if err != nil {
		t.Fatal(err)
	}
	want := &ExtendedCardDetails{CardNumber: "{base64EncryptedString}", ExpiryDate: "{base64EncryptedString}", CVV2: "{base64EncryptedString}"}
	if diff := cmp.Diff(want, got.ExtendedDetails); diff != "" {
		t.Errorf("extended (-want +got):\n%s", diff)
	}
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	if _, err := NewSensitiveDetailsRequest(&small.PublicKey, 1, "", ""); err == nil {
		t.Error("a 1024-bit key was accepted")
	}
}

func TestToggleProgrammableFeatureBothShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file    string
		enabled bool
		want    bool
	}{
		{"toggle_spec.json", false, false},
		{"toggle_enveloped.json", true, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.handle("POST /za/v1/cards/{cardKey}/toggle-programmable-feature", func(w http.ResponseWriter, r *http.Request) {
				ts.checkAuth(r)
				if tc.enabled {
					testJSONBody(t, r, `{"Enabled":true}`)
				} else {
					testJSONBody(t, r, `{"Enabled":false}`)
				}
				_, _ = w.Write(fixture(t, tc.file))
			})
			got, err := c.ToggleProgrammableFeature(t.Context(), "1010101", tc.enabled)
			if err != nil || got != tc.want {
				t.Errorf("Toggle = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestToggleWithoutStateIsUnknownOutcome(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/v1/cards/{cardKey}/toggle-programmable-feature", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"result":{}}}`))
	})
	_, err := c.ToggleProgrammableFeature(t.Context(), "1", true)
	var dec *DecodeError
	if !IsUnknownOutcome(err) || !errors.As(err, &dec) {
		t.Errorf("err = %v, want an unknown outcome wrapping a decode error", err)
	}
}
