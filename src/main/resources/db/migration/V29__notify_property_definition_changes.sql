-- Tells every instance, at commit, that a tenant's property definitions changed, so that MCP
-- sessions subscribed to contacts://properties hear about it wherever their stream is open.
-- NOTIFY is transactional: a rolled-back change announces nothing, and repeats within one
-- transaction are folded into one notification.
create function property_definitions_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('property_definitions_changed', new.tenant_id);
    return null;
end $$;

create trigger property_definition_versions_notify after insert or update on property_definition_versions
    for each row execute function property_definitions_notify();
