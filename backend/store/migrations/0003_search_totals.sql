-- 0003: a narrow index keyed by row ID for the totals of a full-text
-- search. A search yields row IDs; looking each one up in this index
-- (instead of the wide table rows) halves the cost of summing a large
-- result (measured: 91,000 matches in 1,000,000 rows, 50 ms -> 23 ms).
CREATE INDEX transactions_id_totals ON transactions (id, type, amount, book_date, status);
