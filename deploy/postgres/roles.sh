#!/bin/sh
# The database roles of a Switchboard deployment, neither of them a superuser:
#   switchboard_owner  owns the tables: Flyway runs the migrations as it (SPRING_FLYWAY_USER / _PASSWORD)
#   switchboard_app    what the nodes connect as (SPRING_DATASOURCE_USERNAME): reads and writes rows, nothing else;
#                      it cannot create, alter or drop a table, nor grant anything
# docker-compose.yml mounts this into /docker-entrypoint-initdb.d, so the postgres image runs it once, as its
# superuser, when it initialises an empty volume. On a server of your own, run it once as a superuser:
#   PGHOST=db.example POSTGRES_USER=postgres POSTGRES_DB=switchboard \
#   SWITCHBOARD_DB_OWNER_PASSWORD=... SWITCHBOARD_DB_APP_PASSWORD=... sh deploy/postgres/roles.sh
# The passwords are read from the environment by psql itself, so they never appear on a command line.
# LeastPrivilegeRolesIT runs this very file before it starts a node on the roles.
set -eu
: "${POSTGRES_USER:?set POSTGRES_USER (a superuser)}"
: "${POSTGRES_DB:?set POSTGRES_DB (the database Switchboard uses)}"
: "${SWITCHBOARD_DB_OWNER_PASSWORD:?set SWITCHBOARD_DB_OWNER_PASSWORD}"
: "${SWITCHBOARD_DB_APP_PASSWORD:?set SWITCHBOARD_DB_APP_PASSWORD}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v database="$POSTGRES_DB" <<'SQL'
\getenv owner_password SWITCHBOARD_DB_OWNER_PASSWORD
\getenv app_password SWITCHBOARD_DB_APP_PASSWORD

CREATE ROLE switchboard_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'owner_password';
CREATE ROLE switchboard_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'app_password';

-- only these roles (and superusers) may connect; only the owner may create anything in the schema
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO switchboard_owner, switchboard_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO switchboard_owner;
GRANT USAGE ON SCHEMA public TO switchboard_app;

-- every table and sequence the migrations create, now and in later versions: rows only. TRUNCATE is for the
-- registry rebuild, which empties its side table and locks the live one (LOCK needs UPDATE) before it switches.
ALTER DEFAULT PRIVILEGES FOR ROLE switchboard_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO switchboard_app;
ALTER DEFAULT PRIVILEGES FOR ROLE switchboard_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO switchboard_app;
SQL
