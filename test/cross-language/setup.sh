#!/usr/bin/env bash
# Builds the cross-language readers once into .tools/cross-language/ (git-ignored) and reuses them:
#   java/    the Maven project compiled (classes/) with its runtime jars (lib/), from Maven Central
#   python/  a venv with the `avro` package from PyPI
# Each part is rebuilt only when its inputs changed (a hash of them is stamped), so a second run takes well
# under a second. Prints nothing on stdout but the tools folder as the last line; progress goes to stderr.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/.tools/cross-language"
PYTHON_AVRO_VERSION="1.12.2"

say() { echo "cross-language: $*" >&2; }

hash_of() { cat "$@" | sha256sum | cut -c1-16; }

build_java() {
  local stamp
  stamp="$(hash_of "$HERE/java/pom.xml" $(find "$HERE/java/src" -type f | sort))"
  [[ -f "$OUT/java/.stamp" && "$(cat "$OUT/java/.stamp")" == "$stamp" ]] && return 0
  command -v mvn > /dev/null || { say "Maven (mvn) is needed"; exit 1; }
  say "building the Java reader (Apache Avro, kafka-clients) into ${OUT#"$ROOT"/}/java"
  local tmp="$OUT/java.tmp.$$"
  rm -rf "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  mvn -q -B -Dstyle.color=never -f "$HERE/java/pom.xml" -Dcrosslang.build.dir="$tmp" \
    compile dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/lib" >&2
  echo "$stamp" > "$tmp/.stamp"
  rm -rf "$OUT/java"
  mv "$tmp" "$OUT/java"
  trap - EXIT
}

build_python() {
  local stamp="avro==$PYTHON_AVRO_VERSION $(python3 --version 2>&1)"
  [[ -f "$OUT/python/.stamp" && "$(cat "$OUT/python/.stamp")" == "$stamp" ]] && return 0
  say "creating a Python venv with avro==$PYTHON_AVRO_VERSION in ${OUT#"$ROOT"/}/python"
  rm -rf "$OUT/python"
  python3 -m venv "$OUT/python"
  "$OUT/python/bin/pip" install -q --disable-pip-version-check "avro==$PYTHON_AVRO_VERSION" >&2
  echo "$stamp" > "$OUT/python/.stamp"
}

mkdir -p "$OUT"
exec 9> "$OUT/.lock"
flock 9
build_java
build_python
echo "$OUT"
