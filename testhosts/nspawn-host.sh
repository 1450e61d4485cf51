#!/bin/bash
# nspawn-host.sh — jplay's real systemd + podman test host: a Debian rootfs (build-rootfs.sh) booted
# with systemd-nspawn on a machine whose PID 1 is NOT systemd (systemd PID 1, logind, user managers,
# sshd, rootless podman, docker-registry installed but not started).
#
#   testhosts/nspawn-host.sh prepare [SUITE]          build the rootfs if missing, configure it (idempotent)
#   testhosts/nspawn-host.sh up NAME IPSUFFIX [SUITE] boot NAME at 198.18.77.IPSUFFIX (e.g. up n1 101)
#   testhosts/nspawn-host.sh down NAME                orderly poweroff, remove overlay, netns (bridge if unused)
#   testhosts/nspawn-host.sh ssh [USER@]NAME [cmd]    ssh as root (or USER) with the harness key
#   testhosts/nspawn-host.sh status                   running instances
# SUITE: bookworm (default, podman 4.3) or trixie (podman 5, Quadlet).
#
# Environment: JPLAY_NSPAWN_STATE (default /var/tmp/jplay-testhosts/nspawn) client key, known_hosts,
#   ssh_config, per-instance dirs, NAME.env + inventory.ini for tests; JPLAY_TESTHOSTS_KEY = a private key to
#   use instead of the harness's own (its .pub must sit beside it); JPLAY_ROOTFS_BASE (default
#   /var/tmp/jplay-testhosts) where rootfs-SUITE lives; JPLAB_NET (default 198.18.77).
#
# Per instance: copy-on-write overlay (lower = rootfs, upper = STATE/NAME/upper), so instances are
# independent and `down` discards every change; own network namespace jplab-NAME with a veth
# (host side jpn-NAME) into bridge jplab0 (198.18.77.1/24 on the machine, shared with sshd-hosts.sh);
# own ed25519 host key, stable per NAME across up/down (STATE/hostkeys/NAME), so known_hosts stays valid.
# Network rule: the lab subnet is only on our bridge, hosts get no default route and no DNS server, and
# this script never turns ip_forward on (it warns when something else did).
#
# Workarounds (all needed on this machine kind, found in shared/lab — keep the reasons):
# - No systemd as PID 1 on the machine: nspawn needs --register=no --keep-unit (no machined, no system bus,
#   no scope unit; without --keep-unit: "Failed to open system bus: No such file or directory").
# - Hybrid cgroups here (v1 controllers + cgroup2 at /sys/fs/cgroup/unified): SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1
#   gives the container a pure cgroup2 tree (crun and systemd --user need it; nspawn's own detection picks
#   hybrid and crun fails). Each instance is started in its own cgroup2 subtree, else every container's
#   systemd would manage the machine's cgroup2 root.
# - SYSTEMD_NSPAWN_API_VFS_WRITABLE=network: with --network-namespace-path nspawn mounts /proc/sys/net
#   read-only and crun fails on net.ipv4.ping_group_range (a podman default sysctl).
# - /dev/net/tun and /dev/fuse: no udev on the machine, so they are 0600 and rootless slirp4netns/pasta and
#   fuse-overlayfs fail. Instead of chmod'ing the machine's nodes, each instance gets its own 0666 nodes
#   (same major/minor) bound into the container.
# - --system-call-filter='add_key keyctl bpf': podman/crun use keyrings and bpf (nspawn's filter blocks them).
# - The cgroup2 tree lacks the pids controller (bound to v1): podman's default pids limit makes crun fail,
#   so containers.conf gets pids_limit=0.
# - /proc/self/cgroup in the container still lists the machine's v1 hierarchies; rootless podman then
#   believes it does not own its cgroup and moves conmon into a podman-PID.scope, which kills
#   `podman generate systemd --new` units after ~26 ms. A boot-time unit chowns the container's
#   /sys/fs/cgroup to jpuser (jplay-cgroup-owner.service).
# - Timers that run apt (apt-daily*) are masked: without a default route they hang and they would hold
#   the dpkg lock while a playbook installs packages.
# Found while building this harness (details at the code): a fixed MAC per address (else ~30 s of
# unreachable sshd after down/up: stale ARP entry); network-online.target pulled in at boot (else podman 5
# user Quadlet units wait 90 s); Debian's podman system units disabled (RHEL 9 defaults).
# Timings: testhosts/NSPAWN.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
STATE=${JPLAY_NSPAWN_STATE:-/var/tmp/jplay-testhosts/nspawn}
ROOTFS_BASE=${JPLAY_ROOTFS_BASE:-/var/tmp/jplay-testhosts}
JP_USER=jpuser
BR=jplab0
NET=${JPLAB_NET:-198.18.77}
CG_NAME=jplay-nspawn
STAMP=.jplay-prepared

