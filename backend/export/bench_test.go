package export

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// benchPeriod covers every generated row (7 a day from 2025-03-01).
var benchPeriod = domain.Period{From: "2025-03-01", To: "2999-12-31", Label: "bench"}

// genSource is a Source whose one account generates n rows on the fly.
func genSource(n int) *memSource {
	return &memSource{
		accounts: []domain.Account{{ID: "bench", Number: "10011425044", ProductName: "Private Bank Account"}},
		gen:      func(id string) iter.Seq[domain.Transaction] { return genRows(id, "2025-03-01", n, 1_000_000) },
		genCount: int64(n),
	}
}

// BenchmarkWorkbook200k exports 200,000 transactions beside a baseline that
// writes the same cells of the same generated rows with excelize's
// StreamWriter and no logic at all (no reconciliation, categories, totals,
// other sheets or date parsing). Both write the package through the same
// zip writer to io.Discard. Each iteration runs the two back to back, so a
// busy shared machine slows both alike, and the benchmark reports the
// seconds of each and their ratio, the cost of the exporter's own work
// (target: at most 1.3).
func BenchmarkWorkbook200k(b *testing.B) {
	const n = 200_000
	src := genSource(n)
	req := Request{Period: benchPeriod, Now: testNow}
	var export, raw time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := WriteWorkbook(context.Background(), io.Discard, req, src, nil); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := rawWorkbook(io.Discard, n); err != nil {
			b.Fatal(err)
		}
		export += t1.Sub(t0)
		raw += time.Since(t1)
	}
	b.ReportMetric(export.Seconds()/float64(b.N), "export-s/op")
	b.ReportMetric(raw.Seconds()/float64(b.N), "raw-s/op")
	b.ReportMetric(export.Seconds()/raw.Seconds(), "export/raw")
	b.ReportMetric(float64(n)*float64(b.N)/export.Seconds(), "export-rows/s")
}

// rawWorkbook is the baseline: the same ledger cells, straight from the
// generator into a StreamWriter.
func rawWorkbook(w io.Writer, n int) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	money, date := MoneyFormat, DateFormat
	ms, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &money})
	ds, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &date})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	start, _ := time.Parse("2006-01-02", "2025-03-01")
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	row := make([]any, 9)
	bal := domain.Money(1_000_000)
	for i := range n {
		t := genTx("bench", start, i)
		bal += t.SignedAmount
		clear(row)
		day := start.AddDate(0, 0, i/7)
		row[0] = excelize.Cell{StyleID: ds, Value: int(day.Sub(epoch).Hours() / 24)}
		row[1] = excelize.Cell{StyleID: ds, Value: int(day.Sub(epoch).Hours()/24) - i%2}
		row[2] = t.Description
		row[3] = t.TransactionType
		if t.Category != "" {
			row[4] = t.Category
		}
		if t.Note != "" {
			row[5] = t.Note
		}
		if t.Type == domain.Credit {
			row[6] = excelize.Cell{StyleID: ms, Value: float64(t.Amount) / 100}
		} else {
			row[7] = excelize.Cell{StyleID: ms, Value: float64(t.Amount) / 100}
		}
		row[8] = excelize.Cell{StyleID: ms, Value: float64(bal) / 100}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(io.Discard)
}

// peakChildEnv makes the test binary, started again by
// BenchmarkWorkbook1MPeakMemory, export a million rows and report its peak
// memory instead of running tests.
const peakChildEnv = "INVESTEC_DESK_EXPORT_PEAK_CHILD"

func TestMain(m *testing.M) {
	if rows := os.Getenv(peakChildEnv); rows != "" {
		os.Exit(peakMemoryChild(rows))
	}
	os.Exit(m.Run())
}

// peakReport is what the child process prints.
type peakReport struct {
	Rows          int     `json:"rows"`
	Seconds       float64 `json:"seconds"`
	PeakRSSKiB    int64   `json:"vmHWMKiB"`
	PeakHeapInuse uint64  `json:"peakHeapInuse"`
	PeakSys       uint64  `json:"peakSys"`
	FileBytes     int64   `json:"fileBytes"`
}

// peakMemoryChild writes a workbook of n generated rows to a file while
// sampling the heap, then prints a peakReport with the process's high-water
// resident set size (VmHWM) from /proc/self/status.
func peakMemoryChild(rows string) int {
	n, err := strconv.Atoi(rows)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	dir, err := os.MkdirTemp("", "export-peak-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	var peakHeap, peakSys atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peakHeap.Load() {
				peakHeap.Store(ms.HeapInuse)
			}
			if ms.Sys > peakSys.Load() {
				peakSys.Store(ms.Sys)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	path := filepath.Join(dir, "peak.xlsx")
	_, err = WriteWorkbookFile(context.Background(), path, Request{Period: benchPeriod, Now: testNow}, genSource(n), nil)
	close(done)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fi, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	rep := peakReport{Rows: n, Seconds: time.Since(start).Seconds(), PeakRSSKiB: vmHWM(), PeakHeapInuse: peakHeap.Load(), PeakSys: peakSys.Load(), FileBytes: fi.Size()}
	if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
		return 1
	}
	return 0
}

// vmHWM reads the process's peak resident set size in KiB.
func vmHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return -1
}

// BenchmarkWorkbook1MPeakMemory exports 1,000,000 transactions to a file in
// a child process and reports its peak resident memory (VmHWM) and peak Go
// heap in use, in MB (target: under 200 MB). It runs once whatever b.N.
func BenchmarkWorkbook1MPeakMemory(b *testing.B) {
	var rep peakReport
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), peakChildEnv+"=1000000")
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v", err)
		}
		if err := json.Unmarshal(out, &rep); err != nil {
			b.Fatalf("child said %q: %v", out, err)
		}
	}
	b.ReportMetric(float64(rep.PeakRSSKiB)/1024, "peak-RSS-MB")
	b.ReportMetric(float64(rep.PeakHeapInuse)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(rep.FileBytes)/(1<<20), "file-MB")
	b.ReportMetric(rep.Seconds, "s/export")
}
