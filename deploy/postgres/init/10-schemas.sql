-- Jiaolian database bootstrap: one role and one schema per service (plus the gateway's own).
-- Each role owns only its schema; no role can read another's tables. The role name equals the
-- schema name, so PostgreSQL's default search_path ("$user", public) already finds it.
--
-- Used verbatim twice (keep them identical; tools/deploy-check verifies it):
--   * docker-compose: mounted into /docker-entrypoint-initdb.d (runs once, on an empty volume);
--     20-login.sh then gives each role LOGIN and its password.
--   * Kubernetes: ConfigMap jiaolian-pg-bootstrap (deploy/k8s/base/postgres/bootstrap-sql.yaml),
--     run by CloudNativePG as postInitApplicationSQL; the operator's managed roles then set
--     LOGIN and the password from each role's Secret.
-- It is idempotent: running it again on an existing database changes nothing.

-- Extensions the services rely on, created once by the superuser in schema public.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- Nobody creates objects in public; everybody may still use the extensions installed there.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO PUBLIC;

DO $$
DECLARE
  svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['gateway', 'membership', 'teacher_exchange', 'curriculum', 'activities', 'assessment', 'integrations']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = svc) THEN
      -- NOLOGIN until a password is set (20-login.sh or CloudNativePG managed roles).
      EXECUTE format('CREATE ROLE %I NOLOGIN', svc);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, svc);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, svc);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
    EXECUTE format('ALTER ROLE %I SET search_path = %I, public', svc, svc);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), svc);
  END LOOP;
END
$$;

-- Only the roles above (and the superuser) may connect to this database.
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
