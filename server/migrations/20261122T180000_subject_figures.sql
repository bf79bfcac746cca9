-- Derived figures of every resident and household (issue 6): score, tier, points balance and
-- honour total as the scoring engine (shared/ledger/score.ts) computes them from the
-- village's ledger documents, kept by server/src/ledger/figures.ts. Township reports read
-- them instead of scoring 100,000 residents per request. Never a source of truth: every
-- row can be rebuilt from the documents.
--
-- Figures hold from as_of until the day before next_change_on (an entry takes effect or
-- expires, a direct rating's cap ends). A write that changes a subject's ledger either
-- rescores it at once or marks its row stale (a new subject gets a stale row without
-- figures); a report rescores stale rows and rows that stopped holding before it reads.
--
-- A household's row holds its rolled-up figures (members and its own events, per the
-- village's roll-up); earned and redeemed are the subject's own, so a village's totals add
-- them up without counting a member twice.
CREATE TABLE subject_figures (
  village_code text NOT NULL REFERENCES villages (code),
  township_code text NOT NULL REFERENCES townships (code),
  subject_type text NOT NULL CHECK (subject_type IN ('resident', 'household')),
  subject_id text NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 200),
  stale boolean NOT NULL DEFAULT false,
  -- The store's sequence number of the latest write that marked the row stale.
  stale_seq bigint,
  -- A registered resident or an active household (what tier distributions count).
  active boolean,
  as_of date,
  next_change_on date,
  score integer,
  tier text CHECK (char_length(tier) BETWEEN 1 AND 10),
  balance integer,
  honour_total integer,
  -- The subject's own effective earned points (加分) and redemption debits (兑换).
  earned integer,
  redeemed integer,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (village_code, subject_type, subject_id),
  CONSTRAINT subject_figures_village_in_township CHECK (left(village_code, 9) = township_code),
  CONSTRAINT subject_figures_complete CHECK (
    stale OR (active IS NOT NULL AND as_of IS NOT NULL AND score IS NOT NULL AND tier IS NOT NULL
      AND balance IS NOT NULL AND honour_total IS NOT NULL AND earned IS NOT NULL
      AND redeemed IS NOT NULL)
  )
);

CREATE INDEX subject_figures_township_idx ON subject_figures (township_code, village_code);
-- Rows to rescore before a report: stale ones, and ones whose figures stopped holding.
CREATE INDEX subject_figures_due_idx ON subject_figures (township_code, next_change_on);
CREATE INDEX subject_figures_stale_idx ON subject_figures (township_code) WHERE stale;

-- A subject's ledger events, as rescoring reads them (and `town score`, `ledger import`):
-- without it, rescoring a few subjects scans all of their village's events.
CREATE INDEX documents_event_subject_idx ON documents (village_code, (data->>'subjectId'))
  WHERE collection = 'events';
