package sandbox

import (
	"bytes"
	"fmt"
	"strconv"
)

// A small PDF 1.4 writer: enough for text-only statements that pdftotext,
// pdfinfo and every viewer accept. It uses the standard Helvetica fonts
// (no embedding) with WinAnsiEncoding, so accented Latin letters such as
// the è in "Vida e Caffè" survive.

// A4 page size and layout, in points.
const (
	pdfPageW     = 595
	pdfPageH     = 842
	pdfMargin    = 50
	pdfLineH     = 12
	pdfBodySize  = 8.5
	pdfLinesPage = (pdfPageH - 2*pdfMargin - 30) / pdfLineH
)

// pdfText is one piece of text on a line: x is the left edge, or the right
// edge when right is set (for amounts).
type pdfText struct {
	x     float64
	text  string
	bold  bool
	size  float64
	right bool
}

// pdfLine is a line of text pieces; an empty line is a gap.
type pdfLine []pdfText

// helveticaWidth is the advance width (per 1000 em) of the characters used
// in amounts, for right-aligning them. Other characters use an average.
var helveticaWidth = map[byte]int{
	'0': 556, '1': 556, '2': 556, '3': 556, '4': 556, '5': 556, '6': 556, '7': 556, '8': 556, '9': 556,
	'.': 278, ',': 278, '-': 333, ' ': 278, 'R': 722,
}

func textWidth(s string, size float64) float64 {
	w := 0
	for i := 0; i < len(s); i++ {
		if cw, ok := helveticaWidth[s[i]]; ok {
			w += cw
		} else {
			w += 556
		}
	}
	return float64(w) * size / 1000
}

// pdfString encodes s as a PDF literal string in WinAnsiEncoding: Latin-1
// characters map to their byte (written as octal escapes), anything else
// becomes '?'.
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7F:
			b.WriteRune(r)
		case r >= 0xA0 && r <= 0xFF:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
	return b.String()
}

func fmtPt(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// renderPDF lays lines out on as many A4 pages as needed, with a footer
// "<footer> - page n of m" on each, and returns the file.
func renderPDF(title, footer string, created day, lines []pdfLine) []byte {
	var pages [][]pdfLine
	for len(lines) > 0 {
		n := min(len(lines), pdfLinesPage)
		pages = append(pages, lines[:n])
		lines = lines[n:]
	}
	if len(pages) == 0 {
		pages = [][]pdfLine{nil}
	}

	var out bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

	// Objects 1-4: catalog, page tree, fonts, info. Pages follow as pairs
	// of (page, content stream) starting at object 6.
	const firstPage = 6
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", firstPage+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", joinStrings(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	y, m, d := created.civil()
	obj(fmt.Sprintf("<< /Title %s /Producer (Investec Desk sandbox) /CreationDate (D:%04d%02d%02d060000+02'00') >>", pdfString(title), y, m, d))

	for i, page := range pages {
		var cs bytes.Buffer
		cs.WriteString("BT\n")
		yPos := float64(pdfPageH - pdfMargin)
		for _, line := range page {
			for _, t := range line {
				size := t.size
				if size == 0 {
					size = pdfBodySize
				}
				font := "/F1"
				if t.bold {
					font = "/F2"
				}
				x := t.x
				if t.right {
					x -= textWidth(t.text, size)
				}
				fmt.Fprintf(&cs, "%s %s Tf 1 0 0 1 %s %s Tm %s Tj\n", font, fmtPt(size), fmtPt(x), fmtPt(yPos), pdfString(t.text))
			}
			yPos -= pdfLineH
		}
		foot := fmt.Sprintf("%s - page %d of %d", footer, i+1, len(pages))
		fmt.Fprintf(&cs, "/F1 7 Tf 1 0 0 1 %d %d Tm %s Tj\nET\n", pdfMargin, pdfMargin-20, pdfString(foot))

		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>", pdfPageW, pdfPageH, firstPage+2*i+1))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cs.Len(), cs.String()))
	}

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return out.Bytes()
}

func joinStrings(parts []string, sep string) string {
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}
