#!/usr/bin/env bash
# Installs what gainstage needs, only what is missing; safe to run again.
# Usage: scripts/deps.sh [core|synth|soc|bench|all]   (default: all)
#   core  : compilers, Verilator, Icarus, cmocka, libfixmath (model, cosim, tests)
#   synth : yosys, nextpnr-ice40, icestorm
#   soc   : RISC-V cross compiler, picolibc, PicoRV32 from PyPI
#   bench : cocotb (benchmark only)
set -euo pipefail

# Pinned PyPI versions: the soft core is a dependency, located through the package.
PICORV32_PKG="pythondata-cpu-picorv32==1.0.post218"
COCOTB_PKG="cocotb==1.9.2"

want=${1:-all}
apt_core=(make gcc g++ perl python3 zlib1g-dev verilator iverilog libcmocka-dev libfixmath-dev pkg-config)
apt_synth=(yosys nextpnr-ice40 fpga-icestorm)
apt_soc=(gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf python3-pip)

case $want in
  core)  apt_pkgs=("${apt_core[@]}") ;;
  synth) apt_pkgs=("${apt_core[@]}" "${apt_synth[@]}") ;;
  soc)   apt_pkgs=("${apt_core[@]}" "${apt_synth[@]}" "${apt_soc[@]}") ;;
  bench|all) apt_pkgs=("${apt_core[@]}" "${apt_synth[@]}" "${apt_soc[@]}") ;;
  *) echo "deps.sh: unknown set '$want' (core|synth|soc|bench|all)" >&2; exit 2 ;;
esac

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps.sh: installing Debian packages: ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  if ! { $SUDO apt-get update -qq && \
         $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "deps.sh: error: could not install ${missing[*]} with apt-get (root or sudo, and Debian's" \
         "package servers, are needed); install them by hand and run make again" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
pip_need() { # name==ver: true if not installed at that version
  local name=${1%%==*} ver=${1##*==}
  [ "$($PY -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" != "$ver" ]
}
pip_install() {
  echo "deps.sh: installing PyPI package $1" >&2
  # Debian 12's own python3 refuses pip without --break-system-packages (PEP 668)
  $PY -m pip install -q --disable-pip-version-check "$1" 2>/dev/null ||
    $PY -m pip install -q --disable-pip-version-check --break-system-packages "$1" || {
      echo "deps.sh: error: could not install $1 from PyPI with $PY -m pip" >&2
      exit 1
    }
}
case $want in
  soc|all|bench) pip_need "$PICORV32_PKG" && pip_install "$PICORV32_PKG" ;;
esac
case $want in
  bench) pip_need "$COCOTB_PKG" && pip_install "$COCOTB_PKG" ;;
esac
exit 0
