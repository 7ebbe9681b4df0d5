-- Change events (issue 25): an outbox written in the transaction of the change it describes, read in
-- commit order. txid is the writing transaction's id: a reader returns only rows whose txid is below
-- pg_snapshot_xmin(pg_current_snapshot()), where every transaction has ended, and orders by
-- (txid, seq), so a row can never appear behind a cursor after the cursor passed its position.
create table events (
    tenant_id   text        not null,
    seq         bigint      generated always as identity,
    txid        xid8        not null default pg_current_xact_id(),
    id          text        not null,   -- 'evt_' + ULID
    type        text        not null,   -- 'contact.updated', 'property.deleted', 'task.completed', ...
    occurred_at timestamptz not null,
    source      text        not null,   -- api | bulk | import | customers | survey | mcp | retype | purge
    actor       text,                   -- the token's sub
    task_id     text,                   -- the batch task that caused it, if any
    object_type text        not null,   -- contact | property | task | import | survey_request
    object_id   text        not null,
    data        jsonb       not null,   -- type-specific body: {"changes": {"field": {"old": ..., "new": ...}}, counts, ...}
    constraint events_pkey primary key (tenant_id, id)
);
-- The feed: a tenant's events in commit order.
create index events_feed on events (tenant_id, txid, seq);
-- The feed of one object ("what changed on this contact"), in commit order.
create index events_object on events (tenant_id, object_id, txid, seq);
-- Retention: the purge deletes the oldest events of every tenant.
create index events_age on events (occurred_at);
