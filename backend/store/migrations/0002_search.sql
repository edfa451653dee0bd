-- 0002: full-text search over descriptions and the indexes the transaction
-- list, its totals and the loose annotation matching use.

-- An external-content FTS5 index: the text lives in transactions, the
-- triggers below keep the index equal to it.
CREATE VIRTUAL TABLE transactions_fts USING fts5 (
	description,
	content = 'transactions',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);

CREATE TRIGGER transactions_fts_insert AFTER INSERT ON transactions BEGIN
	INSERT INTO transactions_fts (rowid, description) VALUES (new.id, new.description);
END;
CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
	INSERT INTO transactions_fts (transactions_fts, rowid, description) VALUES ('delete', old.id, old.description);
END;
CREATE TRIGGER transactions_fts_update AFTER UPDATE OF description ON transactions BEGIN
	INSERT INTO transactions_fts (transactions_fts, rowid, description) VALUES ('delete', old.id, old.description);
	INSERT INTO transactions_fts (rowid, description) VALUES (new.id, new.description);
END;

-- Rows cached before this migration are indexed too.
INSERT INTO transactions_fts (transactions_fts) VALUES ('rebuild');

-- The bank order across accounts.
CREATE INDEX transactions_book ON transactions (book_date, seq);
-- Covering index for the common filter account + type + date range: the
-- totals (count, in, out) are computed from the index alone.
CREATE INDEX transactions_account_type ON transactions (account_id, transaction_type, book_date, type, amount);
-- Per-account bank order that also covers the account + date range totals;
-- it supersedes 0001's transactions_account_order.
CREATE INDEX transactions_account_totals ON transactions (account_id, book_date, seq, type, amount);
DROP INDEX transactions_account_order;
-- Loose annotation matching looks rows up by account and amount.
CREATE INDEX transactions_account_amount ON transactions (account_id, amount);
