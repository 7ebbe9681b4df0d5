-- Background tasks: one table for every kind, their input items and their errors. A task and all
-- its input are written in the transaction that creates it; workers claim tasks with
-- FOR UPDATE SKIP LOCKED and a lease, and each chunk advances the cursor in the same transaction
-- that applies it.
create table tasks (
    tenant_id        text        not null,
    id               text        not null,
    type             text        not null,
    status           text        not null default 'pending',
    total            integer     not null default 0,
    processed        integer     not null default 0,
    succeeded        integer     not null default 0,
    failed           integer     not null default 0,
    cursor           text        not null default '',
    params           jsonb       not null default '{}',
    cancel_requested boolean     not null default false,
    lease_owner      text,
    lease_until      timestamptz,
    created_by       text        not null,
    created_at       timestamptz not null,
    started_at       timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz not null,
    constraint tasks_pkey primary key (tenant_id, id),
    constraint tasks_type_check check (type in ('bulk_update', 'import', 'property_purge', 'property_retype')),
    constraint tasks_status_check check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled'))
);
create index tasks_list_idx on tasks (tenant_id, created_at desc, id desc);
create index tasks_open_idx on tasks (created_at) where status in ('pending', 'processing');

create table task_items (
    tenant_id text    not null,
    task_id   text    not null,
    position  integer not null,
    payload   jsonb   not null,
    constraint task_items_pkey primary key (tenant_id, task_id, position),
    constraint task_items_task_fkey foreign key (tenant_id, task_id) references tasks (tenant_id, id) on delete cascade
);

create table task_errors (
    tenant_id  text    not null,
    task_id    text    not null,
    seq        bigint  generated always as identity,
    position   integer,
    identifier text,
    message    text    not null,
    constraint task_errors_pkey primary key (tenant_id, task_id, seq),
    constraint task_errors_task_fkey foreign key (tenant_id, task_id) references tasks (tenant_id, id) on delete cascade
);

-- Folders, which seed 001 references by numeric id; a contact's folder_ids replace as a whole.
create table folders (
    tenant_id  text        not null,
    id         bigint      generated always as identity,
    name       text        not null,
    created_at timestamptz not null,
    created_by text        not null,
    constraint folders_pkey primary key (tenant_id, id)
);
create unique index folders_tenant_name_key on folders (tenant_id, lower(name));
create index contacts_folders_idx on contacts using gin (tenant_id, folder_ids) where deleted_at is null;

-- Idempotency-Key: the first answer to a key, replayed for a retry with the same body.
create table idempotency_keys (
    tenant_id    text        not null,
    key          text        not null,
    operation    text        not null,
    request_hash text        not null,
    status       integer     not null,
    response     jsonb       not null,
    created_at   timestamptz not null,
    constraint idempotency_keys_pkey primary key (tenant_id, operation, key)
);
