-- Webhooks: subscriptions, one delivery row per event and subscription, and every attempt made.
-- A per-tenant cursor over the events table (V18) records how far the dispatcher has turned events
-- into deliveries; it moves in the transaction that inserts the deliveries, so a crash never loses
-- nor repeats one.
create table webhook_subscriptions (
    tenant_id       text        not null,
    id              text        not null,
    url             text        not null,
    event_types     text[]      not null,
    description     text,
    active          boolean     not null default true,
    secret          text        not null,
    -- Events that occurred before this moment are not delivered to the subscription (set at creation
    -- and whenever it is switched on again).
    active_since    timestamptz not null,
    disabled_reason text,
    disabled_at     timestamptz,
    -- The first failed attempt since the last successful one; null while deliveries succeed.
    failing_since   timestamptz,
    created_at      timestamptz not null,
    created_by      text        not null,
    updated_at      timestamptz not null,
    constraint webhook_subscriptions_pkey primary key (tenant_id, id)
);
create index webhook_subscriptions_list_idx on webhook_subscriptions (tenant_id, created_at, id);

-- One row per tenant with at least one subscription: the last event (txid, seq) turned into deliveries.
create table webhook_cursors (
    tenant_id  text        not null,
    txid       xid8        not null,
    seq        bigint      not null,
    updated_at timestamptz not null,
    constraint webhook_cursors_pkey primary key (tenant_id)
);

create table webhook_deliveries (
    tenant_id        text        not null,
    id               text        not null,
    -- Creation order, which is the events' commit order: deliveries for one contact go out in it.
    seq              bigint      generated always as identity,
    subscription_id  text        not null,
    event_id         text        not null,
    event_type       text        not null,
    object_id        text        not null,
    status           text        not null default 'pending',
    attempts         integer     not null default 0,
    -- Set by a manual retry, which makes one more attempt; null: the configured number of attempts.
    attempt_limit    integer,
    next_attempt_at  timestamptz not null,
    lease_owner      text,
    lease_until      timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null,
    completed_at     timestamptz,
    constraint webhook_deliveries_pkey primary key (tenant_id, id),
    constraint webhook_deliveries_event_key unique (tenant_id, subscription_id, event_id),
    constraint webhook_deliveries_subscription_fkey foreign key (tenant_id, subscription_id)
        references webhook_subscriptions (tenant_id, id) on delete cascade,
    constraint webhook_deliveries_status_check check (status in ('pending', 'succeeded', 'failed'))
);
create index webhook_deliveries_list_idx on webhook_deliveries (tenant_id, subscription_id, seq);
-- What the senders claim: due deliveries, oldest first.
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, seq) where status = 'pending';
-- Order per contact: a delivery waits while an earlier one for the same contact and subscription is pending.
create index webhook_deliveries_order_idx on webhook_deliveries (tenant_id, subscription_id, object_id, seq)
    where status = 'pending';

create table webhook_attempts (
    tenant_id    text        not null,
    delivery_id  text        not null,
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    error        text,
    duration_ms  integer     not null,
    constraint webhook_attempts_pkey primary key (tenant_id, delivery_id, attempt),
    constraint webhook_attempts_delivery_fkey foreign key (tenant_id, delivery_id)
        references webhook_deliveries (tenant_id, id) on delete cascade
);
