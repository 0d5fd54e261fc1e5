#!/bin/sh
# docker-compose only: give each service role LOGIN and the password from the environment
# (<SERVICE>_DB_PASSWORD, see .env.example). Runs once, after 10-schemas.sql, on an empty volume.
# To change a password later: docker compose exec postgres psql -U postgres -d jiaolian \
#   -c "ALTER ROLE membership PASSWORD '...'"   and update .env.
set -e

for pair in \
  gateway:GATEWAY_DB_PASSWORD \
  membership:MEMBERSHIP_DB_PASSWORD \
  teacher_exchange:TEACHER_EXCHANGE_DB_PASSWORD \
  curriculum:CURRICULUM_DB_PASSWORD \
  activities:ACTIVITIES_DB_PASSWORD \
  assessment:ASSESSMENT_DB_PASSWORD \
  integrations:INTEGRATIONS_DB_PASSWORD
do
  role="${pair%%:*}"
  var="${pair#*:}"
  eval "password=\"\${$var:-}\""
  if [ -z "$password" ]; then
    echo "20-login.sh: $var is empty; set it in .env" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=role="$role" --set=password="$password" <<'SQL'
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';
SQL
done
