//go:build !unix

package sync_test

import "time"

// processCPU reports false: the benchmarks show no CPU figures here.
func processCPU() (time.Duration, bool) { return 0, false }
