# Points JAVA_HOME at a JDK >= 21 (Vaadin 25 and Spring Boot 4 need it) unless it already names one. Sourced by
# mvnw, so `./mvnw ...` works in a fresh shell; POSIX sh, no bash needed.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
jdk_ok() { [ -x "$1/bin/javac" ] && [ "$(jdk_major "$1")" -ge 21 ] 2>/dev/null; }
if [ -z "${JAVA_HOME:-}" ] || ! jdk_ok "$JAVA_HOME"; then
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
    if jdk_ok "$candidate"; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      echo "Using the JDK at $JAVA_HOME" >&2
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || ! jdk_ok "$JAVA_HOME"; then
  echo "No JDK >= 21 found: install one (e.g. Temurin 25) and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
