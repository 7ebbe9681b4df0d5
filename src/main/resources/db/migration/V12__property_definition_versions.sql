-- A counter per tenant and entity type that every change to its property definitions raises in the
-- changing transaction. A service instance may keep a tenant's definitions in memory between
-- requests and check in the same statement that reads contacts that the counter is still the one
-- it read them at: a change made through any instance, or straight in the database, is then seen by
-- the next statement that depends on it. No row means no change since this migration: version 0.
create table property_definition_versions (
    tenant_id   text   not null,
    entity_type text   not null,
    version     bigint not null,
    constraint property_definition_versions_pkey primary key (tenant_id, entity_type)
);

create function property_definitions_bump_version() returns trigger language plpgsql as $$
begin
    insert into property_definition_versions as v (tenant_id, entity_type, version)
    select distinct tenant_id, entity_type, 1 from changed
    on conflict (tenant_id, entity_type) do update set version = v.version + 1;
    return null;
end $$;

-- One statement trigger per event: a transition table may be named by one event only.
create trigger property_definitions_version_insert after insert on property_definitions
    referencing new table as changed for each statement execute function property_definitions_bump_version();
create trigger property_definitions_version_update after update on property_definitions
    referencing new table as changed for each statement execute function property_definitions_bump_version();
create trigger property_definitions_version_delete after delete on property_definitions
    referencing old table as changed for each statement execute function property_definitions_bump_version();
