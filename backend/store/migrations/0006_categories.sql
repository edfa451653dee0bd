-- 0006: the user's categories, the rules that set them, and what the rules
-- have already looked at. Categories on transactions stay in annotations
-- (by name, as before); this adds the list to choose from and who set a
-- category: a person (rule_category NULL, or different from category) or a
-- rule (category = rule_category).

CREATE TABLE categories (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
	position   INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

-- category_rules: "description contains X -> category", optionally for one
-- account and/or one direction. The first matching rule by position wins.
CREATE TABLE category_rules (
	id          INTEGER PRIMARY KEY,
	contains    TEXT NOT NULL CHECK (contains <> ''),
	category_id INTEGER NOT NULL REFERENCES categories (id),
	account_id  TEXT NOT NULL DEFAULT '',
	direction   TEXT NOT NULL DEFAULT '' CHECK (direction IN ('', 'CREDIT', 'DEBIT')),
	position    INTEGER NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX category_rules_category ON category_rules (category_id);

-- rule_id names the rule that last set the annotation's category (NULL when
-- a person did, or the rule was deleted); rule_category is the category a
-- rule set. The category counts as set by a rule while it still equals
-- rule_category: any other change (through SetAnnotation or anything else)
-- makes it the person's, and rules never touch it again.
ALTER TABLE annotations ADD COLUMN rule_id INTEGER;
ALTER TABLE annotations ADD COLUMN rule_category TEXT;
CREATE INDEX annotations_category ON annotations (category);

-- rule_scan is, per account, the range of book dates whose rows the rules
-- have been tried on after a sync. rule_seen holds the matching keys of the
-- rows near the top of that range (which a later sync re-fetches and
-- re-inserts), so a re-inserted row is not taken for a new one.
CREATE TABLE rule_scan (
	account_id TEXT PRIMARY KEY,
	low        TEXT NOT NULL,
	high       TEXT NOT NULL
);
CREATE TABLE rule_seen (
	account_id       TEXT NOT NULL,
	status           TEXT NOT NULL,
	book_date        TEXT NOT NULL,
	type             TEXT NOT NULL,
	amount           INTEGER NOT NULL,
	description      TEXT NOT NULL,
	transaction_date TEXT NOT NULL,
	occurrence       INTEGER NOT NULL,
	PRIMARY KEY (account_id, book_date, status, type, amount, description, transaction_date, occurrence)
) WITHOUT ROWID;

-- Sensible South African defaults. They are the user's to change.
INSERT INTO categories (name, position, created_at) VALUES
	('Groceries', 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Eating out', 2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Transport & fuel', 3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Utilities', 4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Phone & internet', 5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Medical', 6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Insurance', 7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Home & bond', 8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Entertainment', 9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Shopping', 10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Travel', 11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Subscriptions', 12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Fitness & wellbeing', 13, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Education', 14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Donations', 15, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Fees & interest', 16, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Tax', 17, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Cash', 18, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Transfers', 19, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Salary', 20, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	('Other income', 21, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

INSERT INTO category_rules (contains, category_id, direction, position, created_at)
SELECT column1, column2, column3, column4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM (VALUES
	('UBER EATS', (SELECT id FROM categories WHERE name = 'Eating out'), '', 1),
	('UBER', (SELECT id FROM categories WHERE name = 'Transport & fuel'), 'DEBIT', 2),
	('WOOLWORTHS', (SELECT id FROM categories WHERE name = 'Groceries'), 'DEBIT', 3),
	('PICK N PAY', (SELECT id FROM categories WHERE name = 'Groceries'), 'DEBIT', 4),
	('CHECKERS', (SELECT id FROM categories WHERE name = 'Groceries'), 'DEBIT', 5),
	('ENGEN', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 6),
	('SHELL', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 7),
	('SASOL', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 8),
	('CALTEX', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 9),
	('TOTALENERGIES', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 10),
	('GAUTRAIN', (SELECT id FROM categories WHERE name = 'Transport & fuel'), '', 11),
	('VIDA E CAFF', (SELECT id FROM categories WHERE name = 'Eating out'), '', 12),
	('NANDO''S', (SELECT id FROM categories WHERE name = 'Eating out'), '', 13),
	('MCDONALD''S', (SELECT id FROM categories WHERE name = 'Eating out'), '', 14),
	('KAUAI', (SELECT id FROM categories WHERE name = 'Eating out'), '', 15),
	('RESTAURANT', (SELECT id FROM categories WHERE name = 'Eating out'), '', 16),
	('STEERS', (SELECT id FROM categories WHERE name = 'Eating out'), '', 17),
	('WIMPY', (SELECT id FROM categories WHERE name = 'Eating out'), '', 18),
	('MR D FOOD', (SELECT id FROM categories WHERE name = 'Eating out'), '', 19),
	('NETFLIX', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 20),
	('SPOTIFY', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 21),
	('SHOWMAX', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 22),
	('DSTV', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 23),
	('APPLE.COM/BILL', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 24),
	('ADOBE', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 25),
	('GOOGLE *WORKSPACE', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 26),
	('CANVA', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 27),
	('AWS EMEA', (SELECT id FROM categories WHERE name = 'Subscriptions'), '', 28),
	('DISCOVERY HEALTH', (SELECT id FROM categories WHERE name = 'Medical'), '', 29),
	('MEDICAL AID', (SELECT id FROM categories WHERE name = 'Medical'), '', 30),
	('DIS-CHEM', (SELECT id FROM categories WHERE name = 'Medical'), '', 31),
	('CLICKS', (SELECT id FROM categories WHERE name = 'Medical'), '', 32),
	('OLD MUTUAL', (SELECT id FROM categories WHERE name = 'Insurance'), '', 33),
	('SANLAM', (SELECT id FROM categories WHERE name = 'Insurance'), '', 34),
	('DISCOVERY LIFE', (SELECT id FROM categories WHERE name = 'Insurance'), '', 35),
	('OUTSURANCE', (SELECT id FROM categories WHERE name = 'Insurance'), '', 36),
	('SANTAM', (SELECT id FROM categories WHERE name = 'Insurance'), '', 37),
	('INSURE', (SELECT id FROM categories WHERE name = 'Insurance'), '', 38),
	('HOME LOAN', (SELECT id FROM categories WHERE name = 'Home & bond'), '', 39),
	('LEVIES', (SELECT id FROM categories WHERE name = 'Home & bond'), '', 40),
	('OFFICE PARK RENT', (SELECT id FROM categories WHERE name = 'Home & bond'), '', 41),
	('VODACOM', (SELECT id FROM categories WHERE name = 'Phone & internet'), '', 42),
	('MTN', (SELECT id FROM categories WHERE name = 'Phone & internet'), '', 43),
	('TELKOM', (SELECT id FROM categories WHERE name = 'Phone & internet'), '', 44),
	('AFRIHOST', (SELECT id FROM categories WHERE name = 'Phone & internet'), '', 45),
	('ESKOM', (SELECT id FROM categories WHERE name = 'Utilities'), '', 46),
	('CITY OF JOHANNESBURG', (SELECT id FROM categories WHERE name = 'Utilities'), '', 47),
	('CITY OF CAPE TOWN', (SELECT id FROM categories WHERE name = 'Utilities'), '', 48),
	('ETHEKWINI', (SELECT id FROM categories WHERE name = 'Utilities'), '', 49),
	('TAKEALOT', (SELECT id FROM categories WHERE name = 'Shopping'), '', 50),
	('MR PRICE', (SELECT id FROM categories WHERE name = 'Shopping'), '', 51),
	('MAKRO', (SELECT id FROM categories WHERE name = 'Shopping'), '', 52),
	('INCREDIBLE CONNECTION', (SELECT id FROM categories WHERE name = 'Shopping'), '', 53),
	('EXCLUSIVE BOOKS', (SELECT id FROM categories WHERE name = 'Shopping'), '', 54),
	('POSTNET', (SELECT id FROM categories WHERE name = 'Shopping'), '', 55),
	('BOOKING.COM', (SELECT id FROM categories WHERE name = 'Travel'), '', 56),
	('AIRBNB', (SELECT id FROM categories WHERE name = 'Travel'), '', 57),
	('FLYSAFAIR', (SELECT id FROM categories WHERE name = 'Travel'), '', 58),
	('COMPUTICKET', (SELECT id FROM categories WHERE name = 'Entertainment'), '', 59),
	('STER-KINEKOR', (SELECT id FROM categories WHERE name = 'Entertainment'), '', 60),
	('NU METRO', (SELECT id FROM categories WHERE name = 'Entertainment'), '', 61),
	('VIRGIN ACTIVE', (SELECT id FROM categories WHERE name = 'Fitness & wellbeing'), '', 62),
	('PLANET FITNESS', (SELECT id FROM categories WHERE name = 'Fitness & wellbeing'), '', 63),
	('SARS', (SELECT id FROM categories WHERE name = 'Tax'), '', 64),
	('ATM WITHDRAWAL', (SELECT id FROM categories WHERE name = 'Cash'), '', 65),
	('SERVICE FEE', (SELECT id FROM categories WHERE name = 'Fees & interest'), '', 66),
	('ACCOUNT FEE', (SELECT id FROM categories WHERE name = 'Fees & interest'), '', 67),
	('BANK CHARGES', (SELECT id FROM categories WHERE name = 'Fees & interest'), '', 68),
	('INTEREST', (SELECT id FROM categories WHERE name = 'Fees & interest'), '', 69),
	('SALARY', (SELECT id FROM categories WHERE name = 'Salary'), 'CREDIT', 70),
	('BONUS', (SELECT id FROM categories WHERE name = 'Salary'), 'CREDIT', 71),
	('TRANSFER', (SELECT id FROM categories WHERE name = 'Transfers'), '', 72)
);
