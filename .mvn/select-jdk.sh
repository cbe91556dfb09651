# Sourced by .ci/run (and usable by developers: `source .mvn/select-jdk.sh`): points JAVA_HOME at a JDK >= 21
# unless it already does.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(jdk_major "$JAVA_HOME")" -lt 21 ]; then
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_major "$candidate")" -ge 21 ]; then
      export JAVA_HOME=$candidate
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(jdk_major "$JAVA_HOME")" -lt 21 ]; then
  echo "No JDK >= 21 found: install one (e.g. Temurin 25) and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
echo "Using JDK at $JAVA_HOME"
