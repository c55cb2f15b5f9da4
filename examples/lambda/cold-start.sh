#!/bin/bash
# Cold start of the Lambda jar: fresh JVM -> first S3 event handled, against a running moto_server.
#   moto_server -p 5599 &                      # any S3 endpoint; boto3 puts the objects
#   [JAR=path.jar] examples/lambda/cold-start.sh [endpoint] [java options...]
#   examples/lambda/cold-start.sh http://127.0.0.1:5599 -XX:TieredStopAtLevel=1   # Lambda's java17/java21 default
# Each of 5 runs puts a fresh 512 KiB object, writes a one-record ObjectCreated:Put event with its
# ETag, and times the local runner (local model, moves enabled). Prints wall time per run, the
# runner's own init/handle split, CPU time, and the median wall time.
# CDS=1 first records an application class-data archive with one training invocation
# (-XX:ArchiveClassesAtExit) and then starts every timed run from it (-XX:SharedArchiveFile):
# what a container-image deployment can do when it builds the archive with the image's own JVM.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/target/archiver-lambda.jar}   # JAR=other.jar: time another build (e.g. alternately with this one)
EP=${1:-http://127.0.0.1:5599}
shift || true
WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export ARCHIVER_MODEL=$HERE/src/test/resources/model.json ARCHIVER_DRY_RUN=false
walls=()
cds=()
event() {
  python3 - "$EP" "$HERE/src/test/resources/events/s3-put.json" > "$WORK/event.json" <<'PY'
import boto3, json, os, sys
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1',
                  aws_access_key_id='test', aws_secret_access_key='test')
try:
    s3.create_bucket(Bucket='photos')
except Exception:
    pass
etag = s3.put_object(Bucket='photos', Key='red flower.jpg', Body=os.urandom(512 * 1024))['ETag'].strip('"')
event = json.load(open(sys.argv[2]))
event['Records'] = event['Records'][:1]
event['Records'][0]['s3']['object']['eTag'] = etag
print(json.dumps(event))
PY
}
if [ "${CDS:-0}" = 1 ]; then
  event
  java "$@" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -jar "$JAR" invoke --handler s3 --event "$WORK/event.json" \
    --endpoint-url "$EP" > /dev/null 2>&1
  cds=(-XX:SharedArchiveFile="$WORK/app.jsa")
  echo "class-data archive: $(du -h "$WORK/app.jsa" | cut -f1)"
fi
for i in 1 2 3 4 5; do
  event
  start=$(date +%s%N)
  /usr/bin/time -f "cpu user=%U s sys=%S s" -o "$WORK/time" \
    java "$@" "${cds[@]}" -jar "$JAR" invoke --handler s3 --event "$WORK/event.json" --endpoint-url "$EP" > "$WORK/out" 2> "$WORK/err"
  end=$(date +%s%N)
  wall=$(( (end - start) / 1000000 ))
  walls+=("$wall")
  echo "run $i: wall=${wall} ms $(tail -1 "$WORK/err") $(cat "$WORK/time") -> $(tail -1 "$WORK/out")"
done
echo "median wall: $(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p) ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$WORK"
