-- Every key starts with tenant_id so that the schema can be distributed by tenant later.
create table tags (
    tenant_id  text        not null,
    id         text        not null,
    name       text        not null,
    created_at timestamptz not null,
    created_by text        not null,
    constraint tags_pkey primary key (tenant_id, id)
);

-- Names are unique per tenant, case-insensitively; the index also serves the list's keyset order.
create unique index tags_tenant_name_key on tags (tenant_id, lower(name));
