-- 0002: full-text search over descriptions and the indexes the transaction
-- list and its totals use.

-- An external-content FTS5 index: the text lives in transactions. The
-- store's replacement code keeps the index equal to the table in the same
-- transaction as each change (in bulk: per-row triggers make FTS5 flush on
-- every statement and cost four times the insert itself). Any new code
-- that writes transactions must do the same.
CREATE VIRTUAL TABLE transactions_fts USING fts5 (
	description,
	content = 'transactions',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Rows cached before this migration are indexed too.
INSERT INTO transactions_fts (transactions_fts) VALUES ('rebuild');

-- The bank order across accounts (the unfiltered first screen).
CREATE INDEX transactions_book ON transactions (book_date, seq);
-- Per-account bank order. It also covers the common filters (account +
-- date range + direction + transactionType) and their totals, so those are
-- answered from the index alone, and window replacement deletes through it
-- (book_date is the posting date of posted rows). It supersedes 0001's
-- transactions_account_order and transactions_window.
CREATE INDEX transactions_account ON transactions (account_id, book_date, seq, type, amount, transaction_type);
DROP INDEX transactions_account_order;
DROP INDEX transactions_window;
-- Pending rows are replaced per account; they are few, so a partial index.
CREATE INDEX transactions_pending ON transactions (account_id) WHERE status = 'PENDING';
