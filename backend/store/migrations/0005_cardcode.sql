-- 0005: the card code workbench. Instants are TEXT RFC 3339 in UTC; money
-- is INTEGER minor units. Environment variables are never stored here
-- (they may hold a third party's keys); only code and execution logs.

-- card_code_versions is the local history of every version of a card's
-- code that was saved or published through the app, or seen at the bank.
CREATE TABLE card_code_versions (
	id       INTEGER PRIMARY KEY,
	card_key TEXT NOT NULL,
	kind     TEXT NOT NULL CHECK (kind IN ('saved', 'published')),
	code_id  TEXT NOT NULL,
	code     TEXT NOT NULL,
	sha256   TEXT NOT NULL,
	at       TEXT NOT NULL
);
CREATE UNIQUE INDEX card_code_versions_key ON card_code_versions (card_key, kind, code_id);
CREATE INDEX card_code_versions_card ON card_code_versions (card_key, at);

-- card_local_executions keeps the runs of the offline emulator, which
-- Investec never sees.
CREATE TABLE card_local_executions (
	id            INTEGER PRIMARY KEY,
	card_key      TEXT NOT NULL,
	execution_id  TEXT NOT NULL UNIQUE,
	type          TEXT NOT NULL,
	approved      INTEGER,               -- NULL except for before_transaction
	logs          TEXT NOT NULL,         -- JSON array of {createdAt, level, content}
	error         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	started_at    TEXT NOT NULL,
	completed_at  TEXT NOT NULL,
	cents_amount  INTEGER NOT NULL,
	currency_code TEXT NOT NULL DEFAULT '',
	merchant_code TEXT NOT NULL DEFAULT '',
	merchant_name TEXT NOT NULL DEFAULT '',
	merchant_city TEXT NOT NULL DEFAULT '',
	country_code  TEXT NOT NULL DEFAULT '',
	code_sha256   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX card_local_executions_card ON card_local_executions (card_key, created_at);
