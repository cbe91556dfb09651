#!/usr/bin/env bash
# The edge gateway's forwarding rate against direct STOW-RS with curl, on the same data kind, in one run.
# Needs the built jars (./mvnw install -DskipTests), DCMTK, curl and python3-pydicom (../shared/bench).
# Prints one line per measurement: what, instances, bytes, seconds, MB/s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
WORK=${WORK:-/tmp/gateway-bench}
SLICES=${SLICES:-500}
PORT=${PORT:-8090}
DICOM_PORT=${DICOM_PORT:-11190}
GW_PORT=${GW_PORT:-11195}
TOKEN=rr_demo_lakeside_0123456789abcdef0123456789abcdef
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 | tail -1)/bin/java}
GATEWAY_JAR=$ROOT/tenant-portal/edge-gateway/target/radrelay-edge-gateway.jar

rm -rf "$WORK"
mkdir -p "$WORK"
for salt in direct plain gzip; do
  /usr/bin/python3 "$BENCH/gen_studies.py" --out "$WORK/ct-$salt" --kinds ct --ct-slices "$SLICES" \
    --salt "$salt" --jobs 2 >/dev/null
done

# A database of its own, made afresh: its data keys are wrapped by this run's new master key.
DB=radrelay_gateway_bench
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" postgres
RADRELAY_DATA_DIR=$WORK/data "$JAVA" -Xmx1g -jar "$ROOT/platform/app/target/radrelay.jar" \
  --spring.profiles.active=demo --server.port="$PORT" --radrelay.dicom.port="$DICOM_PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; kill $GW 2>/dev/null || true' EXIT
GW=
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/dicomweb/lakeside/studies?limit=1"; do
  sleep 1
done

bytes() { find "$1" -type f -name '*.dcm' -printf '%s\n' | awk '{s += $1} END {print s}'; }
report() { awk -v w="$1" -v n="$2" -v b="$3" -v t="$4" 'BEGIN {printf "%-24s %5d instances %6.1f MB %7.2f s %6.1f MB/s\n", w, n, b / 1e6, t, b / 1e6 / t}'; }

# Direct: the whole study as one STOW-RS body, as a PACS would send it.
find "$WORK/ct-direct" -type f -name '*.dcm' | sort | /usr/bin/python3 "$BENCH/lib/benchlib.py" stow-bodies \
  rr-bench 100000 "$WORK/body" >/dev/null
seconds=$(curl -s -o "$WORK/direct.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: multipart/related; type="application/dicom"; boundary=rr-bench' \
  --data-binary @"$WORK/body/body_0000.bin" "http://127.0.0.1:$PORT/dicomweb/lakeside/studies")
report "STOW-RS, curl" "$SLICES" "$(bytes "$WORK/ct-direct")" "$seconds"

# Gateway: the queue is filled while RadRelay is out of reach, then the gateway restarts with the right address and
# the time until its queue is empty (every batch acknowledged by RadRelay) is the forwarding time.
for mode in plain gzip; do
  gzip=false
  [ "$mode" = gzip ] && gzip=true
  q=$WORK/gw-$mode
  mkdir -p "$q"
  write_config() {
    printf 'radrelay.url=%s\nradrelay.token=%s\ndicom.port=%s\ndicom.bind=127.0.0.1\nqueue.folder=queue\ntransfer.gzip=%s\nbatch.instances=%s\nbatch.megabytes=%s\n' \
      "$1" "$TOKEN" "$GW_PORT" "$gzip" "${BATCH_INSTANCES:-20}" "${BATCH_MB:-32}" >"$q/radrelay-gateway.properties"
  }
  write_config "http://127.0.0.1:9/dicomweb/lakeside"
  "$JAVA" -jar "$GATEWAY_JAR" run "$q/radrelay-gateway.properties" >"$q/gateway-fill.log" 2>&1 &
  GW=$!
  until echoscu -aec RADRELAY-GW 127.0.0.1 "$GW_PORT" 2>/dev/null; do sleep 0.5; done
  storescu -aec RADRELAY-GW +sd +r +sp '*.dcm' 127.0.0.1 "$GW_PORT" "$WORK/ct-$mode" >/dev/null
  kill "$GW"; wait "$GW" 2>/dev/null || true
  write_config "http://127.0.0.1:$PORT/dicomweb/lakeside"
  start=$(date +%s.%N)
  "$JAVA" -jar "$GATEWAY_JAR" run "$q/radrelay-gateway.properties" >"$q/gateway.log" 2>&1 &
  GW=$!
  until [ "$(find "$q/queue/queued" -name '*.dcm' | wc -l)" -eq 0 ]; do sleep 0.1; done
  end=$(date +%s.%N)
  echo "gateway, $mode: $(ps -o times= -p "$GW") s of CPU (start-up included) on $(nproc) cores" >&2
  kill "$GW"; wait "$GW" 2>/dev/null || true
  report "gateway, $mode" "$(wc -l <"$q/queue/sent.log")" "$(bytes "$WORK/ct-$mode")" "$(echo "$end - $start" | bc)"
done
