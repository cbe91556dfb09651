#!/usr/bin/env bash
# End to end AI time in the running app (demo profile, embedded inference server): a 1-image CR and a 500-slice CT
# are sent by C-STORE to a demo clinic that subscribes to the demo models, and the time from the study's
# StudyReceived to each model's AiResultReady is read from the event publication registry.
# Needs the built jar (./mvnw install -DskipTests), DCMTK, python3-pydicom (../shared/bench) and psql.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
WORK=${WORK:-/tmp/ai-e2e-bench}
SLICES=${SLICES:-500}
PORT=${PORT:-8091}
DICOM_PORT=${DICOM_PORT:-11191}
TOKEN=rr_demo_lakeside_0123456789abcdef0123456789abcdef
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 | tail -1)/bin/java}
DB=radrelay_ai_bench

rm -rf "$WORK"
mkdir -p "$WORK"
/usr/bin/python3 "$BENCH/gen_studies.py" --out "$WORK/studies" --kinds ct,cr --ct-slices "$SLICES" --salt ai \
  --jobs 2 >/dev/null

# A database of its own, made afresh: its data keys are wrapped by this run's new master key.
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" postgres
RADRELAY_DATA_DIR=$WORK/data "$JAVA" -Xmx1g -jar "$ROOT/platform/app/target/radrelay.jar" \
  --spring.profiles.active=demo --server.port="$PORT" --radrelay.dicom.port="$DICOM_PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/dicomweb/lakeside/studies?limit=1"; do
  sleep 1
done
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }
# The demo's own sample studies (two head CTs, one chest radiograph) are read first: wait for their three results
# and a quiet registry, so that the measured studies queue behind nothing.
until [ "$(sql "select count(distinct serialized_event) from event_publication where event_type like '%AiResultReady'")" -ge 3 ] \
  && [ "$(sql "select count(*) from event_publication where completion_date is null")" = 0 ]; do
  sleep 1
done

for kind in cr ct; do
  dir=$(ls -d "$WORK/studies/$kind"/*)
  study=$(basename "$dir")
  storescu -aet STORESCU -aec LAKESIDE +sd +r +sp '*.dcm' 127.0.0.1 "$DICOM_PORT" "$dir"
  uid=$(/usr/bin/python3 -c "import pydicom,sys,glob; print(pydicom.dcmread(sorted(glob.glob(sys.argv[1]+'/**/*.dcm', recursive=True))[0]).StudyInstanceUID)" "$dir")
  until [ "$(sql "select count(*) from event_publication where event_type like '%AiResultReady' and serialized_event like '%$uid%'")" -gt 0 ]; do
    sleep 1
  done
  sql "select '$kind', r.model, r.images, r.status,
         round(extract(epoch from (select min(publication_date) from event_publication
           where event_type like '%AiResultReady' and serialized_event like '%$uid%'
             and serialized_event like '%' || r.model || '%')
           - (select min(publication_date) from event_publication
           where event_type like '%StudyReceived' and serialized_event like '%$uid%'))::numeric, 3) as seconds,
         round(extract(epoch from r.finished_at - r.started_at)::numeric, 3) as run_seconds
       from ai_results r where r.study_uid = '$uid'"
done
