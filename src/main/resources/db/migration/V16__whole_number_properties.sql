-- A property created as /api/v2's "integer" is a number that holds whole numbers for its whole life:
-- the definition records it, so that a later request omitting the type still refuses 7.25.
alter table property_definitions add column whole_number boolean not null default false;
