#!/bin/bash
# podman-local.sh setup — makes rootful and rootless podman usable directly on this machine (no systemd
# as PID 1) for the modules' @Tag("podman") tests: build, run, push to a local registry. Idempotent.
# Why each step (Debian 12 podman 4.3, crun, cgroup v1/v2 hybrid kernel, no udev), from shared/lab:
#  - crun refuses hybrid cgroups while cgroup2 still owns hugetlb: bind hugetlb to its own v1 hierarchy.
#  - rootful podman cannot raise RLIMIT_NOFILE/NPROC without CAP_SYS_RESOURCE: default_ulimits within
#    the current hard limits.
#  - rootless slirp4netns/fuse-overlayfs need /dev/net/tun and /dev/fuse at 0666 (udev's default; no udev here).
#  - no systemd: cgroupfs manager, file events logger.
set -euo pipefail
JP_USER=${JP_USER:-jpuser}
case "${1:-}" in
setup)
  id "$JP_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$JP_USER"
  grep -q "^$JP_USER:" /etc/subuid || echo "$JP_USER:200000:65536" >> /etc/subuid
  grep -q "^$JP_USER:" /etc/subgid || echo "$JP_USER:200000:65536" >> /etc/subgid
  chmod 0666 /dev/net/tun /dev/fuse 2>/dev/null || true
  if grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null && ! mountpoint -q /sys/fs/cgroup/hugetlb; then
    mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
  fi
  mkdir -p /etc/containers
  if ! grep -q 'jplay: podman without systemd' /etc/containers/containers.conf 2>/dev/null; then
    cat > /etc/containers/containers.conf <<'EOC'
# jplay: podman without systemd as PID 1, cgroup v1 hybrid, no CAP_SYS_RESOURCE (testhosts/podman-local.sh)
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOC
  fi
  echo "podman-local: ready";;
*) echo "usage: $0 setup"; exit 2;;
esac
