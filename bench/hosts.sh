#!/bin/bash
# bench/hosts.sh — SSH targets for the benchmark, apart from the test harness (root required).
#
#   bench/hosts.sh up [N]    (re)start N hosts b1..bN (default 5, at most 50); runs `down` first
#   bench/hosts.sh down      stop them, delete the netns and the work tmpfs (keeps keys in the state dir)
#   bench/hosts.sh status    one line per host
#   bench/hosts.sh reset     empty the work folder (every host's files), between benchmark runs
#
# Why not testhosts/sshd-hosts.sh: its `up` restarts the shared h1..hN that other people's tests use,
# and its netns names are fixed. This script owns other names (netns jplay-bench, veth jpbv0) and other
# addresses (198.18.77.201..250), so the benchmark and the test suite can run at the same time.
#
# Each host bI is its own sshd (its own listener, its own privilege-separated children per login) at
# 198.18.77.(200+I) port 22. All of them share ONE network namespace (no default route: only the bridge
# subnet) and ONE private mount namespace of this machine's filesystem, so python3 is there for Ansible.
# In that mount namespace root's .bashrc/.profile are Debian's defaults (this machine's pyenv init would
# add ~400 ms to every command Ansible runs through bash) and $STATE/work is a tmpfs, the hosts' files:
# every host works in $STATE/work/bI. Measured: an idle host is one sshd of ~9 MB RSS, so 50 hosts cost
# about 0.5 GB plus ~10-20 MB per open login.
#
# Client side, in $STATE: id_ed25519, known_hosts, inventory.ini (all hosts; bench/run writes smaller ones).
set -euo pipefail
STATE=${JPLAY_BENCH_STATE:-/var/lib/jplay-bench}
NET=198.18.77
BR=jplab0
NS=jplay-bench
VETH=jpbv0
MAX=50

die() { echo "hosts.sh: $*" >&2; exit 1; }
addr() { echo "$NET.$((200 + ${1#b}))"; }
hosts_recorded() { local f; for f in "$STATE"/b*.pid; do [ -f "$f" ] && basename "$f" .pid; done | sort -V; }
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }

preflight() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  local c
  for c in /usr/sbin/sshd ssh-keygen ip unshare mount; do
    command -v "$c" >/dev/null || die "missing $c: apt-get install -y openssh-server openssh-client iproute2"
  done
  if ! ip link show $BR >/dev/null 2>&1 && ip -4 route show | grep -v '^default' | grep -q "^$NET\."; then
    die "$NET.0/24 is already routed on this machine"
  fi
}

