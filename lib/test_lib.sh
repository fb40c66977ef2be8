#!/usr/bin/env bash
# test_lib.sh GSREF MAP [SAN_HELLO] - libgainstage as a user gets it: `make install`
# into a temp prefix, then lib/example/gs_hello.c copied out of the tree and built only
# with pkg-config (shared and static), must print what gsref prints and fail with the
# tools' messages; the shared library exports exactly the names of the map.
# SAN_HELLO: the same program built from the sources under ASan/UBSan, checked alike.
set -euo pipefail
gsref=$1 map=$2 san=${3:-}
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-lib: FAIL: $*" >&2; exit 1; }

# The library takes the tools' messages through gs_cli's sink (gs_cli_set_sink), never
# by compiling a tool source inside one of its own (an #include of a .c file).
inc=$(grep -ln '^ *# *include *["<][^">]*\.c[">]' lib/*.c tools/*.c 2>/dev/null || true)
[ -z "$inc" ] || fail "a .c file #included by $(echo "$inc" | tr '\n' ' ')"

$make -s --no-print-directory install BUILD="${BUILD:-build}" PREFIX="$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
mkdir "$tmp/src"
cp lib/example/gs_hello.c "$tmp/src/"
cd "$tmp/src"
# shellcheck disable=SC2046 # pkg-config's output is a list of words
${CC:-cc} -std=c11 -Wall -Wextra -Werror gs_hello.c $(pkg-config --cflags --libs gainstage) \
  -o hello_shared
${CC:-cc} -std=c11 -Wall -Wextra -Werror gs_hello.c $(pkg-config --cflags gainstage) \
  "$(pkg-config --variable=libdir gainstage)/libgainstage.a" $(pkg-config --libs-only-l --static gainstage | sed 's/-lgainstage//') \
  -o hello_static
ldd hello_static | grep -q libgainstage && fail "hello_static is linked to the shared library"
export LD_LIBRARY_PATH=$tmp/prefix/lib

bins="./hello_shared ./hello_static${san:+ $san}"
xs="-32768 -32767 -16385 -1 0 1 2 3 1000 16383 16384 32767"
checks=0
for cfg in "" "--rf 47k --rin 10k" "--round floor --gain 0.3" "--round ceil --overflow wrap --gain 3.3" \
           "--in s8.3 --gain-fmt u4.2 --out s6.1 --round half-up --overflow sat-sym --gain-code 0xf"; do
  x=$xs
  case $cfg in *s8.3*) x="-128 -127 -5 -1 0 1 5 126 127" ;; esac
  # shellcheck disable=SC2086 # cfg is a list of options
  want=$(printf '%s\n' $x | "$gsref" $cfg 2>/dev/null)
  for b in $bins; do
    # shellcheck disable=SC2086
    got=$($b $cfg -- $x)
    [ "$got" = "$want" ] || fail "$b $cfg: got '$got', gsref says '$want'"
    checks=$((checks + 1))
  done
done
for bad in "--round up" "--in s40.2" "--gain 70000" "--rf 47k" "--gain-code 0x10000" "--profile x" "--bogus 1"; do
  # shellcheck disable=SC2086
  want=$("$gsref" $bad </dev/null 2>&1 >/dev/null | sed 's/^gsref: //; s/ (see --help)$//') || true
  for b in $bins; do
    # shellcheck disable=SC2086
    got=$($b $bad -- 0 2>&1 >/dev/null | sed 's/^gs_hello: //') && fail "'$bad' accepted by $b"
    [ -n "$want" ] && [ "$got" = "$want" ] || fail "'$bad': $b says '$got', gsref '$want'"
    checks=$((checks + 1))
  done
done
got=$(./hello_shared -- 40000 2>&1) && fail "input code 40000 accepted in s16.15"
case $got in *"sample 0: code '40000' does not fit the input format s16.15"*) ;; *) fail "bad code: '$got'" ;; esac

cd - >/dev/null
exported=$(nm -D --defined-only "$tmp/prefix/lib/libgainstage.so" | awk '$2 == "T" {sub(/@.*/, "", $3); print $3}' | sort)
declared=$(sed -n 's/^ *\(gs_[a-z0-9_]*\);$/\1/p' "$map" | sort)
[ "$exported" = "$declared" ] || fail "exported symbols differ from the headers' API: $(diff <(echo "$declared") <(echo "$exported") | tr '\n' ' ')"
"$tmp/prefix/bin/gsref" --help >/dev/null || fail "installed gsref does not run"
for f in "$(pkg-config --variable=vpidir gainstage)/gs_vpi.vpi" \
         "$(pkg-config --variable=datadir gainstage)/gainstage_pkg.sv" \
         "$(pkg-config --variable=datadir gainstage)/gs_dpi.c"; do
  [ -f "$f" ] || fail "not installed: $f"
done
echo "test-lib: installed, built out of tree with pkg-config (shared and static), $checks checks against gsref, $(echo "$exported" | wc -l) exported symbols = the headers' API"