die() { echo "nspawn-host: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root"
case "$STATE$ROOTFS_BASE" in *[[:space:]]*) die "state/rootfs paths must not contain spaces";; esac

rootfs_of() { echo "$ROOTFS_BASE/rootfs-$1"; }
check_suite() { case "$1" in bookworm|trixie) ;; *) die "SUITE must be bookworm or trixie (got '$1')";; esac; }
client_key() { echo "${JPLAY_TESTHOSTS_KEY:-$STATE/id_ed25519}"; }
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }

ensure_client_key() {
  mkdir -p "$STATE"; chmod 755 "$STATE"
  local key; key=$(client_key)
  if [ -n "${JPLAY_TESTHOSTS_KEY:-}" ]; then
    [ -f "$key" ] && [ -f "$key.pub" ] || die "JPLAY_TESTHOSTS_KEY=$key: key or $key.pub missing"
  else
    [ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -C jplay-nspawn-client -f "$key"
  fi
}

# ---------------------------------------------------------------------------------------------- prepare
# configuration of the shared rootfs; a stamp (hash of prepare's own code, the stand-in and the client
# key) makes a repeated prepare a no-op, and a changed one is refused while an instance runs on the rootfs
prepare_stamp() { { declare -f prepare; cat "$HERE/subscription-manager-standin" "$(client_key).pub"; } | sha256sum | cut -c1-16; }

prepare() {
  local suite=${1:-bookworm}; check_suite "$suite"
  local R; R=$(rootfs_of "$suite")
  ensure_client_key
  [ -f "$R/.jplay-rootfs-complete" ] || "$HERE/build-rootfs.sh" "$R" "$suite"
  local stamp; stamp=$(prepare_stamp)
  if [ "$(cat "$R/$STAMP" 2>/dev/null)" = "$stamp" ]; then echo "rootfs $R already prepared"; return 0; fi
  grep -qF -e "lowerdir=$R," -e "lowerdir=$R:" /proc/mounts && die "rootfs $R is in use by a running instance; down it before re-preparing"
  local t0; t0=$(now)
  local pub; pub=$(cat "$(client_key).pub")

  install -d -m 700 "$R/root/.ssh"; echo "$pub" > "$R/root/.ssh/authorized_keys"; chmod 600 "$R/root/.ssh/authorized_keys"
  chroot "$R" id "$JP_USER" >/dev/null 2>&1 || chroot "$R" useradd -m -s /bin/bash "$JP_USER"
  chroot "$R" usermod -p '*' "$JP_USER"     # no password, yet not locked ('!' would make sshd refuse keys via PAM)
  local uid gid; uid=$(chroot "$R" id -u "$JP_USER"); gid=$(chroot "$R" id -g "$JP_USER")
  install -d -m 700 -o "$uid" -g "$gid" "$R/home/$JP_USER/.ssh"
  echo "$pub" > "$R/home/$JP_USER/.ssh/authorized_keys"
  chown "$uid:$gid" "$R/home/$JP_USER/.ssh/authorized_keys"; chmod 600 "$R/home/$JP_USER/.ssh/authorized_keys"
  echo "$JP_USER ALL=(ALL) NOPASSWD:ALL" > "$R/etc/sudoers.d/jplay-$JP_USER"; chmod 440 "$R/etc/sudoers.d/jplay-$JP_USER"
  grep -q "^$JP_USER:" "$R/etc/subuid" 2>/dev/null || echo "$JP_USER:100000:65536" >> "$R/etc/subuid"
  grep -q "^$JP_USER:" "$R/etc/subgid" 2>/dev/null || echo "$JP_USER:100000:65536" >> "$R/etc/subgid"

  # sshd: keys only, one ed25519 host key per instance (installed by `up`), room for parallel sessions
  rm -f "$R"/etc/ssh/ssh_host_*_key "$R"/etc/ssh/ssh_host_*_key.pub
  cat > "$R/etc/ssh/sshd_config.d/50-jplay.conf" <<'EOF'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxStartups 100:30:200
MaxSessions 50
EOF
  # no consoles, network managers or time sync: the netns is configured from outside
  chroot "$R" systemctl mask getty@tty1.service console-getty.service systemd-networkd.service \
     systemd-networkd-wait-online.service systemd-timesyncd.service \
     apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer \
     dpkg-db-backup.timer >/dev/null 2>&1 || true
  chroot "$R" systemctl enable ssh.service >/dev/null 2>&1
  # Debian enables podman's system units (API socket, auto-update at every boot and daily, restart);
  # RHEL 9 ships them disabled: a playbook must enable what it needs, so start from RHEL's defaults
  chroot "$R" systemctl disable podman.service podman.socket podman-restart.service \
     podman-auto-update.service podman-auto-update.timer \
     netavark-dhcp-proxy.service netavark-dhcp-proxy.socket >/dev/null 2>&1 || true
  # network-online.target must become active at boot, as on a real host (NetworkManager-wait-online):
  # podman 5 user Quadlet units wait for it (podman-user-wait-network-online.service) up to 90 s.
  # Our network is configured from outside before boot, so nothing needs to wait for it.
  mkdir -p "$R/etc/systemd/system/multi-user.target.wants"
  ln -sfn /lib/systemd/system/network-online.target "$R/etc/systemd/system/multi-user.target.wants/network-online.target"
  # the playbooks under test configure and start the registry: keep it off, no registries.conf here
  chroot "$R" systemctl disable docker-registry.service >/dev/null 2>&1 || true
  rm -f "$R"/etc/containers/registries.conf.d/*jplab* "$R"/etc/containers/registries.conf.d/*local*
  echo 'LANG=C.UTF-8' > "$R/etc/default/locale"
  # no DNS: the machine's resolver (not on the lab bridge) is unreachable without a default route;
  # with no nameserver line glibc tries 127.0.0.1 and fails at once. Names of test hosts: /etc/hosts.
  rm -f "$R/etc/resolv.conf"
  echo '# jplay test host: no DNS server (no route off the lab bridge)' > "$R/etc/resolv.conf"

  mkdir -p "$R/etc/containers/containers.conf.d"
  printf '# jplay test host: the cgroup2 tree has no pids controller here; a pids limit makes crun fail\n[containers]\npids_limit = 0\n' \
    > "$R/etc/containers/containers.conf.d/50-jplay.conf"
  cat > "$R/etc/systemd/system/jplay-cgroup-owner.service" <<EOU
[Unit]
Description=jplay test host: let rootless podman of $JP_USER believe it owns its cgroup (hybrid-kernel quirk)
[Service]
Type=oneshot
ExecStart=/bin/sh -c '[ "\$(stat -fc %%T /sys/fs/cgroup)" = cgroup2fs ] && chown $JP_USER /sys/fs/cgroup || true'
[Install]
WantedBy=multi-user.target
EOU
  chroot "$R" systemctl enable jplay-cgroup-owner.service >/dev/null 2>&1
  # a unit that ignores SIGTERM must not stall `down` for 90 s
  mkdir -p "$R/etc/systemd/system.conf.d"
  printf '[Manager]\nDefaultTimeoutStopSec=10s\n' > "$R/etc/systemd/system.conf.d/50-jplay.conf"

  install -m 755 "$HERE/subscription-manager-standin" "$R/usr/local/bin/subscription-manager"
  rm -rf "$R/var/lib/subscription-manager-standin"
  : > "$R/var/log/subscription-manager.calls"; chmod 666 "$R/var/log/subscription-manager.calls"

  : > "$R/etc/machine-id"            # a fresh machine-id per boot
  echo "$stamp" > "$R/$STAMP"
  echo "rootfs $R prepared in $(since "$t0")s"
}

# ---------------------------------------------------------------------------------------------- helpers
instance_dir() { echo "$STATE/$1"; }
nspawn_pid() { local f; f=$(instance_dir "$1")/nspawn.pid; [ -f "$f" ] && cat "$f"; }
running() { local p; p=$(nspawn_pid "$1") && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

cgroup_dirs() {   # the instance's own cgroup directories (cgroup2 first, then v1 name=systemd)
  local name=$1
  if [ "$(stat -fc %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ]; then echo "/sys/fs/cgroup/unified/$CG_NAME/$name"
  elif [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo "/sys/fs/cgroup/$CG_NAME/$name"; fi
  [ -d /sys/fs/cgroup/systemd ] && [ "$(stat -fc %T /sys/fs/cgroup/systemd)" = cgroupfs ] && echo "/sys/fs/cgroup/systemd/$CG_NAME/$name"
  return 0
}

ensure_bridge() {
  if ! ip link show "$BR" >/dev/null 2>&1; then
    # never shadow a real route: the lab subnet must not be routed anywhere on this machine
    if ip -4 route show | grep -v '^default' | grep -q "^$NET\."; then die "$NET.0/24 is already routed here; set JPLAB_NET"; fi
    ip link add "$BR" type bridge 2>/dev/null || ip link show "$BR" >/dev/null   # the sshd harness may race us
  fi
  ip addr replace "$NET.1/24" dev "$BR"
  ip link set "$BR" up
  [ "$(sysctl -n net.ipv4.ip_forward)" = 0 ] || echo "nspawn-host: warning: net.ipv4.ip_forward=1 on this machine (test hosts have no default route anyway)" >&2
}

ip_in_use() {   # is IP configured in any lab netns (nspawn or sshd harness)?
  local ns
  for ns in $(ip netns list | awk '{print $1}'); do
    ip -n "$ns" -4 -o addr show 2>/dev/null | grep -q " $1/" && { echo "$ns"; return 0; }
  done
  return 1
}

with_lock() { local f=$STATE/.lock; mkdir -p "$STATE"; ( flock 9; "$@" ) 9>"$f"; }

set_known_host() {   # name ip pubkey-file
  touch "$STATE/known_hosts"
  grep -v -e "^$1[ ,]" -e "^$2[ ,]" "$STATE/known_hosts" > "$STATE/known_hosts.tmp" || true
  echo "$1,$2 $(cut -d' ' -f1-2 "$3")" >> "$STATE/known_hosts.tmp"
  mv "$STATE/known_hosts.tmp" "$STATE/known_hosts"; chmod 644 "$STATE/known_hosts"
}

write_ssh_config() {   # one Host block per instance directory (booting or up), then the defaults
  local f name ip tmp=$STATE/ssh_config.tmp
  {
    for f in "$STATE"/*/address; do
      [ -f "$f" ] || continue
      read -r name ip < "$f"
      printf 'Host %s\n  HostName %s\n  HostKeyAlias %s\n' "$name" "$ip" "$name"
    done
    printf 'Host *\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s/known_hosts\n  StrictHostKeyChecking yes\n  BatchMode yes\n  User root\n  LogLevel ERROR\n' \
      "$(client_key)" "$STATE"
  } > "$tmp"
  mv "$tmp" "$STATE/ssh_config"
}

