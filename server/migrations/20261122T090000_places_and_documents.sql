-- Places and the synced document store.
--
-- Codes are national statistical division codes (统计用区划代码): a township has 9 digits,
-- a village 12 digits whose first 9 are its township's. They are text with CHECKs rather
-- than char(n), whose blank padding surprises comparisons and clients.

CREATE TABLE townships (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE villages (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  township_code text NOT NULL REFERENCES townships (code),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT villages_code_in_township CHECK (left(code, 9) = township_code)
);

CREATE INDEX villages_township_idx ON villages (township_code, code);

-- The one source of document sequence numbers. Writers take the next numbers with
-- `UPDATE store_counter SET value = value + n RETURNING value` inside their transaction:
-- the row lock serialises writers until commit, so sequence numbers become visible in
-- increasing order and a pull with `seq > checkpoint` can never skip a late commit
-- (a plain SEQUENCE hands out numbers that may commit out of order).
CREATE TABLE store_counter (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL CHECK (value >= 0)
);

INSERT INTO store_counter (id, value) VALUES (true, 0);

-- Every synced document, of every collection. Rows are never removed: a deletion is a
-- tombstone (deleted = true) that keeps the last data and gets a new seq like any write.
-- village_code is null for township-owned documents.
CREATE TABLE documents (
  collection text NOT NULL CHECK (collection ~ '^[a-z][a-z0-9_-]{0,63}$'),
  id text NOT NULL CHECK (char_length(id) BETWEEN 1 AND 200),
  village_code text REFERENCES villages (code),
  township_code text NOT NULL REFERENCES townships (code),
  seq bigint NOT NULL UNIQUE CHECK (seq > 0),
  deleted boolean NOT NULL DEFAULT false,
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id),
  CONSTRAINT documents_village_in_township CHECK (village_code IS NULL OR left(village_code, 9) = township_code)
);

CREATE INDEX documents_collection_seq_idx ON documents (collection, seq);
CREATE INDEX documents_village_seq_idx ON documents (collection, village_code, seq);
CREATE INDEX documents_township_seq_idx ON documents (collection, township_code, seq);
