// Package archtest holds tests that guard the architecture: which packages
// may import which. It has no code of its own.
package archtest
