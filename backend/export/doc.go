// Package export turns the cached transactions of a period into files an
// accountant trusts: an Excel workbook (a Summary that reconciles every
// account, one ledger sheet per account, Pending and Categories sheets), a
// CSV and an OFX statement per account, and the accountant pack that bundles
// them with the bank's own statements and tax certificates and a manifest of
// checksums.
//
// The package reads through two small interfaces, Source and
// DocumentSource, so it knows nothing of the store or the API client. Every
// writer streams: rows go from the Source to the file one at a time, so
// memory stays flat however long the period. Money stays in integer cents
// until the moment a number is written.
package export
