-- Typed property definitions, one namespace per tenant and entity type. A deleted definition keeps
-- its row (deleted_at set) until its stored values are purged, so that its key is never reused
-- while values may remain.
create table property_definitions (
    tenant_id    text        not null,
    entity_type  text        not null,
    key          text        not null,
    title        text        not null,
    type         text        not null,
    choices      jsonb       not null default '[]',
    description  text,
    agent_active boolean     not null default false,
    predefined   boolean     not null default false,
    created_at   timestamptz not null,
    created_by   text        not null,
    updated_at   timestamptz not null,
    deleted_at   timestamptz,
    constraint property_definitions_pkey primary key (tenant_id, entity_type, key),
    constraint property_definitions_entity_type_check check (entity_type in ('contact', 'property'))
);

-- Titles are unique among live definitions, case-insensitively.
create unique index property_definitions_title_key
    on property_definitions (tenant_id, entity_type, lower(title)) where deleted_at is null;

-- Contacts, with their custom values in stored form keyed by property key. The contacts API adds
-- the remaining columns; property definitions need the values now, to count and hide them.
create table contacts (
    tenant_id     text        not null,
    id            text        not null,
    custom_fields jsonb       not null default '{}',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    deleted_at    timestamptz,
    constraint contacts_pkey primary key (tenant_id, id)
);
