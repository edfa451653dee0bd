package cli

import (
	"fmt"
	"io"
	"strings"
)

// diffOp is one line of a line diff: ' ' kept, '-' only in the old text,
// '+' only in the new one.
type diffOp struct {
	op   byte
	line string
}

// maxDiffCells bounds the LCS table; beyond it the diff is "remove all,
// add all", which is still correct, only less helpful.
const maxDiffCells = 4 << 20

// lineDiff returns a shortest line diff from a to b (longest common
// subsequence of lines).
func lineDiff(a, b []string) []diffOp {
	// Trim the common head and tail, which is most of a typical edit.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	out := make([]diffOp, 0, len(a)+len(b))
	for _, l := range a[:head] {
		out = append(out, diffOp{' ', l})
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if len(ma)*len(mb) > maxDiffCells {
		for _, l := range ma {
			out = append(out, diffOp{'-', l})
		}
		for _, l := range mb {
			out = append(out, diffOp{'+', l})
		}
	} else {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		w := len(mb) + 1
		lcs := make([]int, (len(ma)+1)*w)
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
				} else {
					lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				out = append(out, diffOp{' ', ma[i]})
				i++
				j++
			case j < len(mb) && (i == len(ma) || lcs[i*w+j+1] >= lcs[(i+1)*w+j]):
				out = append(out, diffOp{'+', mb[j]})
				j++
			default:
				out = append(out, diffOp{'-', ma[i]})
				i++
			}
		}
	}
	for _, l := range a[len(a)-tail:] {
		out = append(out, diffOp{' ', l})
	}
	return out
}

// splitLines splits text into lines without their line ends.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n"), "\n")
}

// writeUnifiedDiff writes the difference between oldText and newText as a
// unified diff with three lines of context, and reports whether they
// differ.
func writeUnifiedDiff(w io.Writer, oldName, newName, oldText, newText string) (bool, error) {
	ops := lineDiff(splitLines(oldText), splitLines(newText))
	changed := false
	for _, o := range ops {
		if o.op != ' ' {
			changed = true
			break
		}
	}
	if !changed {
		return false, nil
	}
	if _, err := fmt.Fprintf(w, "--- %s\n+++ %s\n", oldName, newName); err != nil {
		return true, err
	}
	const context = 3
	// oldAt[k] and newAt[k] are the 1-based line numbers ops[k] starts at.
	oldAt, newAt := make([]int, len(ops)+1), make([]int, len(ops)+1)
	oldAt[0], newAt[0] = 1, 1
	for k, o := range ops {
		oldAt[k+1], newAt[k+1] = oldAt[k], newAt[k]
		if o.op != '+' {
			oldAt[k+1]++
		}
		if o.op != '-' {
			newAt[k+1]++
		}
	}
	for k := 0; k < len(ops); {
		if ops[k].op == ' ' {
			k++
			continue
		}
		// A hunk: from context lines before this change to context lines
		// after the last change that is at most 2*context lines away.
		start := max(0, k-context)
		end := k
		for end < len(ops) {
			if ops[end].op != ' ' {
				end++
				continue
			}
			next := end
			for next < len(ops) && ops[next].op == ' ' {
				next++
			}
			if next == len(ops) || next-end > 2*context {
				end = min(len(ops), end+context)
				break
			}
			end = next
		}
		oldCount, newCount := 0, 0
		for _, o := range ops[start:end] {
			if o.op != '+' {
				oldCount++
			}
			if o.op != '-' {
				newCount++
			}
		}
		if _, err := fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(oldAt[start], oldCount), hunkRange(newAt[start], newCount)); err != nil {
			return true, err
		}
		for _, o := range ops[start:end] {
			if _, err := fmt.Fprintf(w, "%c%s\n", o.op, o.line); err != nil {
				return true, err
			}
		}
		k = end
	}
	return true, nil
}

// hunkRange writes a unified diff range: "start,count", where an empty
// range starts at the line before it.
func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