keys() {
  mkdir -p "$STATE"; chmod 755 "$STATE"
  [ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C jplay-bench -f "$STATE/id_ed25519"
  [ -f "$STATE/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C jplay-bench-host -f "$STATE/ssh_host_ed25519_key"
  install -m 644 "$STATE/id_ed25519.pub" "$STATE/authorized_keys"
}

sshd_config() {   # $1 = bI
  cat > "$STATE/$1.sshd_config" <<CFG
# written by bench/hosts.sh for $1
ListenAddress $(addr "$1"):22
HostKey $STATE/ssh_host_ed25519_key
PidFile $STATE/$1.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile $STATE/authorized_keys
UsePAM yes
PrintMotd no
PrintLastLog no
UseDNS no
Subsystem sftp /usr/lib/openssh/sftp-server
MaxStartups 200:30:400
MaxSessions 50
CFG
}

net_up() {   # $@ = host names
  ip link show $BR >/dev/null 2>&1 || { ip link add $BR type bridge; ip addr add $NET.1/24 dev $BR; ip link set $BR up; }
  ip netns add $NS
  ip link add $VETH type veth peer name eth0 netns $NS address 02:6a:70:62:00:01
  ip link set $VETH master $BR up
  ip -n $NS link set lo up
  local h
  for h in "$@"; do
    ip neigh del "$(addr "$h")" dev $BR 2>/dev/null || true
    ip -n $NS addr add "$(addr "$h")/24" dev eth0
  done
  ip -n $NS link set eth0 up
}

# Runs inside the netns and a new private mount namespace: the bind mounts, then every sshd
# (each daemonizes and writes its PidFile; they keep the namespace alive).
inner() {
  mount --bind /etc/skel/.bashrc /root/.bashrc
  mount --bind /etc/skel/.profile /root/.profile
  mount -t tmpfs -o mode=755 jplay-bench-run /run     # a fresh /run, as after a boot: sshd wants /run/sshd
  mkdir -p /run/sshd
  local h
  for h in "$@"; do /usr/sbin/sshd -f "$STATE/$h.sshd_config" -E "$STATE/$h.log"; done
}

wait_ssh() {   # $1 = bI, bounded: 10 s
  local a; a=$(addr "$1")
  for _ in $(seq 200); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$a/22 && head -c 4 <&3 | grep -q SSH-" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "hosts.sh: $1 ($a) did not start; its log:" >&2; cat "$STATE/$1.log" >&2 || true; return 1
}

client_files() {   # $@ = host names
  local h key; key=$(cut -d' ' -f1-2 "$STATE/ssh_host_ed25519_key.pub")
  for h in "$@"; do echo "$(addr "$h"),$h $key"; done > "$STATE/known_hosts"
  inventory "$@" > "$STATE/inventory.ini"
}

# An inventory both tools read the same way (jplay honours these ansible_* variables).
inventory() {   # $@ = host names
  local h
  echo "[bench]"
  for h in "$@"; do echo "$h ansible_host=$(addr "$h")"; done
  echo
  echo "[bench:vars]"
  echo "ansible_user=root"
  echo "ansible_ssh_private_key_file=$STATE/id_ed25519"
  echo "ansible_ssh_common_args='-o UserKnownHostsFile=$STATE/known_hosts -o StrictHostKeyChecking=yes'"
  echo "bench_root=$STATE/work"
}

up() {
  local n=${1:-5} i t0=$SECONDS
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le $MAX ] || die "up N: N must be 1..$MAX"
  preflight
  down >/dev/null
  keys
  local hs=()
  for i in $(seq 1 "$n"); do hs+=("b$i"); done
  for h in "${hs[@]}"; do sshd_config "$h"; done
  mkdir -p "$STATE/work"
  mountpoint -q "$STATE/work" || mount -t tmpfs -o size=1g,mode=755 jplay-bench "$STATE/work"
  net_up "${hs[@]}"
  ip netns exec $NS unshare --mount --propagation private "$(readlink -f "$0")" _inner "${hs[@]}" \
    || { down >/dev/null; die "sshd did not start: see $STATE/b1.log"; }
  for h in "${hs[@]}"; do wait_ssh "$h" || { down >/dev/null; die "up failed"; }; done
  client_files "${hs[@]}"
  echo "up: ${#hs[@]} hosts (b1=$(addr b1) .. ${hs[-1]}=$(addr "${hs[-1]}")) in $((SECONDS - t0)) s; inventory: $STATE/inventory.ini"
}

down() {
  local h p
  for h in $(hosts_recorded); do
    p=$(cat "$STATE/$h.pid" 2>/dev/null || true)
    # the listener only: each login's sshd children end with their connection
    if [ -n "$p" ] && alive "$p"; then kill "$p" 2>/dev/null || true; fi
    for _ in $(seq 100); do [ -n "$p" ] && alive "$p" || break; sleep 0.05; done
    rm -f "$STATE/$h.pid"
  done
  # logins still open (Ansible's ControlPersist keeps its SSH connections for 60 s) live in the netns
  # and keep it and its veth alive: end them, they are the sessions of our own sshd listeners
  if ip netns list | grep -qw $NS; then
    for p in $(ip netns pids $NS 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  fi
  ip netns del $NS 2>/dev/null || true      # takes the veth pair with it
  ip link del $VETH 2>/dev/null || true
  if mountpoint -q "$STATE/work"; then umount "$STATE/work" 2>/dev/null || umount -l "$STATE/work"; fi
  if ip link show $BR >/dev/null 2>&1; then
    [ -z "$(ls /sys/class/net/$BR/brif 2>/dev/null)" ] && ip link del $BR
  fi
  echo down
}

status() {
  local h p
  for h in $(hosts_recorded); do
    p=$(cat "$STATE/$h.pid" 2>/dev/null || true)
    if [ -n "$p" ] && alive "$p"; then echo "$h $(addr "$h") running pid=$p"; else echo "$h $(addr "$h") stopped"; fi
  done
}

reset() {
  mountpoint -q "$STATE/work" || die "hosts are down (run: $0 up N)"
  find "$STATE/work" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
}

case "${1:-}" in
  up) shift; up "$@";;
  down) down;;
  status) status;;
  reset) reset;;
  inventory) shift; inventory "$@";;
  _inner) shift; inner "$@";;
  *) echo "usage: $0 up [N] | down | status | reset | inventory b1 b2 ..." >&2; exit 2;;
esac
