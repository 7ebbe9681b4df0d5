-- CSV imports run on the task engine; they also count created and updated contacts, and their
-- errors name the column and keep the original row for the downloadable error report.
alter table tasks
    add column created_count integer not null default 0,
    add column updated_count integer not null default 0;

alter table task_errors
    add column column_name text,
    add column raw         text;
