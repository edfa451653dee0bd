-- 0001: the cache's core tables. Money is always INTEGER cents; dates are
-- TEXT YYYY-MM-DD; instants are TEXT RFC 3339 in UTC. Nothing here ever
-- holds a secret.

CREATE TABLE accounts (
	id             TEXT PRIMARY KEY,
	number         TEXT NOT NULL DEFAULT '',
	name           TEXT NOT NULL DEFAULT '',
	reference_name TEXT NOT NULL DEFAULT '',
	product_name   TEXT NOT NULL DEFAULT '',
	profile_id     TEXT NOT NULL DEFAULT '',
	profile_name   TEXT NOT NULL DEFAULT '',
	kyc_compliant  INTEGER NOT NULL DEFAULT 0,
	kind           TEXT NOT NULL DEFAULT 'private' CHECK (kind IN ('private', 'business')),
	position       INTEGER NOT NULL DEFAULT 0,   -- the order the bank listed it in
	first_seen_at  TEXT NOT NULL,
	last_seen_at   TEXT NOT NULL
);

-- balances is a history: one row per fetch.
CREATE TABLE balances (
	id         INTEGER PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	current    INTEGER NOT NULL,
	available  INTEGER NOT NULL,
	budget     INTEGER,
	straight   INTEGER,
	cash       INTEGER,
	currency   TEXT NOT NULL DEFAULT '',
	fetched_at TEXT NOT NULL
);
CREATE INDEX balances_account ON balances (account_id, fetched_at);

-- annotations are the user's own data (category, note). They are never
-- deleted by a sync: each carries a copy of the matching key of the
-- transaction it belongs to, so it can be re-attached after that
-- transaction's window is replaced, or flagged orphaned.
CREATE TABLE annotations (
	id               INTEGER PRIMARY KEY,
	account_id       TEXT NOT NULL,
	status           TEXT NOT NULL CHECK (status IN ('POSTED', 'PENDING')),
	type             TEXT NOT NULL CHECK (type IN ('CREDIT', 'DEBIT')),
	amount           INTEGER NOT NULL,
	description      TEXT NOT NULL,
	posting_date     TEXT NOT NULL,
	transaction_date TEXT NOT NULL,
	occurrence       INTEGER NOT NULL,
	category         TEXT NOT NULL DEFAULT '',
	note             TEXT NOT NULL DEFAULT '',
	orphaned_at      TEXT,               -- NULL while attached
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
);
CREATE INDEX annotations_account ON annotations (account_id, orphaned_at);

-- transactions holds posted and pending rows (status). book_date is the
-- date the filters and the bank order use: postingDate for posted rows,
-- transactionDate for pending ones. seq orders rows within a book_date:
-- postedOrder for posted rows; pending rows come after them.
CREATE TABLE transactions (
	id               INTEGER PRIMARY KEY,
	account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	status           TEXT NOT NULL CHECK (status IN ('POSTED', 'PENDING')),
	type             TEXT NOT NULL CHECK (type IN ('CREDIT', 'DEBIT')),
	transaction_type TEXT NOT NULL DEFAULT '',
	description      TEXT NOT NULL DEFAULT '',
	card_number      TEXT NOT NULL DEFAULT '',
	posted_order     INTEGER NOT NULL DEFAULT 0,
	posting_date     TEXT NOT NULL DEFAULT '',
	value_date       TEXT NOT NULL DEFAULT '',
	action_date      TEXT NOT NULL DEFAULT '',
	transaction_date TEXT NOT NULL DEFAULT '',
	book_date        TEXT NOT NULL,
	seq              INTEGER NOT NULL,
	amount           INTEGER NOT NULL CHECK (amount >= 0),
	running_balance  INTEGER,
	uuid             TEXT NOT NULL DEFAULT '',
	occurrence       INTEGER NOT NULL DEFAULT 1,
	annotation_id    INTEGER REFERENCES annotations (id) ON DELETE SET NULL
);
CREATE INDEX transactions_window ON transactions (account_id, status, posting_date);
CREATE INDEX transactions_account_order ON transactions (account_id, book_date, seq);
CREATE UNIQUE INDEX transactions_annotation ON transactions (annotation_id) WHERE annotation_id IS NOT NULL;

CREATE TABLE beneficiaries (
	id                       TEXT PRIMARY KEY,
	name                     TEXT NOT NULL DEFAULT '',
	beneficiary_name         TEXT NOT NULL DEFAULT '',
	account_number           TEXT NOT NULL DEFAULT '',
	branch_code              TEXT NOT NULL DEFAULT '',
	bank                     TEXT NOT NULL DEFAULT '',
	reference_name           TEXT NOT NULL DEFAULT '',
	reference_account_number TEXT NOT NULL DEFAULT '',
	category_id              TEXT NOT NULL DEFAULT '',
	profile_id               TEXT NOT NULL DEFAULT '',
	faster_payment_allowed   INTEGER NOT NULL DEFAULT 0,
	last_payment_amount      INTEGER,
	last_payment_date        TEXT NOT NULL DEFAULT '',
	beneficiary_type         TEXT NOT NULL DEFAULT '',
	position                 INTEGER NOT NULL DEFAULT 0,
	fetched_at               TEXT NOT NULL
);

CREATE TABLE documents (
	account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	document_type TEXT NOT NULL,
	document_date TEXT NOT NULL,
	file_path     TEXT NOT NULL DEFAULT '',
	size          INTEGER NOT NULL DEFAULT 0,
	sha256        TEXT NOT NULL DEFAULT '',
	listed_at     TEXT NOT NULL,
	PRIMARY KEY (account_id, document_type, document_date)
);

CREATE TABLE sync_state (
	account_id         TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	oldest_date        TEXT NOT NULL DEFAULT '',
	newest_date        TEXT NOT NULL DEFAULT '',
	backfill_complete  INTEGER NOT NULL DEFAULT 0,
	empty_windows      INTEGER NOT NULL DEFAULT 0,
	last_success_at    TEXT NOT NULL DEFAULT '',
	last_attempt_at    TEXT NOT NULL DEFAULT '',
	last_error_code    TEXT NOT NULL DEFAULT '',
	last_error_message TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sync_runs (
	id            INTEGER PRIMARY KEY,
	started_at    TEXT NOT NULL,
	finished_at   TEXT,                  -- NULL while running (or if the process died)
	trigger       TEXT NOT NULL DEFAULT '',
	accounts      INTEGER NOT NULL DEFAULT 0,
	fetched       INTEGER NOT NULL DEFAULT 0,
	added         INTEGER NOT NULL DEFAULT 0,
	removed       INTEGER NOT NULL DEFAULT 0,
	failed        INTEGER NOT NULL DEFAULT 0,
	error_code    TEXT NOT NULL DEFAULT '',
	error_message TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
