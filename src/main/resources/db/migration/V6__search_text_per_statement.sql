-- Tags attached or detached in bulk (CSV imports, customer upserts, tag deletion) refreshed the
-- search text once per contact_tags row, one UPDATE of the contact each time. Statement-level
-- triggers with transition tables refresh each affected contact once per statement instead.
drop trigger contact_tags_search on contact_tags;

create function contacts_search_refresh_changed() returns trigger language plpgsql as $$
begin
    update contacts c
       set search_text = lower(concat_ws(' ', c.name, c.email, c.phone, contact_related_text(c.tenant_id, c.id)))
      from (select distinct tenant_id, contact_id from changed) t
     where c.tenant_id = t.tenant_id and c.id = t.contact_id;
    return null;
end $$;

create trigger contact_tags_search_insert after insert on contact_tags
    referencing new table as changed for each statement execute function contacts_search_refresh_changed();
create trigger contact_tags_search_delete after delete on contact_tags
    referencing old table as changed for each statement execute function contacts_search_refresh_changed();