write_inventory() {   # all running instances, Ansible INI (ansible_* vars: jplay reads the same names)
  local f tmp=$STATE/inventory.ini.tmp
  {
    echo "# written by testhosts/nspawn-host.sh: the running systemd + podman test hosts"
    echo "[nspawn]"
    for f in "$STATE"/*.env; do
      [ -f "$f" ] || continue
      # shellcheck disable=SC1090
      ( . "$f"; echo "$NAME ansible_host=$IP ansible_user=$USER ansible_ssh_private_key_file=$KEY ansible_ssh_common_args='-o UserKnownHostsFile=$KNOWN_HOSTS -o StrictHostKeyChecking=yes'" )
    done
  } > "$tmp"
  mv "$tmp" "$STATE/inventory.ini"
}

# ---------------------------------------------------------------------------------------------- up
up() {
  local name=${1:-} sfx=${2:-} suite=${3:-bookworm}
  [ -n "$name" ] && [ -n "$sfx" ] || die "usage: up NAME IPSUFFIX [SUITE]"
  [[ $name =~ ^[a-z][a-z0-9-]{0,10}$ ]] || die "NAME must match [a-z][a-z0-9-]{0,10} (it names the veth jpn-NAME)"
  [[ $sfx =~ ^[0-9]+$ ]] && [ "$sfx" -ge 2 ] && [ "$sfx" -le 254 ] || die "IPSUFFIX must be 2..254"
  check_suite "$suite"
  local ip=$NET.$sfx d; d=$(instance_dir "$name")
  if running "$name"; then
    # shellcheck disable=SC1090
    ( . "$STATE/$name.env"; [ "$IP" = "$ip" ] && [ "$SUITE" = "$suite" ] ) 2>/dev/null \
      || die "$name is already up with another address or suite (see $STATE/$name.env); down it first"
    echo "$name already up ($ip)"; return 0
  fi
  [ -d "$d" ] && { echo "$name: cleaning up a stale instance"; down "$name" >/dev/null; }
  local t0; t0=$(now)
  prepare "$suite"
  local R; R=$(rootfs_of "$suite")
  ip netns list | grep -q "^jplab-$name\b" && die "netns jplab-$name exists (another harness uses NAME $name?)"
  local other; other=$(ip_in_use "$ip") && die "$ip is already used in netns $other"

  mkdir -p "$d/upper" "$d/work" "$d/root" "$d/dev" "$STATE/hostkeys/$name"
  with_lock ensure_bridge
  ip netns add "jplab-$name"
  # A fixed MAC per address (02:6a:70:6e:00:SFX; the sshd harness uses ..:73:..): after down/up the
  # machine's ARP entry for the IP would otherwise point at the old random MAC, and sshd stays
  # unreachable for ~30 s until it expires. The stale entry is flushed as well.
  ip neigh flush to "$ip" dev "$BR" 2>/dev/null || true
  ip link add "jpn-$name" type veth peer name eth0 address "$(printf '02:6a:70:6e:00:%02x' "$sfx")" netns "jplab-$name"
  ip link set "jpn-$name" master "$BR" up
  ip -n "jplab-$name" addr add "$ip/24" dev eth0
  ip -n "jplab-$name" link set eth0 up
  ip -n "jplab-$name" link set lo up
  # deliberately no default route: the host reaches only the bridge (the machine and other test hosts)

  # own device nodes, 0666 as udev would make them (see header)
  [ -c "$d/dev/tun" ] || mknod -m 666 "$d/dev/tun" c 10 200
  [ -c "$d/dev/fuse" ] || mknod -m 666 "$d/dev/fuse" c 10 229

  mountpoint -q "$d/root" || mount -t overlay overlay -o "lowerdir=$R,upperdir=$d/upper,workdir=$d/work" "$d/root"
  echo "$name" > "$d/root/etc/hostname"
  { grep -v '^127\.0\.1\.1' "$R/etc/hosts"; echo "127.0.1.1 $name"; } > "$d/root/etc/hosts"
  local hk=$STATE/hostkeys/$name/ssh_host_ed25519_key
  [ -f "$hk" ] || ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$hk"
  install -m 600 "$hk" "$d/root/etc/ssh/ssh_host_ed25519_key"
  install -m 644 "$hk.pub" "$d/root/etc/ssh/ssh_host_ed25519_key.pub"

  local cg dirs=()
  while read -r cg; do [ -n "$cg" ] && mkdir -p "$cg" && dirs+=("$cg"); done < <(cgroup_dirs "$name")
  # the nspawn process enters the instance's cgroups first (a shell writes its own PID, then execs)
  SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 SYSTEMD_NSPAWN_API_VFS_WRITABLE=network \
    setsid sh -c 'for c in "$@"; do [ "$c" = -- ] && break; echo $$ > "$c/cgroup.procs"; done; while [ "$1" != -- ]; do shift; done; shift; exec "$@"' \
    sh "${dirs[@]}" -- \
    systemd-nspawn -D "$d/root" -M "$name" --boot \
      --register=no --keep-unit --console=passive --resolv-conf=off \
      --network-namespace-path="/run/netns/jplab-$name" \
      --capability=all --system-call-filter='add_key keyctl bpf' \
      --bind="$d/dev/fuse:/dev/fuse" --bind="$d/dev/tun:/dev/net/tun" \
      </dev/null >"$d/console.log" 2>&1 &
  echo $! > "$d/nspawn.pid"
  echo "$suite" > "$d/suite"

  with_lock set_known_host "$name" "$ip" "$hk.pub"
  local key; key=$(client_key)
  cat > "$STATE/$name.env.tmp" <<EOF
NAME=$name
IP=$ip
SUITE=$suite
USER=$JP_USER
KEY=$key
KNOWN_HOSTS=$STATE/known_hosts
SSH_CONFIG=$STATE/ssh_config
INVENTORY=$STATE/inventory.ini
PODMAN_VERSION=$(sed -n 's/^podman=//p' "$R/.jplay-rootfs-complete")
EOF
  echo "$name $ip" > "$d/address"
  with_lock publish

  # wait for sshd (60 s at most), then for the boot to finish (user managers, logind ...)
  local deadline=$((SECONDS + 60))
  until timeout 1 bash -c "exec 3<>/dev/tcp/$ip/22" 2>/dev/null; do
    running "$name" || boot_failed "$name" "systemd-nspawn exited during boot"
    [ $SECONDS -lt $deadline ] || boot_failed "$name" "no sshd on $ip:22 after 60 s"
    sleep 0.1
  done
  local t_ssh; t_ssh=$(since "$t0")
  local sys
  sys=$(ssh -F "$STATE/ssh_config" "$name" 'timeout 60 systemctl is-system-running --wait' 2>&1) || true
  if [ "$sys" != running ]; then
    echo "$name: warning: system state '$sys'; failed units:" >&2
    ssh -F "$STATE/ssh_config" "$name" 'systemctl --failed --no-legend' >&2 || true
  fi
  # tests see NAME.env (and the inventory line) only once the host is fully up
  mv "$STATE/$name.env.tmp" "$STATE/$name.env"
  with_lock publish
  echo "$name up ($ip, $suite): sshd after ${t_ssh}s, system $sys after $(since "$t0")s; env: $STATE/$name.env"
}

publish() { write_ssh_config; write_inventory; }

boot_failed() {   # name reason: show the console, tear the half-booted instance down, fail
  tail -30 "$(instance_dir "$1")/console.log" >&2 || true
  down "$1" >/dev/null 2>&1 || true
  die "$1: $2 (console: $STATE/$1.console.last)"
}

# ---------------------------------------------------------------------------------------------- down
down() {
  local name=${1:-}; [ -n "$name" ] || die "usage: down NAME"
  local d pid init t0; d=$(instance_dir "$name"); t0=$(now)
  rm -f "$STATE/$name.env" "$STATE/$name.env.tmp"     # tests must not pick up a host going away
  if pid=$(nspawn_pid "$name") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # nspawn's child is the container's systemd (PID 1 inside); SIGRTMIN+4 asks it for an orderly poweroff
    init=$(pgrep -P "$pid" | head -1 || true)
    [ -n "$init" ] && kill -s SIGRTMIN+4 "$init" 2>/dev/null || true
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    # never SIGKILL nspawn itself: that orphans the container's init and its netns. Killing the container's
    # init kills its whole PID namespace; nspawn then exits by itself.
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name: no clean poweroff in 20 s, SIGKILL container init $init" >&2
      [ -n "$init" ] && kill -9 "$init" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  rm -f "$d/nspawn.pid"
  if mountpoint -q "$d/root" 2>/dev/null; then umount "$d/root" 2>/dev/null || umount -l "$d/root"; fi
  local cg
  for cg in $(cgroup_dirs "$name"); do   # leaf first
    [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    rmdir "$(dirname "$cg")" 2>/dev/null || true     # the jplay-nspawn parent, once no instance is left
  done
  local ip; ip=$(awk '{print $2}' "$d/address" 2>/dev/null || true)
  ip netns del "jplab-$name" 2>/dev/null || true
  [ -n "$ip" ] && ip neigh flush to "$ip" dev "$BR" 2>/dev/null || true
  for _ in $(seq 50); do ip link show "jpn-$name" >/dev/null 2>&1 || break; sleep 0.1; done   # netns teardown is async
  [ -f "$d/console.log" ] && cp "$d/console.log" "$STATE/$name.console.last"
  rm -rf --one-file-system "$d"
  with_lock publish
  # the bridge is shared with sshd-hosts.sh: delete it only when nothing is attached
  with_lock remove_bridge_if_unused
  echo "$name down in $(since "$t0")s"
}

remove_bridge_if_unused() {
  ip link show "$BR" >/dev/null 2>&1 || return 0
  [ -z "$(ls "/sys/class/net/$BR/brif" 2>/dev/null)" ] && ip link del "$BR" 2>/dev/null || true
}

status() {
  local f
  for f in "$STATE"/*/nspawn.pid; do
    [ -f "$f" ] || continue
    local name; name=$(basename "$(dirname "$f")")
    if running "$name"; then echo "$name up ($(sed -n 's/^IP=//p' "$STATE/$name.env" 2>/dev/null), $(cat "$STATE/$name/suite"))"
    else echo "$name stale (nspawn gone): run down $name"; fi
  done
}

case "${1:-}" in
  prepare) shift; prepare "$@";;
  up) shift; up "$@";;
  down) shift; down "$@";;
  ssh) shift; [ $# -ge 1 ] || die "usage: ssh [USER@]NAME [cmd]"; exec ssh -F "$STATE/ssh_config" "$@";;
  status) status;;
  *) echo "usage: $0 prepare [SUITE] | up NAME IPSUFFIX [SUITE] | down NAME | ssh [USER@]NAME [cmd] | status" >&2; exit 2;;
esac
