-- The outcome record. Portable between SQLite and PostgreSQL: text ids (each event's own, so a
-- replayed event is written once), times as epoch milliseconds, booleans as 0/1, lists as JSON text.

CREATE TABLE conversations (
    id          VARCHAR(64) PRIMARY KEY,
    started_at  BIGINT NOT NULL,
    channel     VARCHAR(16) NOT NULL,
    subject     VARCHAR(64),
    text        TEXT NOT NULL,
    text_hash   VARCHAR(32) NOT NULL,
    matched     INTEGER NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    entry       VARCHAR(200),
    candidates  TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    skipped     TEXT NOT NULL,
    node_entry  VARCHAR(200),
    node        VARCHAR(200) NOT NULL,
    node_kind   VARCHAR(16) NOT NULL
);
CREATE INDEX conversations_started ON conversations (started_at);

CREATE TABLE steps (
    id           VARCHAR(96) PRIMARY KEY,
    conversation VARCHAR(64) NOT NULL,
    turn         INTEGER NOT NULL,
    at           BIGINT NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    from_entry   VARCHAR(200),
    from_node    VARCHAR(200),
    choice       VARCHAR(250),
    answer       TEXT,
    to_entry     VARCHAR(200),
    to_node      VARCHAR(200) NOT NULL,
    to_kind      VARCHAR(16) NOT NULL
);
CREATE INDEX steps_conversation ON steps (conversation, turn);
CREATE INDEX steps_at ON steps (at);

CREATE TABLE outcomes (
    id           VARCHAR(96) PRIMARY KEY,
    conversation VARCHAR(64) NOT NULL,
    at           BIGINT NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    entry        VARCHAR(200),
    node         VARCHAR(200),
    reason       TEXT
);
CREATE INDEX outcomes_conversation ON outcomes (conversation);
CREATE INDEX outcomes_at ON outcomes (at);

CREATE TABLE tickets (
    id          VARCHAR(64) PRIMARY KEY,
    at          BIGINT NOT NULL,
    text        TEXT NOT NULL,
    text_hash   VARCHAR(32) NOT NULL,
    matched     INTEGER NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    action      VARCHAR(16) NOT NULL,
    entries     TEXT NOT NULL,
    candidates  TEXT NOT NULL
);
CREATE INDEX tickets_at ON tickets (at);
