-- A contact's tags move from the contact_tags table into an array column of the contact, as its
-- folders already are. Linking tags was a third of the database time of a CSV import: a thousand
-- rows (and two index entries each) a chunk of 500 contacts, a foreign-key check per row, and a
-- statement trigger that refreshed the search text of contacts the import had not inserted yet.
-- Now a new contact is inserted with its tags and their names in its search text in one row, the
-- tag filter reads a GIN index, and a page of contacts reads the ids from the row itself.
--
-- tag_ids is kept sorted and without repeats by every statement that writes it. Statements that
-- add tags lock those tag rows (FOR KEY SHARE) until they commit, so that a tag cannot be deleted
-- while it is being linked; deleting a tag removes its id from every live contact (trigger below).
alter table contacts add column tag_ids text[] not null default '{}';

update contacts c set tag_ids = l.ids
  from (select tenant_id, contact_id, array_agg(distinct tag_id order by tag_id) as ids
          from contact_tags group by tenant_id, contact_id) l
 where c.tenant_id = l.tenant_id and c.id = l.contact_id;

create index contacts_tags_idx on contacts using gin (tenant_id, tag_ids) where deleted_at is null;

drop trigger tags_delete_links on tags;
drop function tags_delete_links();
drop table contact_tags;
drop function contacts_search_refresh_changed();

-- The search text of a contact: its own columns, its identities' phone numbers and its tags' names.
create function contact_search_text(p_tenant text, p_contact text, p_name text, p_email text, p_phone text,
                                    p_tag_ids text[]) returns text language sql stable as $$
    select lower(concat_ws(' ', p_name, p_email, p_phone,
        (select string_agg(i.metadata ->> 'phoneNumber', ' ') from contact_identities i
          where i.tenant_id = p_tenant and i.contact_id = p_contact),
        (select string_agg(t.name, ' ') from tags t where t.tenant_id = p_tenant and t.id = any(p_tag_ids))))
$$;

create or replace function contacts_search_own() returns trigger language plpgsql as $$
begin
    new.search_text := contact_search_text(new.tenant_id, new.id, new.name, new.email, new.phone, new.tag_ids);
    return new;
end $$;

create or replace function contacts_search_related() returns trigger language plpgsql as $$
declare
    r record;
begin
    if tg_op = 'DELETE' then r := old; else r := new; end if;
    update contacts set search_text = contact_search_text(tenant_id, id, name, email, phone, tag_ids)
     where tenant_id = r.tenant_id and id = r.contact_id;
    return null;
end $$;

drop function contact_related_text(text, text);

-- The update trigger also runs when the tags change (still only when a column it reads changes).
drop trigger contacts_search_own_update on contacts;
create trigger contacts_search_own_update before update of name, email, phone, tag_ids on contacts
    for each row when ((old.name, old.email, old.phone, old.tag_ids) is distinct from (new.name, new.email, new.phone, new.tag_ids))
    execute function contacts_search_own();

-- Deleting tags removes them from every live contact, whose search text the update trigger refreshes.
create function tags_delete_from_contacts() returns trigger language plpgsql as $$
begin
    update contacts c set tag_ids = array(select x from unnest(c.tag_ids) x where x <> all(d.ids) order by x)
      from (select tenant_id, array_agg(id) as ids from deleted group by tenant_id) d
     where c.tenant_id = d.tenant_id and c.tag_ids && d.ids and c.deleted_at is null;
    return null;
end $$;

create trigger tags_delete_from_contacts after delete on tags
    referencing old table as deleted for each statement execute function tags_delete_from_contacts();
