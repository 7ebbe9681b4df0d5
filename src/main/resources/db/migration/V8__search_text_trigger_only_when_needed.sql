-- The row trigger that keeps search_text cost about 70 microseconds a row wherever the contact has
-- tags (contact_related_text reads them back), which made it most of the cost of an import's insert
-- and merge. It now runs only when its answer can differ:
--  * on insert, only when the statement did not supply search_text itself. The CSV import knows the
--    new contact's name, email, phone and tag names and writes the same expression in its INSERT;
--    a new contact has no identities yet (their foreign key is not deferrable).
--  * on update, only when name, email or phone really changes. Merges that name those columns with
--    their current values (a re-imported file) leave the search text as it is, which is still right.
drop trigger contacts_search_own on contacts;

create trigger contacts_search_own_insert before insert on contacts
    for each row when (new.search_text = '') execute function contacts_search_own();

create trigger contacts_search_own_update before update of name, email, phone on contacts
    for each row when ((old.name, old.email, old.phone) is distinct from (new.name, new.email, new.phone))
    execute function contacts_search_own();
