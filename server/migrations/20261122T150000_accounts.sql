-- Staff accounts, the devices they sign in on, their sessions, the login attempt log and the
-- server's own secrets (issue 4). server/src/auth/ holds the code and the reasons.
--
-- Times are written by the server from its clock (so tests can move it), never by now()
-- alone; the DEFAULTs only cover hand-written rows.

-- One row per staff account. A village role names its village (and, redundantly, the
-- village's township, so every principal has a township without a join); a township role
-- and the bank liaison name only a township. The CHECK mirrors ROLE_SCOPE in
-- shared/auth/roles.ts. password_hash is an scrypt string that carries its own parameters
-- (server/src/auth/passwords.ts); the password itself is never stored.
CREATE TABLE users (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Z]{26}$'),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{2,31}$'),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 40),
  role text NOT NULL CHECK (
    role IN ('township_admin', 'village_admin', 'village_clerk', 'village_reviewer', 'bank_liaison')
  ),
  township_code text NOT NULL REFERENCES townships (code),
  village_code text REFERENCES villages (code),
  password_hash text NOT NULL CHECK (password_hash LIKE '$scrypt$%'),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_role_scope CHECK (
    (role IN ('village_admin', 'village_clerk', 'village_reviewer')
      AND village_code IS NOT NULL AND left(village_code, 9) = township_code)
    OR (role IN ('township_admin', 'bank_liaison') AND village_code IS NULL)
  )
);

CREATE INDEX users_scope_idx ON users (township_code, village_code, username);

-- A computer (or browser profile) that signed in once online. It is bound to the village of
-- the account that registered it, or to the township (village_code null) when a township
-- account registered it; later sign-ins on it must fit that binding. Revoking a device ends
-- its sessions and refuses it from then on.
CREATE TABLE devices (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Z]{26}$'),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  township_code text NOT NULL REFERENCES townships (code),
  village_code text REFERENCES villages (code),
  registered_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  last_user_id text REFERENCES users (id),
  revoked_at timestamptz,
  CONSTRAINT devices_village_in_township CHECK (
    village_code IS NULL OR left(village_code, 9) = township_code
  )
);

CREATE INDEX devices_scope_idx ON devices (township_code, village_code);

-- One sign-in of one user on one device. Access tokens name the session and are checked
-- against it on every request, so revoking the row ends the sign-in within one request.
-- expires_at is the expiry of the session's current refresh token.
CREATE TABLE sessions (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Z]{26}$'),
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (
    revoked_reason IN ('logout', 'refresh-reuse', 'password-changed', 'user-disabled', 'device-revoked')
  ),
  CONSTRAINT sessions_revoked_with_reason CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_device_idx ON sessions (device_id) WHERE revoked_at IS NULL;

-- Refresh tokens by their SHA-256 (the token itself is only ever in the client's hands).
-- A refresh replaces the token: the old row keeps replaced_at, so presenting it again
-- shows that someone else holds a copy, and the whole session is revoked.
CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  session_id text NOT NULL REFERENCES sessions (id),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  replaced_at timestamptz
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- Every sign-in attempt, by the username as typed (normalised) whether or not an account
-- has it, so limits and lockouts behave the same for unknown names and reveal nothing.
-- 'pending' counts as a failure until the password check ends (parallel guesses cannot
-- slip under the limit); 'refused' attempts (rate limited, locked) count for nothing.
-- Kept a week, for the record and the limits; older rows are pruned on later attempts.
CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (char_length(username) <= 64),
  ip text NOT NULL CHECK (char_length(ip) <= 64),
  at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('pending', 'failed', 'succeeded', 'refused'))
);

CREATE INDEX login_attempts_username_idx ON login_attempts (username, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
CREATE INDEX login_attempts_at_idx ON login_attempts (at);

-- A username locked after repeated wrong passwords, until locked_until. An administrator's
-- password reset sets locked_until to the reset time: the lock ends and earlier failures
-- stop counting.
CREATE TABLE login_locks (
  username text PRIMARY KEY CHECK (char_length(username) <= 64),
  locked_until timestamptz NOT NULL
);

-- Secrets the server makes for itself once (the access-token signing key), kept here so that
-- several server instances on one PostgreSQL accept each other's tokens.
CREATE TABLE server_secrets (
  name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,63}$'),
  value bytea NOT NULL CHECK (octet_length(value) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
