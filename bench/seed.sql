-- The benchmark data set: 1,000,000 contacts across 10 tenants (90% in tn_bench_0), six custom
-- properties of mixed types, 20 tags per tenant on every tenth contact, a WhatsApp identity on
-- every third. Written straight into PostgreSQL with triggers off; search_text is computed here
-- exactly as the triggers would.
\set ON_ERROR_STOP on
set session_replication_role = replica;

create temporary table bench_tenants as
select 'tn_bench_' || t as tenant from generate_series(0, 9) t;

insert into property_definitions (tenant_id, entity_type, key, title, type, choices, predefined, created_at, created_by, updated_at)
select tenant, 'contact', key, title, type, choices::jsonb, predefined, now(), 'bench', now()
  from bench_tenants, (values
    ('email', 'Email', 'email', '[]', true), ('phone', 'Phone', 'phone', '[]', true),
    ('plan', 'Plan', 'single_choice', '["Free", "Pro", "Business"]', false),
    ('age', 'Age', 'number', '[]', false),
    ('city', 'City', 'text', '[]', false),
    ('signup', 'Signup', 'date', '[]', false),
    ('vip', 'VIP', 'boolean', '[]', false),
    ('interests', 'Interests', 'list', '[]', false)) p(key, title, type, choices, predefined);

insert into tags (tenant_id, id, name, created_at, created_by)
select tenant, 'tag_' || tenant || '_' || k, 'Segment ' || k, now(), 'bench' from bench_tenants, generate_series(0, 19) k;

create temporary table bench_rows as
select n,
       case when n <= 900000 then 'tn_bench_0' else 'tn_bench_' || (1 + n % 9) end as tenant,
       'con_' || lpad(n::text, 26, '0') as id,
       (array['Anna', 'Jan', 'Maria', 'Piotr', 'Katarzyna', 'Tomasz', 'Ewa', 'Pawel', 'Agnieszka', 'Marek'])[1 + n % 10]
         || ' ' || (array['Kowalska', 'Nowak', 'Wisniewska', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinska',
                          'Szymanski', 'Wozniak', 'Dabrowski', 'Mazur', 'Krawczyk'])[1 + (n / 10) % 12] || ' ' || n as name,
       'user' || n || '@example.com' as email,
       '+48' || (500000000 + n) as phone,
       case when n % 3 = 0 then '+48' || (600000000 + n) end as identity_phone,
       case when n % 10 = 0 then 'Segment ' || (n / 10) % 20 end as tag_name,
       case when n % 10 = 0 then 'tag_' || (case when n <= 900000 then 'tn_bench_0' else 'tn_bench_' || (1 + n % 9) end)
                                 || '_' || (n / 10) % 20 end as tag_id
  from generate_series(1, 1000000) n;

insert into contacts (tenant_id, id, name, email, phone, tag_ids, custom_fields, created_at, updated_at, search_text)
select tenant, id, name, email, phone, case when tag_id is null then '{}' else array[tag_id] end,
       jsonb_build_object(
         'plan', (array['Free', 'Pro', 'Business'])[1 + n % 3],
         'age', 18 + n % 60,
         'city', (array['Krakow', 'Warsaw', 'Gdansk', 'Poznan', 'Wroclaw', 'Lodz', 'Lublin', 'Szczecin'])[1 + n % 8],
         'signup', to_char(date '2020-01-01' + (n % 2000), 'YYYY-MM-DD'),
         'vip', n % 50 = 0,
         'interests', jsonb_build_array((array['ski', 'jazz', 'books', 'travel', 'food'])[1 + n % 5],
                                        (array['tennis', 'cinema', 'art'])[1 + n % 3])),
       timestamptz '2024-01-01' + n * interval '1 second',
       timestamptz '2025-01-01' + (n % 86400) * interval '1 second',
       lower(concat_ws(' ', name, email, phone, concat_ws(' ', identity_phone, tag_name)))
  from bench_rows;

insert into contact_identities (tenant_id, id, contact_id, channel, metadata)
select tenant, 'idn_' || lpad(n::text, 26, '0'), id, 'whatsapp', jsonb_build_object('phoneNumber', identity_phone)
  from bench_rows where identity_phone is not null;

set session_replication_role = origin;
vacuum analyze contacts;
vacuum analyze contact_identities;
vacuum analyze property_definitions;
