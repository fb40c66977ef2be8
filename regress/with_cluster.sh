#!/usr/bin/env bash
# with_cluster.sh - runs a command against a private one-node Slurm cluster, started for
# it and stopped after it (root only): a way to try the Slurm back-end without a cluster.
#   regress/with_cluster.sh make exhaustive-matrix REGRESS_ON=slurm
# GS_CLUSTER_CPUS: the node's CPUs (default: nproc). Exits with the command's status.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=regress/slurm_cluster.sh
. "$here/slurm_cluster.sh"
[ $# -gt 0 ] || { echo "usage: with_cluster.sh COMMAND [ARGS...]" >&2; exit 2; }
gs_cluster_usable || { echo "with_cluster: $gs_cluster_why" >&2; exit 2; }
tmp=$(mktemp -d /tmp/gs-slurm.XXXXXX)
trap 'gs_cluster_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
gs_cluster_start "$tmp" "${GS_CLUSTER_CPUS:-$(nproc)}" ||
  { echo "with_cluster: the cluster did not come up; logs:" >&2; tail -n 5 "$tmp"/log/* >&2; exit 2; }
echo "with_cluster: one-node cluster up (SLURM_CONF=$SLURM_CONF)"
"$@"
