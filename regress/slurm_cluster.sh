# slurm_cluster.sh - a private one-node Slurm cluster for tests and benchmarks (sourced).
#
#   . regress/slurm_cluster.sh
#   gs_cluster_usable || skip "$gs_cluster_why"
#   trap gs_cluster_stop EXIT; trap 'exit 130' INT TERM
#   gs_cluster_start DIR CPUS      # exports SLURM_CONF; returns non-zero if it did not come up
#   ... sbatch / regress/gsregress.py --on slurm ...
#   gs_cluster_stop                # idempotent
#
# Everything lives under DIR: slurm.conf, the munge key and socket (its directory mode
# 711, or munged refuses it), state, spool, pid and log files. munged -F, slurmctld -D
# and slurmd -D run in the background; their PIDs are kept and exactly those (and the
# slurmstepd processes of this cluster, found by its SLURM_CONF in their environment)
# are stopped, with bounded waits. Nothing under /etc is read or written. The settings
# are those measured in issue 11 (node idle ~1 s after start; CPUs overridden so that
# a small array runs at once on a small machine).

gs_cluster_pids=()
gs_cluster_dir=
gs_cluster_why=

gs_cluster_usable() { # sets gs_cluster_why when the cluster cannot start here
  if [ "$(id -u)" != 0 ]; then
    gs_cluster_why="not root: slurmd and slurmctld (SlurmUser=root) cannot start"
    return 1
  fi
  local b
  for b in munged slurmctld slurmd sbatch squeue scontrol sinfo scancel; do
    if ! command -v "$b" >/dev/null; then
      gs_cluster_why="$b not found (scripts/deps.sh slurm)"
      return 1
    fi
  done
  return 0
}

gs_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

gs_wait_for() { # seconds, what, command...: polls the command every 0.2 s
  local limit=$1 what=$2 t=0
  shift 2
  until "$@" >/dev/null 2>&1; do
    sleep 0.2
    t=$((t + 1))
    if [ $t -ge $((limit * 5)) ]; then
      echo "slurm-cluster: $what not ready after $limit s" >&2
      return 1
    fi
  done
}

gs_node_idle() {
  [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ]
}

gs_no_jobs() {
  [ -z "$(squeue -h 2>/dev/null)" ]
}

gs_cluster_start() { # DIR CPUS
  local d=$1 cpus=${2:-8}
  gs_cluster_dir=$d
  mkdir -p "$d"/{state,spool,munge,log}
  # munged needs execute permission for all on every directory above its socket
  chmod 711 "$d" "$d/munge"
  head -c 1024 /dev/urandom >"$d/munge.key"
  chmod 400 "$d/munge.key"
  local host ctld_port slurmd_port
  host=$(hostname -s)
  ctld_port=$(gs_free_port)
  slurmd_port=$(gs_free_port)
  cat >"$d/slurm.conf" <<EOF
# a private one-node cluster (regress/slurm_cluster.sh)
ClusterName=gainstage
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$d/munge/munge.sock
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=4
SchedulerParameters=batch_sched_delay=0
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=gs Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$d/slurm.conf
  munged -F --socket="$d/munge/munge.sock" --key-file="$d/munge.key" \
    --pid-file="$d/munged.pid" --log-file="$d/log/munged.log" --seed-file="$d/munged.seed" \
    >"$d/log/munged.out" 2>&1 &
  gs_cluster_pids+=($!)
  gs_wait_for 10 "munged socket" test -S "$d/munge/munge.sock" || return 1
  slurmctld -D -c -f "$SLURM_CONF" >"$d/log/slurmctld.out" 2>&1 &
  gs_cluster_pids+=($!)
  gs_wait_for 20 slurmctld scontrol ping || return 1
  slurmd -D -f "$SLURM_CONF" >"$d/log/slurmd.out" 2>&1 &
  gs_cluster_pids+=($!)
  gs_wait_for 30 "node idle" gs_node_idle || return 1
}

gs_alive() { # any of the PIDs still running?
  local p
  for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done
  return 1
}

gs_stepds() { # PIDs of slurmstepd processes started for this cluster
  local c p
  for c in /proc/[0-9]*/comm; do
    [ "$(cat "$c" 2>/dev/null)" = slurmstepd ] || continue
    p=${c#/proc/}
    p=${p%/comm}
    { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null |
      grep -qxF "SLURM_CONF=$gs_cluster_dir/slurm.conf" && echo "$p"
  done
}

gs_cluster_stop() {
  [ -n "$gs_cluster_dir" ] || return 0
  if [ ${#gs_cluster_pids[@]} -ge 2 ] && gs_alive "${gs_cluster_pids[1]}"; then
    # our jobs first, so that no task outlives the daemons
    scancel --quiet --full "--user=$(id -un)" 2>/dev/null
    gs_wait_for 15 "cancelled jobs" gs_no_jobs || true
  fi
  local stepds p t i
  stepds=$(gs_stepds)
  # slurmd, then slurmctld, then munged: the reverse of the start order
  for ((i = ${#gs_cluster_pids[@]} - 1; i >= 0; i--)); do
    p=${gs_cluster_pids[i]}
    kill -TERM "$p" 2>/dev/null
    t=0
    while gs_alive "$p" && [ $t -lt 50 ]; do sleep 0.2; t=$((t + 1)); done
    gs_alive "$p" && kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  # shellcheck disable=SC2086
  for p in $stepds $(gs_stepds); do kill -KILL "$p" 2>/dev/null; done
  gs_cluster_pids=()
  gs_cluster_dir=
}
