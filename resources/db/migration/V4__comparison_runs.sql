-- Broker comparisons (dev.millrace.compare): one row per run of a workload, one per broker column of the run, so
-- that past runs can be listed, reopened and set side by side. Portable between H2 and PostgreSQL like V1: JSON in
-- VARCHAR columns, standard types only. The measured numbers that one would compare across runs are columns; the
-- rest of a result (percentile curves, options, features) is JSON read back whole.

CREATE TABLE comparison_run (
    -- Sortable by start time, then unique: 20261115-142301-max-throughput-1a2b3c.
    id             VARCHAR(200)  NOT NULL PRIMARY KEY,
    workload_name  VARCHAR(200)  NOT NULL,
    -- The workload exactly as it ran, in the workload file format, so that the run can be repeated.
    workload       VARCHAR       NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- JSON: {"cores", "java", "os", "version"}.
    environment    VARCHAR       NOT NULL,
    -- complete: every broker measured; partial: some could not be reached or failed; cancelled: stopped early.
    status         VARCHAR(16)   NOT NULL,
    -- The command line that ran it, secrets masked; NULL when the workbench started it.
    command        VARCHAR,
    -- JSON array of the honesty check's runs of the brokers' own tools; [] when it was not asked for.
    reference_runs VARCHAR       NOT NULL,
    CONSTRAINT comparison_run_status CHECK (status IN ('complete', 'partial', 'cancelled'))
);

CREATE INDEX comparison_run_started ON comparison_run (started_at);

CREATE TABLE comparison_result (
    run_id               VARCHAR(200)  NOT NULL,
    -- The column's place in the run, from 0: the order the brokers ran in.
    position             INTEGER       NOT NULL,
    label                VARCHAR(200)  NOT NULL,
    adapter_id           VARCHAR(100)  NOT NULL,
    display_name         VARCHAR(200)  NOT NULL,
    -- JSON object of the connection options, secret ones masked before they get here.
    options              VARCHAR       NOT NULL,
    -- JSON: {"features": [...], "maxPayloadBytes", "fromConnection"}.
    features             VARCHAR       NOT NULL,
    -- JSON array of what a reader must know to read the numbers.
    notes                VARCHAR       NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    -- Why a broker was not measured; NULL when it was.
    reason               VARCHAR,
    -- The measured phase; all NULL when the broker was not measured.
    sent                 BIGINT,
    received             BIGINT,
    duplicates           BIGINT,
    errors               BIGINT,
    first_error          VARCHAR,
    warmup_sent          BIGINT,
    warmup_received      BIGINT,
    publish_rate         DOUBLE PRECISION,
    consume_rate         DOUBLE PRECISION,
    publish_seconds      DOUBLE PRECISION,
    -- End-to-end latency (publish call start to receipt), nanoseconds.
    latency_count        BIGINT,
    latency_min_ns       BIGINT,
    latency_p50_ns       BIGINT,
    latency_p90_ns       BIGINT,
    latency_p99_ns       BIGINT,
    latency_p999_ns      BIGINT,
    latency_max_ns       BIGINT,
    latency_mean_ns      DOUBLE PRECISION,
    -- JSON array of {"percentile", "nanos"}: the end-to-end percentile curve the charts draw (the HdrHistogram
    -- itself is not kept; the curve holds what a report shows).
    latency_curve        VARCHAR,
    -- JSON: the same summary for the publish call's duration.
    publish_latency      VARCHAR,
    CONSTRAINT comparison_result_pk PRIMARY KEY (run_id, position),
    CONSTRAINT comparison_result_run FOREIGN KEY (run_id) REFERENCES comparison_run (id) ON DELETE CASCADE,
    CONSTRAINT comparison_result_status CHECK (status IN ('measured', 'unreachable', 'failed', 'cancelled'))
);
