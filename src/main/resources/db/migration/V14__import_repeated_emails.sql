-- Two rows of one CSV file with one email: the later wins and each earlier one is reported. The
-- upload used to mark the earlier rows with an UPDATE of task_items joined to a window over them;
-- a freshly stored task has no statistics, so PostgreSQL estimated one row on each side and chose a
-- nested loop that rescanned every superseded row for every row of the file: 16,000 rows sharing an
-- email took 45 s before the 202. The upload now stores, with one aggregate and no join, the last
-- row of each email that the file repeats, and the import looks up the emails of each chunk here
-- by primary key. Rows are written only in the transaction that stores the task's items; whatever
-- comes to delete tasks (a retention job) must delete these with them.
create table import_repeated_emails (
    tenant_id text    not null,
    task_id   text    not null,
    email_key text    not null,
    last_row  integer not null,
    constraint import_repeated_emails_pkey primary key (tenant_id, task_id, email_key)
);
