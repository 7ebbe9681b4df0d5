-- A CSV import that creates contacts with tags wrote each new contact twice: once on insert, and once
-- more when the tags' statement trigger refreshed its search text. The import now attaches the tags
-- first, with this foreign key deferred to the end of its transaction, so that the contact's own
-- trigger already sees them; the key is still checked before every commit.
alter table contact_tags alter constraint contact_tags_contact_fkey deferrable initially immediate;

-- Refreshing only the contacts whose search text really changes spares a new row version (and an
-- update of every index) for each contact whose tags were attached again.
create or replace function contacts_search_refresh_changed() returns trigger language plpgsql as $$
begin
    update contacts c
       set search_text = f.text
      from (select n.tenant_id, n.id, lower(concat_ws(' ', n.name, n.email, n.phone, contact_related_text(n.tenant_id, n.id))) as text
              from contacts n join (select distinct tenant_id, contact_id from changed) t
                on n.tenant_id = t.tenant_id and n.id = t.contact_id) f
     where c.tenant_id = f.tenant_id and c.id = f.id and c.search_text is distinct from f.text;
    return null;
end $$;
