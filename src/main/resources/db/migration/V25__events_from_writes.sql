-- Events written by the statements that change the rows they describe (issue 25). A write path
-- names its origin once per transaction (EventLog.declare: transaction-local settings); every
-- statement that then inserts or updates contacts, property definitions or survey requests writes
-- the events of the rows it changed in one set-based INSERT ... SELECT over its transition tables,
-- with each field's old and new stored values taken from the very row versions it replaced. A
-- transaction that declared nothing (a purge, a tag's deletion) writes no event of those rows.
-- Terminal task states need no declaration: the task row names its type, author and counts.

-- 'evt_' and a ULID: 48 bits of milliseconds and 80 random bits in Crockford's base 32.
create function events_id() returns text language plpgsql volatile as $$
declare
    alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    ms bigint := floor(extract(epoch from clock_timestamp()) * 1000);
    r1 bigint := floor(random() * 1099511627776);
    r2 bigint := floor(random() * 1099511627776);
    result text := 'evt_';
begin
    for i in reverse 9..0 loop
        result := result || substr(alphabet, ((ms >> (i * 5)) & 31)::int + 1, 1);
    end loop;
    for i in reverse 7..0 loop
        result := result || substr(alphabet, ((r1 >> (i * 5)) & 31)::int + 1, 1);
    end loop;
    for i in reverse 7..0 loop
        result := result || substr(alphabet, ((r2 >> (i * 5)) & 31)::int + 1, 1);
    end loop;
    return result;
end $$;

create function events_setting(name text) returns text language sql stable as $$
    select nullif(current_setting('contact_properties.event_' || name, true), '')
$$;

-- The fields of a contact an event reports, in stored form.
create function contact_event_fields(
    name text, email text, username text, phone text, language text, status text, folder_ids bigint[],
    tag_ids text[], archived_at timestamptz, deleted_at timestamptz, custom_fields jsonb) returns jsonb
    language sql immutable as $$
    select jsonb_build_object('name', name, 'email', email, 'username', username, 'phone', phone,
        'language', language, 'status', status, 'folder_ids', folder_ids, 'tag_ids', tag_ids,
        'archived_at', archived_at, 'deleted_at', deleted_at, 'custom_fields', custom_fields)
$$;

-- {"field": {"old": ..., "new": ...}} for every field that differs; custom values as
-- "custom_fields.<key>". With no old row (a creation), only the fields that hold something.
create function events_changes(o jsonb, n jsonb) returns jsonb language sql immutable as $$
    select coalesce(jsonb_object_agg(f.k, jsonb_build_object('old', coalesce(f.ov, 'null'), 'new', coalesce(f.nv, 'null'))), '{}')
      from (select k, o -> k as ov, n -> k as nv
              from jsonb_object_keys(n) k
             where k <> 'custom_fields'
            union all
            select 'custom_fields.' || k, o -> 'custom_fields' -> k, n -> 'custom_fields' -> k
              from (select jsonb_object_keys(coalesce(o -> 'custom_fields', '{}'))
                     union select jsonb_object_keys(coalesce(n -> 'custom_fields', '{}'))) keys(k)
             where (o -> 'custom_fields') is distinct from (n -> 'custom_fields')) f
     where f.ov is distinct from f.nv
       and not (o is null and coalesce(f.nv, 'null') in ('null', '""', '[]', '{}'))
$$;

-- Two changes of one object in one transaction: the first old value and the last new one.
create function events_merge_changes(a jsonb, b jsonb) returns jsonb language sql immutable as $$
    select a || coalesce(jsonb_object_agg(x.k, jsonb_build_object(
                   'old', case when a ? x.k then a -> x.k -> 'old' else x.v -> 'old' end, 'new', x.v -> 'new')), '{}')
      from jsonb_each(b) x(k, v)
$$;

create function contacts_events_insert() returns trigger language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null then
        return null;
    end if;
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select n.tenant_id, events_id(), 'contact.created', now(), v_source, events_setting('actor'),
           events_setting('task'), 'contact', n.id,
           jsonb_build_object('changes', events_changes(null, contact_event_fields(n.name, n.email, n.username,
               n.phone, n.language, n.status_override, n.folder_ids, n.tag_ids, n.archived_at, n.deleted_at,
               n.custom_fields)))
      from new_contacts n;
    -- Later statements of this transaction fold their changes of these contacts into these events.
    perform set_config('contact_properties.event_written', 'on', true);
    return null;
end $$;

create function contacts_events_update() returns trigger language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null then
        return null;
    end if;
    with d as (
        select n.tenant_id, n.id,
               case when o.deleted_at is null and n.deleted_at is not null then 'contact.deleted'
                    when o.archived_at is null and n.archived_at is not null then 'contact.archived'
                    when o.archived_at is not null and n.archived_at is null then 'contact.unarchived'
                    else 'contact.updated' end as type,
               events_changes(
                   contact_event_fields(o.name, o.email, o.username, o.phone, o.language, o.status_override,
                       o.folder_ids, o.tag_ids, o.archived_at, o.deleted_at, o.custom_fields),
                   contact_event_fields(n.name, n.email, n.username, n.phone, n.language, n.status_override,
                       n.folder_ids, n.tag_ids, n.archived_at, n.deleted_at, n.custom_fields)) as changes
          from old_contacts o join new_contacts n on n.tenant_id = o.tenant_id and n.id = o.id),
    merged as (
        update events e set data = jsonb_set(e.data, '{changes}', events_merge_changes(e.data -> 'changes', d.changes))
          from d
         where events_setting('written') = 'on'
           and d.type = 'contact.updated' and d.changes <> '{}'
           and e.tenant_id = d.tenant_id and e.object_id = d.id and e.txid = pg_current_xact_id()
           and e.object_type = 'contact' and e.type in ('contact.created', 'contact.updated')
        returning e.object_id)
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select d.tenant_id, events_id(), d.type, now(), v_source, events_setting('actor'), events_setting('task'),
           'contact', d.id, jsonb_build_object('changes', d.changes)
      from d
     where d.changes <> '{}' and d.id not in (select object_id from merged);
    perform set_config('contact_properties.event_written', 'on', true);
    return null;
end $$;

create trigger contacts_events_insert after insert on contacts
    referencing new table as new_contacts for each statement execute function contacts_events_insert();
create trigger contacts_events_update after update on contacts
    referencing old table as old_contacts new table as new_contacts
    for each statement execute function contacts_events_update();

-- The fields of a property definition an event reports.
create function property_event_fields(
    entity_type text, title text, type text, choices jsonb, description text, agent_active boolean,
    whole_number boolean, deleted_at timestamptz) returns jsonb language sql immutable as $$
    select jsonb_build_object('entity_type', entity_type, 'title', title, 'type', type, 'choices', choices,
        'description', description, 'agent_active', agent_active, 'whole_number', whole_number,
        'deleted_at', deleted_at)
$$;

create function property_definitions_events_insert() returns trigger language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null then
        return null;
    end if;
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select n.tenant_id, events_id(), 'property.created', now(), v_source, events_setting('actor'),
           events_setting('task'), 'property', 'cf_' || n.key,
           jsonb_build_object('key', n.key, 'entity_type', n.entity_type, 'changes', events_changes(null,
               property_event_fields(n.entity_type, n.title, n.type, n.choices, n.description, n.agent_active,
                   n.whole_number, n.deleted_at)))
      from new_definitions n
     where not n.predefined;
    return null;
end $$;

create function property_definitions_events_update() returns trigger language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null then
        return null;
    end if;
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select d.tenant_id, events_id(), d.type, now(), v_source, events_setting('actor'), events_setting('task'),
           'property', 'cf_' || d.key, jsonb_build_object('key', d.key, 'entity_type', d.entity_type, 'changes', d.changes)
      from (select n.tenant_id, n.key, n.entity_type,
                   case when o.deleted_at is null and n.deleted_at is not null then 'property.deleted'
                        else 'property.updated' end as type,
                   events_changes(
                       property_event_fields(o.entity_type, o.title, o.type, o.choices, o.description,
                           o.agent_active, o.whole_number, o.deleted_at),
                       property_event_fields(n.entity_type, n.title, n.type, n.choices, n.description,
                           n.agent_active, n.whole_number, n.deleted_at)) as changes
              from old_definitions o
              join new_definitions n on n.tenant_id = o.tenant_id and n.entity_type = o.entity_type and n.key = o.key) d
     where d.changes <> '{}';
    return null;
end $$;

create trigger property_definitions_events_insert after insert on property_definitions
    referencing new table as new_definitions for each statement
    execute function property_definitions_events_insert();
create trigger property_definitions_events_update after update on property_definitions
    referencing old table as old_definitions new table as new_definitions for each statement
    execute function property_definitions_events_update();

create function survey_requests_events_insert() returns trigger language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null then
        return null;
    end if;
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select n.tenant_id, events_id(), 'survey.requested', now(), v_source, events_setting('actor'),
           events_setting('task'), 'survey_request', n.id,
           jsonb_build_object('contact_id', n.contact_id, 'email', n.email, 'campaign', n.campaign,
               'send_after', n.send_after, 'status', n.status)
      from new_requests n;
    return null;
end $$;

create trigger survey_requests_events_insert after insert on survey_requests
    referencing new table as new_requests for each statement execute function survey_requests_events_insert();

-- A task that reaches completed, failed or cancelled announces it with its counts; a completed
-- import (not a dry run) is also import.completed, and a completed retype a property.updated
-- with what it converted and cleared.
create function tasks_events() returns trigger language plpgsql as $$
begin
    with t as (
        select n.*, case n.type when 'bulk_update' then 'bulk' when 'import' then 'import'
                                when 'property_purge' then 'purge' when 'property_retype' then 'retype'
                                else n.type end as source,
               jsonb_build_object('task_type', n.type, 'status', n.status, 'total', n.total,
                   'processed', n.processed, 'succeeded', n.succeeded, 'failed', n.failed,
                   'created', n.created_count, 'updated', n.updated_count, 'errors', n.error_count,
                   'dry_run', coalesce((n.params ->> 'dry_run')::boolean, false)) as counts
          from old_tasks o join new_tasks n on n.tenant_id = o.tenant_id and n.id = o.id
         where o.status <> n.status and n.status in ('completed', 'failed', 'cancelled'))
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select t.tenant_id, events_id(), 'task.' || t.status, now(), t.source, t.created_by, t.id, 'task', t.id, t.counts
      from t
    union all
    select t.tenant_id, events_id(), 'import.completed', now(), t.source, t.created_by, t.id, 'import', t.id, t.counts
      from t
     where t.type = 'import' and t.status = 'completed' and not (t.counts -> 'dry_run')::boolean
    union all
    select t.tenant_id, events_id(), 'property.updated', now(), t.source, t.created_by, t.id, 'property',
           'cf_' || (t.params ->> 'key'),
           jsonb_build_object('key', t.params ->> 'key', 'entity_type', coalesce(t.params ->> 'entity_type', 'contact'),
               'changes', '{}'::jsonb, 'retype', jsonb_build_object('task_id', t.id, 'converted', t.succeeded,
                   'cleared', t.failed, 'processed', t.processed))
      from t
     where t.type = 'property_retype' and t.status = 'completed';
    return null;
end $$;

create trigger tasks_events after update on tasks
    referencing old table as old_tasks new table as new_tasks for each statement execute function tasks_events();
