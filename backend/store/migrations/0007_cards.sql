-- 0007: the cards the connection saw at the bank, so the Cards view and the
-- offline emulator work without a network. The whole list is replaced on
-- every successful read. Environment variables are never stored here (they
-- are kept in the system keyring); card code lives in card_code_versions.
CREATE TABLE cards (
	card_key       TEXT PRIMARY KEY,
	position       INTEGER NOT NULL,
	number         TEXT NOT NULL DEFAULT '',   -- masked, as Investec sends it
	status         TEXT NOT NULL DEFAULT '',
	type_code      TEXT NOT NULL DEFAULT '',
	embossed_name  TEXT NOT NULL DEFAULT '',
	account_id     TEXT NOT NULL DEFAULT '',
	account_number TEXT NOT NULL DEFAULT '',
	programmable   INTEGER NOT NULL DEFAULT 0,
	virtual        INTEGER NOT NULL DEFAULT 0,
	fetched_at     TEXT NOT NULL                -- RFC 3339, UTC
);
