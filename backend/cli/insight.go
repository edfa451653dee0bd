package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
)

func init() {
	registry = append(registry, newCategoriesCmd, newRulesCmd, newBeneficiariesCmd, newInsightCmd)
}

// findCategory returns the listed category with the name (ignoring case).
func findCategory(cmd *cobra.Command, svc *core.Service, name string) (domain.Category, error) {
	list, err := svc.Categories(cmd.Context())
	if err != nil {
		return domain.Category{}, err
	}
	for _, c := range list {
		if c.Listed && strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, nil
		}
	}
	return domain.Category{}, domain.Errorf(domain.CodeNotFound, "There is no category %q. Run: investec-desk categories", name)
}

func newCategoriesCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "categories",
		Short: "List, add, rename and delete your transaction categories",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				list, err := svc.Categories(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(env.Stdout, list)
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "CATEGORY\tTRANSACTIONS\tRULES\t")
				for _, c := range list {
					name := c.Name
					if !c.Listed {
						name += " (not in the list)"
					}
					fmt.Fprintf(tw, "%s\t%d\t%d\t\n", name, c.Uses, c.Rules)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")

	add := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a category",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				c, err := svc.AddCategory(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Added %q.\n", c.Name)
				return nil
			})
		},
	}
	rename := &cobra.Command{
		Use:   "rename NAME NEW-NAME",
		Short: "Rename a category; its transactions and rules follow",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				c, err := findCategory(cmd, svc, args[0])
				if err != nil {
					return err
				}
				c, err = svc.RenameCategory(cmd.Context(), c.ID, args[1])
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Renamed to %q (%d transaction(s), %d rule(s)).\n", c.Name, c.Uses, c.Rules)
				return nil
			})
		},
	}
	var moveTo string
	var uncategorise bool
	del := &cobra.Command{
		Use:   "delete NAME (--move-to OTHER | --uncategorise)",
		Short: "Delete a category, moving its transactions and rules to another or leaving them uncategorised",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (moveTo == "") == !uncategorise {
				return usageError("say what happens to the category's transactions: --move-to OTHER or --uncategorise")
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				c, err := findCategory(cmd, svc, args[0])
				if err != nil {
					return err
				}
				if err := svc.DeleteCategory(cmd.Context(), c.ID, moveTo); err != nil {
					return err
				}
				if moveTo != "" {
					fmt.Fprintf(env.Stdout, "Deleted %q; %d transaction(s) and %d rule(s) moved to %q.\n", c.Name, c.Uses, c.Rules, moveTo)
				} else {
					fmt.Fprintf(env.Stdout, "Deleted %q; %d transaction(s) are uncategorised and %d rule(s) deleted.\n", c.Name, c.Uses, c.Rules)
				}
				return nil
			})
		},
	}
	del.Flags().StringVar(&moveTo, "move-to", "", "the category that takes over the transactions and rules")
	del.Flags().BoolVar(&uncategorise, "uncategorise", false, "leave the transactions uncategorised and delete the rules")
	cmd.AddCommand(add, rename, del)
	return cmd
}

// parseDirection reads in/out/any (or CREDIT/DEBIT).
func parseDirection(s string) (domain.Direction, error) {
	switch strings.ToLower(s) {
	case "", "any", "both":
		return "", nil
	case "in", "credit":
		return domain.Credit, nil
	case "out", "debit":
		return domain.Debit, nil
	}
	return "", usageError("--direction must be in, out or any, not %q", s)
}

func directionLabel(d domain.Direction) string {
	switch d {
	case domain.Credit:
		return "in"
	case domain.Debit:
		return "out"
	}
	return "any"
}

