-- The keys that protect citizen IDs (公民身份号码) in resident documents: one pair per
-- township. encryption_key is the AES-256-GCM key of residents.idNumberCipher, hash_key the
-- HMAC-SHA-256 key of residents.idHash; key_id names the pair inside every cipher
-- ('v1.<keyId>.<iv>.<ciphertext>'), so keys can rotate later (a new pair, a new key id).
--
-- Stored unwrapped: whoever can read this table can read every ID of the township. The
-- database (and its backups) must be protected accordingly; wrapping these columns with a
-- server master key kept outside the database is a follow-up.
CREATE TABLE township_keys (
  township_code text PRIMARY KEY REFERENCES townships (code),
  key_id text NOT NULL UNIQUE CHECK (key_id ~ '^[0-9A-Za-z_-]{1,32}$'),
  encryption_key bytea NOT NULL CHECK (octet_length(encryption_key) = 32),
  hash_key bytea NOT NULL CHECK (octet_length(hash_key) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
