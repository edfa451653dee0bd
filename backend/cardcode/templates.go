package cardcode

import (
	"embed"
	"maps"
)

//go:embed templates/*.js
var templateFiles embed.FS

// Template is a ready-made piece of card code with the environment
// variables it reads and sensible starting values for them.
type Template struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Code        string            `json:"code"`
	Env         map[string]string `json:"env"`
}

// templateList describes the templates; Code comes from templates/<ID>.js.
var templateList = []Template{
	{
		ID:          "starter",
		Name:        "Investec starter",
		Description: "Investec's default card code: logs every authorization and transaction and approves everything.",
		Env:         map[string]string{},
	},
	{
		ID:   "block-categories",
		Name: "Block a merchant category",
		Description: "Declines transactions at merchants whose category is listed in blockedCategories " +
			"(merchant category codes or keys, separated by commas).",
		Env: map[string]string{"blockedCategories": "7995"},
	},
	{
		ID:   "cap-amount",
		Name: "Cap the amount",
		Description: "Declines any transaction above a limit: maxCents in cents, or maxAmount in rands. " +
			"Declines everything while neither is set correctly.",
		Env: map[string]string{"maxAmount": "500.00"},
	},
	{
		ID:   "allow-countries",
		Name: "Allow only some countries",
		Description: "Approves transactions only in the countries listed in allowedCountries " +
			"(two-letter codes, separated by commas).",
		Env: map[string]string{"allowedCountries": "ZA"},
	},
	{
		ID:   "weekend-gambling",
		Name: "Weekend gambling block",
		Description: "Declines gambling (merchant category 7995, or the codes in gamblingCategories) " +
			"on Saturdays and Sundays, South African time.",
		Env: map[string]string{"gamblingCategories": "7995"},
	},
}

// Templates returns the card code templates. Each call returns fresh copies
// the caller may change.
func Templates() []Template {
	out := make([]Template, len(templateList))
	for i, t := range templateList {
		code, err := templateFiles.ReadFile("templates/" + t.ID + ".js")
		if err != nil {
			panic("cardcode: template " + t.ID + " is not embedded") // a build mistake, caught by the tests
		}
		t.Code = string(code)
		t.Env = maps.Clone(t.Env)
		out[i] = t
	}
	return out
}