// parseIDs reads rule IDs given as arguments.
func parseIDs(args []string) ([]int64, error) {
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return nil, usageError("%q is not a rule ID (see: investec-desk rules)", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func newRulesCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List and manage the rules that categorise transactions (first match wins)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				list, err := svc.Rules(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(env.Stdout, list)
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tDESCRIPTION CONTAINS\tCATEGORY\tDIRECTION\tACCOUNT\t")
				for _, r := range list {
					acct := r.AccountID
					if acct == "" {
						acct = "any"
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t\n", r.ID, r.Contains, r.Category, directionLabel(r.Direction), acct)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")

	var contains, category, account, direction string
	var apply bool
	add := &cobra.Command{
		Use:   "add --contains TEXT --category NAME [--account ACCOUNT] [--direction in|out] [--apply]",
		Short: "Add a rule (tried first); --apply also applies it to the transactions already cached",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := parseDirection(direction)
			if err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				in := domain.RuleInput{Contains: contains, Category: category, Direction: dir}
				if account != "" {
					if in.AccountID, err = resolveAccount(cmd.Context(), svc, account); err != nil {
						return err
					}
				}
				r, err := svc.AddRule(cmd.Context(), in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Rule %d: descriptions containing %q -> %s.\n", r.ID, r.Contains, r.Category)
				if !apply {
					fmt.Fprintf(env.Stdout, "It applies to transactions synced from now on. To apply it to the cached ones: investec-desk rules apply %d\n", r.ID)
					return nil
				}
				res, err := svc.ApplyRules(cmd.Context(), []int64{r.ID})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Applied: %d transaction(s) categorised, %d re-categorised.\n", res.Categorised, res.Recategorised)
				return nil
			})
		},
	}
	add.Flags().StringVar(&contains, "contains", "", "text the description contains (ignoring case)")
	add.Flags().StringVar(&category, "category", "", "the category to set")
	add.Flags().StringVar(&account, "account", "", "only in this account (ID or number)")
	add.Flags().StringVar(&direction, "direction", "any", "in, out or any")
	add.Flags().BoolVar(&apply, "apply", false, "also apply it to the transactions already cached")

	del := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a rule; the categories it set stay",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs(args)
			if err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				if err := svc.DeleteRule(cmd.Context(), ids[0]); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Deleted rule %d.\n", ids[0])
				return nil
			})
		},
	}
	applyCmd := &cobra.Command{
		Use:   "apply [ID...]",
		Short: "Apply the rules (or only these) to the cached transactions; categories set by hand never change",
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs(args)
			if err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				res, err := svc.ApplyRules(cmd.Context(), ids)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%d transaction(s) categorised, %d re-categorised.\n", res.Categorised, res.Recategorised)
				return nil
			})
		},
	}
	cmd.AddCommand(add, del, applyCmd)
	return cmd
}

func newBeneficiariesCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "beneficiaries",
		Short: "List the cached beneficiaries with their last payment (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				list, err := svc.CachedBeneficiaries(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					type beneficiaryJSON struct {
						domain.Beneficiary
						LastPaymentAmount *string `json:"lastPaymentAmount"`
					}
					out := make([]beneficiaryJSON, 0, len(list))
					for _, b := range list {
						j := beneficiaryJSON{Beneficiary: b}
						if b.LastPaymentAmount != nil {
							s := b.LastPaymentAmount.String()
							j.LastPaymentAmount = &s
						}
						out = append(out, j)
					}
					return writeJSON(env.Stdout, out)
				}
				if len(list) == 0 {
					fmt.Fprintln(env.Stdout, "No beneficiaries are cached. Run: investec-desk sync")
					return nil
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tBANK\tACCOUNT\tLAST PAID\tAMOUNT\tFASTER PAY\t")
				for _, b := range list {
					amount := "-"
					if b.LastPaymentAmount != nil {
						amount = b.LastPaymentAmount.String()
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", b.Name, b.Bank, b.AccountNumber, orDash(b.LastPaymentDate), amount,
						yesNo(b.FasterPaymentAllowed))
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON (amounts as decimal strings)")
	return cmd
}

func newInsightCmd(env Env, g *Globals) *cobra.Command {
	var from, to, account string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "insight [--from DATE] [--to DATE] [--account ACCOUNT]",
		Short: "Money in and out per month, and spending by category (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" {
				from = time.Now().AddDate(0, -11, 0).Format("2006-01") + "-01"
			}
			if err := checkDateRange(from, to); err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				req := domain.InsightRequest{From: from, To: to}
				if account != "" {
					id, err := resolveAccount(cmd.Context(), svc, account)
					if err != nil {
						return err
					}
					req.AccountIDs = []string{id}
				}
				in, err := svc.Insight(cmd.Context(), req)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(env.Stdout, in)
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(tw, "MONTH\tIN\tOUT\tNET\tTRANSACTIONS\t")
				for _, m := range in.InOut {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t\n", m.Month, m.In, m.Out, m.Net, m.Count)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				spent := map[string]domain.Money{}
				var order []string
				for _, c := range in.ByCategory {
					name := c.Group
					if name == "" {
						name = "Uncategorised"
					}
					if _, ok := spent[name]; !ok {
						order = append(order, name)
					}
					spent[name] += c.Out
				}
				fmt.Fprintln(env.Stdout)
				tw = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(tw, "CATEGORY\tSPENT\t")
				for _, name := range order {
					if spent[name] != 0 {
						fmt.Fprintf(tw, "%s\t%s\t\n", name, spent[name])
					}
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first date, YYYY-MM-DD (default: 12 months ago)")
	cmd.Flags().StringVar(&to, "to", "", "last date, YYYY-MM-DD")
	cmd.Flags().StringVar(&account, "account", "", "one account (ID or number)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON (amounts in cents)")
	return cmd
}
