-- 0004: the journal of money movements (transfers and beneficiary
-- payments) and saved templates. Money is INTEGER cents; instants are TEXT
-- in UTC with milliseconds (2026-03-16T08:00:00.000Z), so they sort as text.
-- What was asked is kept, never a secret.

-- pay_attempts is one request to the bank (a batch of at most 50 items).
-- A row is written when the person reviews it (status 'reviewed') and moves
-- on exactly once to 'sending' when confirmed; the bank's answer then
-- settles it. Nothing ever moves a row back to 'reviewed', so a confirmed
-- attempt is never sent twice.
CREATE TABLE pay_attempts (
	id                       TEXT PRIMARY KEY,
	group_id                 TEXT NOT NULL,          -- one review; its batches share it
	batch_index              INTEGER NOT NULL DEFAULT 1,
	batch_count              INTEGER NOT NULL DEFAULT 1,
	kind                     TEXT NOT NULL CHECK (kind IN ('transfer', 'payment')),
	from_account_id          TEXT NOT NULL,
	from_account_number      TEXT NOT NULL DEFAULT '',
	from_account_name        TEXT NOT NULL DEFAULT '',
	from_product_name        TEXT NOT NULL DEFAULT '',
	profile_id               TEXT NOT NULL DEFAULT '',
	total                    INTEGER NOT NULL CHECK (total > 0),
	authoriser_a_id          TEXT NOT NULL DEFAULT '',
	authoriser_a_name        TEXT NOT NULL DEFAULT '',
	authoriser_b_id          TEXT NOT NULL DEFAULT '',
	authoriser_b_name        TEXT NOT NULL DEFAULT '',
	auth_period_id           TEXT NOT NULL DEFAULT '',
	auth_period_name         TEXT NOT NULL DEFAULT '',
	status                   TEXT NOT NULL CHECK (status IN
		('reviewed', 'sending', 'succeeded', 'partial', 'rejected', 'failed', 'unknown', 'matched')),
	duplicate_acknowledged   INTEGER NOT NULL DEFAULT 0,
	reviewed_at              TEXT NOT NULL,
	sent_at                  TEXT,                   -- set when confirmed (claimed for sending)
	finished_at              TEXT,
	matched_at               TEXT,
	error_code               TEXT NOT NULL DEFAULT '',
	error_message            TEXT NOT NULL DEFAULT '',
	bank_message             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pay_attempts_sent ON pay_attempts (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX pay_attempts_status ON pay_attempts (status);

-- pay_items are the transfers or payments of one attempt, in request order,
-- with the bank's answer for each and, for an unknown outcome, the posted
-- transaction a later sync matched (copied: cached rows get new ids when a
-- window is re-synced).
CREATE TABLE pay_items (
	attempt_id             TEXT NOT NULL REFERENCES pay_attempts (id) ON DELETE CASCADE,
	position               INTEGER NOT NULL,
	target_id              TEXT NOT NULL,          -- destination accountId or beneficiaryId
	target_name            TEXT NOT NULL DEFAULT '',
	target_number          TEXT NOT NULL DEFAULT '',
	target_bank            TEXT NOT NULL DEFAULT '',
	amount                 INTEGER NOT NULL CHECK (amount > 0),
	my_reference           TEXT NOT NULL,
	their_reference        TEXT NOT NULL,
	faster_payment         INTEGER NOT NULL DEFAULT 0,
	fingerprint            TEXT NOT NULL,          -- payments.Fingerprint, for the duplicate check
	payment_reference      TEXT NOT NULL DEFAULT '',
	payment_date           TEXT NOT NULL DEFAULT '',
	bank_status            TEXT NOT NULL DEFAULT '[]', -- JSON array: Status split on <BR>
	beneficiary_name       TEXT NOT NULL DEFAULT '',
	authorisation_required INTEGER NOT NULL DEFAULT 0,
	match_key              TEXT,                   -- payments.MatchKey of the matched transaction
	match_transaction_id   INTEGER,
	match_account_id       TEXT,
	match_posting_date     TEXT,
	match_transaction_date TEXT,
	match_description      TEXT,
	match_amount           INTEGER,
	match_posted_order     INTEGER,
	PRIMARY KEY (attempt_id, position)
);
CREATE INDEX pay_items_fingerprint ON pay_items (fingerprint);
CREATE UNIQUE INDEX pay_items_match ON pay_items (match_key) WHERE match_key IS NOT NULL;

-- pay_templates are saved forms (JSON of domain.TransferForm or
-- domain.PaymentForm, amounts as typed text). Using one fills in the form;
-- it still goes through review and confirmation.
CREATE TABLE pay_templates (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('transfer', 'payment')),
	form       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX pay_templates_name ON pay_templates (name COLLATE NOCASE);
