-- A task's errors are counted as they are recorded, so that a list of tasks (GET /v1/contacts/imports)
-- shows each one's error count without counting its error rows, which may number a million.
alter table tasks add column error_count integer not null default 0;

update tasks t set error_count = e.n
  from (select tenant_id, task_id, count(*) as n from task_errors group by tenant_id, task_id) e
 where t.tenant_id = e.tenant_id and t.id = e.task_id;
