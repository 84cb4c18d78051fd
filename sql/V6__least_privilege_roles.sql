-- Least privilege: two group roles, so that neither the running service nor a dashboard can change the schema.
--   selfheal_app       DML only (SELECT/INSERT/UPDATE/DELETE on the tables, sequences, functions). The service connects
--                      as a login role that is a member of it (selfheal.db.app-user) once the owner ran the migrations.
--   selfheal_readonly  SELECT only, for Grafana and ad-hoc reading.
-- Both are NOLOGIN: a login with a password is created by the operator (see README, "Least privilege") and never
-- stored in a migration. Roles are cluster-wide, so they are created only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'selfheal_app') THEN
        CREATE ROLE selfheal_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'selfheal_readonly') THEN
        CREATE ROLE selfheal_readonly NOLOGIN;
    END IF;
END
$$;

DO $$
DECLARE
    schema_name constant text := quote_ident(current_schema());
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %s TO selfheal_app, selfheal_readonly', schema_name);
    -- The schema is the owner's: neither role may create objects in it (PostgreSQL 15 already refuses CREATE on
    -- public to PUBLIC; this makes it explicit on older servers and other schemas).
    EXECUTE format('REVOKE CREATE ON SCHEMA %s FROM selfheal_app, selfheal_readonly', schema_name);

    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO selfheal_app', schema_name);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO selfheal_app', schema_name);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %s TO selfheal_app', schema_name);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %s TO selfheal_readonly', schema_name);

    -- Tables that later migrations create (run by the same owner) get the same grants.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO selfheal_app', schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT USAGE, SELECT ON SEQUENCES TO selfheal_app', schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT EXECUTE ON FUNCTIONS TO selfheal_app', schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT ON TABLES TO selfheal_readonly', schema_name);
END
$$;

-- Migration history is the owner's business: the service may read it, never rewrite it.
REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM selfheal_app;
-- Functions are executable by PUBLIC by default; the retention job deletes rows, so dashboards must not run it
-- (it would fail on the DELETE anyway; revoking says so up front).
REVOKE EXECUTE ON FUNCTION cleanup_old_healing_data(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cleanup_old_healing_data(interval) TO selfheal_app;
