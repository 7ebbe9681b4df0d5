-- The contact model of the contacts API. Every index is on live rows only and starts with tenant_id.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;

alter table contacts
    add column name            text not null default '',
    add column email           text,
    add column username        text,
    add column phone           text,
    add column language        text,
    add column status_override text,
    add column folder_ids      bigint[] not null default '{}',
    add column archived_at     timestamptz,
    -- Lower-cased text of name, email, phone, identity phones and tag names, kept by triggers.
    add column search_text     text not null default '',
    add constraint contacts_status_override_check check (status_override in ('optout', 'spam'));

create unique index contacts_email_key on contacts (tenant_id, lower(email))
    where deleted_at is null and email is not null;
create unique index contacts_username_key on contacts (tenant_id, lower(username))
    where deleted_at is null and username is not null;
create index contacts_created_idx on contacts (tenant_id, created_at, id) where deleted_at is null;
create index contacts_updated_idx on contacts (tenant_id, updated_at, id) where deleted_at is null;
create index contacts_name_idx on contacts (tenant_id, name, id) where deleted_at is null;
-- Custom-field filters: containment (=) and key existence (typed comparisons) within a tenant.
create index contacts_custom_fields_idx on contacts using gin (tenant_id, custom_fields) where deleted_at is null;
create index contacts_search_idx on contacts using gin (tenant_id, search_text gin_trgm_ops) where deleted_at is null;

create table contact_identities (
    tenant_id  text  not null,
    id         text  not null,
    contact_id text  not null,
    channel    text  not null,
    metadata   jsonb not null default '{}',
    constraint contact_identities_pkey primary key (tenant_id, id),
    constraint contact_identities_contact_fkey foreign key (tenant_id, contact_id)
        references contacts (tenant_id, id) on delete cascade
);
create index contact_identities_contact_idx on contact_identities (tenant_id, contact_id);
create index contact_identities_channel_idx on contact_identities (tenant_id, channel, contact_id);

create table contact_tags (
    tenant_id  text not null,
    contact_id text not null,
    tag_id     text not null,
    constraint contact_tags_pkey primary key (tenant_id, contact_id, tag_id),
    constraint contact_tags_contact_fkey foreign key (tenant_id, contact_id)
        references contacts (tenant_id, id) on delete cascade,
    -- Deleting a tag removes it from every contact.
    constraint contact_tags_tag_fkey foreign key (tenant_id, tag_id)
        references tags (tenant_id, id) on delete cascade
);
create index contact_tags_tag_idx on contact_tags (tenant_id, tag_id, contact_id);

-- search_text is derived, never written by the application: the contact's own columns plus the
-- text of its identities and tags, refreshed by the triggers below.
create function contact_related_text(p_tenant text, p_contact text) returns text
    language sql stable as $$
    select concat_ws(' ',
        (select string_agg(i.metadata ->> 'phoneNumber', ' ') from contact_identities i
          where i.tenant_id = p_tenant and i.contact_id = p_contact),
        (select string_agg(t.name, ' ') from contact_tags ct join tags t on t.tenant_id = ct.tenant_id and t.id = ct.tag_id
          where ct.tenant_id = p_tenant and ct.contact_id = p_contact))
$$;

create function contacts_search_own() returns trigger language plpgsql as $$
begin
    new.search_text := lower(concat_ws(' ', new.name, new.email, new.phone, contact_related_text(new.tenant_id, new.id)));
    return new;
end $$;

create trigger contacts_search_own before insert or update of name, email, phone on contacts
    for each row execute function contacts_search_own();

create function contacts_search_related() returns trigger language plpgsql as $$
declare
    r record;
begin
    if tg_op = 'DELETE' then r := old; else r := new; end if;
    update contacts set search_text = lower(concat_ws(' ', name, email, phone, contact_related_text(tenant_id, id)))
     where tenant_id = r.tenant_id and id = r.contact_id;
    return null;
end $$;

create trigger contact_identities_search after insert or update or delete on contact_identities
    for each row execute function contacts_search_related();
create trigger contact_tags_search after insert or delete on contact_tags
    for each row execute function contacts_search_related();
