-- POST /api/v2/survey records one survey request per customer. This service sends no email: the
-- system that delivers surveys lists the queued requests and reports each one sent or failed.
create table survey_requests (
    tenant_id   text        not null,
    id          text        not null,
    contact_id  text        not null,
    email       text        not null,
    campaign    text        not null,
    send_after  timestamptz not null,
    status      text        not null default 'queued',
    reason      text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint survey_requests_pkey primary key (tenant_id, id),
    constraint survey_requests_status_check check (status in ('queued', 'sent', 'failed'))
);
-- The delivering system reads the queue oldest first, usually of one status.
create index survey_requests_status_idx on survey_requests (tenant_id, status, created_at, id);
create index survey_requests_list_idx on survey_requests (tenant_id, created_at, id);
