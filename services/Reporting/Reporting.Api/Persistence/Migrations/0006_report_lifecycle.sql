-- A report is a draft for analysts until it is published; publishing freezes it. An analyst's foreword and edited
-- conclusions are kept as versions (report_edits); the job carries the current one and is generated again with it.
ALTER TABLE report_jobs ADD COLUMN requested_by text NULL;
ALTER TABLE report_jobs ADD COLUMN published_at timestamptz NULL;
ALTER TABLE report_jobs ADD COLUMN published_by text NULL;
ALTER TABLE report_jobs ADD COLUMN edit_version integer NOT NULL DEFAULT 0;
ALTER TABLE report_jobs ADD COLUMN foreword text NULL;
ALTER TABLE report_jobs ADD COLUMN conclusions text NULL;

CREATE TABLE report_edits (
    job_id      uuid        NOT NULL REFERENCES report_jobs (id),
    version     integer     NOT NULL,
    foreword    text        NULL,
    conclusions text        NULL,
    edited_by   text        NOT NULL,
    edited_at   timestamptz NOT NULL,
    PRIMARY KEY (job_id, version)
);

-- Reports made before drafts existed were public from the start: they stay published.
UPDATE report_jobs SET published_at = finished_at, published_by = 'przed wprowadzeniem wersji roboczych' WHERE state = 'succeeded';
