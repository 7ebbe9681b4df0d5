-- A contact's identities (seed 003's customer profiles) are one field of its events, "identities":
-- the list of its stored identities as {channel, metadata}, sorted, without their ids, which every
-- replacement of the list makes anew (so an unchanged list is no change). The identity derived from
-- the phone is not stored and needs nothing here: the phone's own change says it.
-- Each statement that inserts or deletes identities of a declared transaction (V25) folds the lists
-- before and after it into the transaction's event of the contact: the creation's fields, or the
-- update's changes (the first old list, the last new one), or else a contact.updated of its own.

-- rows: the identity rows one statement inserted or deleted, as JSON with "added" true or false.
create function events_fold_identities(rows jsonb) returns void language plpgsql as $$
declare
    v_source text := events_setting('source');
begin
    if v_source is null or rows is null then
        return;
    end if;
    with r as (
        select x ->> 'tenant_id' as tenant_id, x ->> 'contact_id' as contact_id, x ->> 'id' as id,
               (x ->> 'added')::boolean as added,
               jsonb_build_object('channel', x -> 'channel', 'metadata', x -> 'metadata') as identity
          from jsonb_array_elements(rows) x),
    c as (
        select distinct r.tenant_id, r.contact_id
          from r join contacts k on k.tenant_id = r.tenant_id and k.id = r.contact_id),
    d as (
        -- The list now, and before the statement: what is there now, less what it added, plus what it
        -- removed. One read of the contact's identities serves both.
        select c.tenant_id, c.contact_id,
               coalesce(jsonb_agg(x.j order by x.j::text) filter (where x.in_now), '[]') as now_list,
               coalesce(jsonb_agg(x.j order by x.j::text) filter (where x.in_before), '[]') as before_list
          from c cross join lateral (
                select jsonb_build_object('channel', i.channel, 'metadata', i.metadata), true,
                       i.id not in (select r.id from r where r.added)
                  from contact_identities i
                 where i.tenant_id = c.tenant_id and i.contact_id = c.contact_id
                union all
                select r.identity, false, true from r
                 where not r.added and r.tenant_id = c.tenant_id and r.contact_id = c.contact_id) x(j, in_now, in_before)
         group by c.tenant_id, c.contact_id),
    created as (
        update events e set data = jsonb_set(e.data, '{created_fields,identities}', d.now_list)
          from d
         where e.tenant_id = d.tenant_id and e.object_id = d.contact_id and e.txid = pg_current_xact_id()
           and e.object_type = 'contact' and e.type = 'contact.created' and e.data ? 'created_fields'
        returning e.object_id),
    updated as (
        update events e
           set data = jsonb_set(e.data, '{changes}', case
                   when coalesce(e.data #> '{changes,identities,old}', d.before_list) = d.now_list
                       then (e.data -> 'changes') - 'identities'
                   else (e.data -> 'changes') || jsonb_build_object('identities', jsonb_build_object(
                       'old', coalesce(e.data #> '{changes,identities,old}', d.before_list), 'new', d.now_list)) end)
          from d
         where e.tenant_id = d.tenant_id and e.object_id = d.contact_id and e.txid = pg_current_xact_id()
           and e.object_type = 'contact' and e.type = 'contact.updated'
           and d.contact_id not in (select object_id from created)
        returning e.object_id)
    insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
    select d.tenant_id, events_id(), 'contact.updated', now(), v_source, events_setting('actor'), events_setting('task'),
           'contact', d.contact_id,
           jsonb_build_object('changes', jsonb_build_object('identities',
               jsonb_build_object('old', d.before_list, 'new', d.now_list)))
      from d
     where d.before_list <> d.now_list
       and d.contact_id not in (select object_id from created)
       and d.contact_id not in (select object_id from updated);
    -- An update of this transaction whose identities came back as they were has nothing left to say.
    delete from events e
     where e.txid = pg_current_xact_id() and e.type = 'contact.updated' and e.data -> 'changes' = '{}'
       and (e.tenant_id, e.object_id) in (select x ->> 'tenant_id', x ->> 'contact_id' from jsonb_array_elements(rows) x);
    perform set_config('contact_properties.event_written', 'on', true);
end $$;

-- One function for both triggers: PL/pgSQL plans a statement when it first runs it, so each trigger
-- only ever plans the branch that names its own transition table.
create function contact_identities_events() returns trigger language plpgsql as $$
begin
    if events_setting('source') is null then
        return null;
    elsif tg_op = 'INSERT' then
        perform events_fold_identities((select jsonb_agg(to_jsonb(n) || '{"added": true}') from new_identities n));
    else
        perform events_fold_identities((select jsonb_agg(to_jsonb(o) || '{"added": false}') from old_identities o));
    end if;
    return null;
end $$;

create trigger contact_identities_events_insert after insert on contact_identities
    referencing new table as new_identities for each statement execute function contact_identities_events();
create trigger contact_identities_events_delete after delete on contact_identities
    referencing old table as old_identities for each statement execute function contact_identities_events();
