package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCompactJSON writes v as one line of JSON without a newline.
func writeCompactJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// statusLine is a line on stderr that a terminal redraws in place: the
// progress of a sync or an export.
type statusLine struct {
	w    io.Writer
	tty  bool
	last int // length of the line drawn last, to blank its tail
}

func newStatusLine(env Env) statusLine {
	return statusLine{w: env.Stderr, tty: isTerminal(env, env.Stderr)}
}

// draw replaces the line drawn last with line.
func (l *statusLine) draw(line string) {
	if len(line) < l.last {
		line += strings.Repeat(" ", l.last-len(line))
	}
	l.last = len(line)
	fmt.Fprint(l.w, "\r"+line)
}

// end ends the line, when one was drawn, so what follows starts on a line
// of its own.
func (l *statusLine) end() {
	if l.tty && l.last > 0 {
		fmt.Fprintln(l.w)
	}
}
