#!/usr/bin/env bash
# quality_mutants.sh - proves the statistical test of the rounding modes
# (scripts/quality_run.py) can fail: each mutant plants a bias in a COPY of the
# model under OUT/, builds gsref from the copy, and the test must fail on it; the
# unmodified copy (the control) must pass the same run first. A sed that no
# longer applies (the model changed) is an error, so the check cannot go stale.
#
# Usage: scripts/quality_mutants.sh OUT "SOURCES" [PY]   (SOURCES: the .c files of gsref)
set -u
out=${1:?usage: quality_mutants.sh OUT SOURCES [PY]}
srcs=${2:?usage: quality_mutants.sh OUT SOURCES [PY]}
py=${3:-/usr/bin/python3}
CC=${CC:-cc}
cd "$(dirname "$0")/.."

# id @ file @ sed expression @ modes @ input sets @ the planted bias
MUTANTS=$(cat <<'LIST'
control@-@-@floor,half-even@uniform,ties@none (the model as it is)
floor-to-zero@cmodel/gs_core.h@s/case GS_ROUND_FLOOR:     return false;/case GS_ROUND_FLOOR:     return inexact \& neg;/@floor@uniform@floor rounds toward zero
half-even-ties-up@cmodel/gs_core.h@s/return above | (tie & odd);/return above | tie;/@half-even@ties@half-even rounds ties up
LIST
)

fail=0
while IFS=@ read -r id file expr modes sets what; do
  d=$out/$id
  rm -rf "$d"
  mkdir -p "$d"
  cp -r cmodel tools "$d/"
  if [ "$file" != - ]; then
    cp "$d/$file" "$d/$file.orig"
    sed -i "$expr" "$d/$file"
    if cmp -s "$d/$file" "$d/$file.orig"; then
      echo "quality-mutants: ERROR: mutant $id no longer applies to $file"; fail=1; continue
    fi
  fi
  # shellcheck disable=SC2086
  if ! $CC -std=c11 -Wall -Wextra -O2 -I"$d/cmodel" -I"$d/tools" \
       $(for s in $srcs; do echo "$d/$s"; done) -lm -o "$d/gsref" 2>"$d/build.log"; then
    echo "quality-mutants: ERROR: mutant $id does not build ($d/build.log)"; fail=1; continue
  fi
  "$py" scripts/quality_run.py --gsref "$d/gsref" --out "$d/q" --modes "$modes" \
    --sets "$sets" --stats-only >"$d/run.log" 2>&1
  rc=$?
  verdict=$(grep -o '| \*\*FAIL\*\* ([a-z ]*) |' "$d/run.log" | head -n 1)
  if [ "$id" = control ]; then
    if [ $rc -eq 0 ]; then echo "quality-mutants: control passes ($modes on $sets inputs)"
    else echo "quality-mutants: ERROR: the unmodified model fails ($d/run.log)"; fail=1; fi
  elif [ $rc -eq 1 ]; then
    echo "quality-mutants: caught  $id: $what ($modes on $sets inputs: ${verdict:-failed})"
  else
    echo "quality-mutants: MISSED  $id: $what (exit $rc, $d/run.log)"; fail=1
  fi
done <<<"$MUTANTS"
exit $fail
