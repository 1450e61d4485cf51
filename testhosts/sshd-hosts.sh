#!/bin/bash
# sshd-hosts.sh — jplay's own multi-host OpenSSH test targets (no systemd needed, root required).
#
#   sshd-hosts.sh up [N]          (re)start N hosts h1..hN (default 5); runs `down` first
#   sshd-hosts.sh down            stop every host, delete netns/mounts (keeps keys in the state dir)
#   sshd-hosts.sh status          one line per host: running/stopped, PID, address
#   sshd-hosts.sh stop-host hN    kill hN's sshd and every process of hN; address stays (connect -> refused)
#   sshd-hosts.sh start-host hN   start hN again: same address, host keys, users and files
#   sshd-hosts.sh purge           down, then delete the state dir (new keys on the next `up`)
#
# Each host hI is its own little machine:
#   network   netns jplay-sshd-hI, veth jpsv-hI -> bridge jplab0 (198.18.77.1/24 on this machine),
#             address 198.18.77.(10+I), sshd on port 22. NO default route: a host reaches only the
#             bridge subnet, never the machine's uplink (eth0 is 192.0.2.0/24 on these VMs: never use it).
#   processes own PID namespace: sshd -D runs as PID 1, so killing it (SIGKILL from outside) ends
#             every process of that host at once; sshd reaps orphans (its SIGCHLD handler waits for any).
#   hostname  own UTS namespace (hostname hI).
#   files     copy-on-write overlayfs of this machine's "/" (lower, live: installed packages show up),
#             upper+work on a per-host tmpfs mounted at $STATE/hI/fs in the machine's mount namespace,
#             so the host's files SURVIVE stop-host/start-host and vanish on `down`. Fresh tmpfs on /tmp
#             and /run (like a reboot), a private devpts instance (PTYs work, isolated from the machine).
#   users     created inside the host's overlay on its first start (this machine's /etc is untouched;
#             root's /root is the machine's, with .bashrc/.profile reset to /etc/skel's in the overlay):
#             root    key auth; password $ROOT_PASSWORD (only for `su` tests; sshd refuses root passwords)
#             jpuser  key auth, sudo NOPASSWD
#             jppass  key auth AND password auth (password $SUDO_PASSWORD), sudo WITH that password
#             (sudoers: timestamp_timeout=0 and lecture=never for jppass, so every sudo asks and
#             stderr stays predictable).
#             Authorized keys: $STATE/id_ed25519.pub and $STATE/id_ed25519_enc.pub (encrypted with
#             passphrase $KEY_PASSPHRASE), installed as the host's own /etc/ssh/jplay_authorized_keys
#             (StrictModes rejects key files below world-writable /var/tmp, the state dir's parent).
#   host keys ed25519 + rsa per host, kept in $STATE/hI/ across up/down (so client known_hosts stay valid)
#             until `purge`.
#
# Client side, written to $STATE: id_ed25519 (+ _enc), known_hosts (real host keys: address and hI
# names), ssh_config (ssh -F $STATE/ssh_config jpuser@h1), inventory.ini, and hosts.env, the
# key=value file the JUnit support (dev.jplay.engine.testhosts.SshTestHosts) reads.
#
# Requires (Debian 12, as root): openssh-server openssh-client sudo iproute2 (util-linux, passwd are
# essential). `down` kills only PIDs this script recorded. Safe next to testhosts/nspawn-host.sh:
# the bridge is shared (created if missing, deleted only when nothing is attached).
# Workarounds, and why:
#   - `ip netns exec` execs unshare (which ignores SIGTERM); its child is the host's PID 1: SIGKILL
#     that child, and the kernel kills the whole PID namespace.
#   - setsid + </dev/null: the host must not hold the caller's terminal or die with its session.
#   - the overlay lower is "/" without submounts, so the tmpfs under $STATE does not recurse into it.
#   - PidFile none: sshd is PID 1 of its namespace; we record the PID from outside.
set -euo pipefail
STATE=${JPLAY_SSHD_STATE:-/var/tmp/jplay-testhosts/sshd}
# Private subnet that exists only on our bridge and netns (RFC 2544 benchmark range). Not 192.0.2.x
# (the VM's uplink), not 10/8, 172.16/12, 192.168/16.
NET=${JPLAY_TESTHOSTS_NET:-198.18.77}
BR=jplab0
SUDO_PASSWORD=jppass-secret-1
ROOT_PASSWORD=jproot-secret-1
KEY_PASSPHRASE=jplay-key-pass-1
SELF=$(readlink -f "$0")

die() { echo "sshd-hosts.sh: $*" >&2; exit 1; }
ns() { echo "jplay-sshd-$1"; }
veth() { echo "jpsv-$1"; }
addr() { echo "$NET.$((10 + ${1#h}))"; }
# a process that exists and is not a zombie (PID 1 of a CI VM may be slow to reap reparented children)
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }
hosts_recorded() { local d; for d in "$STATE"/h*/; do [ -d "$d" ] && basename "$d"; done | sort -V; }
# the recorded PID is still our `unshare ... _inner hN` (after a reboot the number may belong to anyone)
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "_inner $2\( \|\$\)"; }
pid1_of() {   # the host's PID 1 = the child of the recorded outer (unshare) process
  local f=$STATE/$1/outer.pid pid; [ -f "$f" ] || return 1
  pid=$(cat "$f"); ours "$pid" "$1" || return 1
  pgrep -P "$pid" 2>/dev/null | head -1
}

preflight() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  local c
  for c in /usr/sbin/sshd ssh-keygen ip unshare chroot setsid pgrep mount; do
    command -v "$c" >/dev/null || die "missing $c: apt-get install -y openssh-server openssh-client sudo iproute2 procps"
  done
  [ -x /usr/bin/sudo ] || die "missing sudo: apt-get install -y sudo"
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || die "kernel has no overlayfs"
  # never shadow a real route: a test address must not leave through the uplink
  if ! ip link show $BR >/dev/null 2>&1 && ip -4 route show | grep -v '^default' | grep -q "^$NET\."; then
    die "$NET.0/24 is already routed on this machine; set JPLAY_TESTHOSTS_NET"
  fi
}

client_keys() {
  mkdir -p "$STATE"; chmod 755 "$STATE"
  [ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C jplay-testhosts -f "$STATE/id_ed25519"
  [ -f "$STATE/id_ed25519_enc" ] || ssh-keygen -q -t ed25519 -N "$KEY_PASSPHRASE" -C jplay-testhosts-enc -f "$STATE/id_ed25519_enc"
  cat "$STATE/id_ed25519.pub" "$STATE/id_ed25519_enc.pub" > "$STATE/authorized_keys"
}

host_files() {   # $1 = hN: host keys and sshd_config in $STATE/hN
  local h=$1 d=$STATE/$1
  mkdir -p "$d"
  [ -f "$d/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$h" -f "$d/ssh_host_ed25519_key"
  [ -f "$d/ssh_host_rsa_key" ] || ssh-keygen -q -t rsa -b 3072 -N '' -C "$h" -f "$d/ssh_host_rsa_key"
  cat > "$d/sshd_config" <<EOF
# written by testhosts/sshd-hosts.sh for $h
ListenAddress 0.0.0.0
Port 22
HostKey $d/ssh_host_ed25519_key
HostKey $d/ssh_host_rsa_key
PidFile none
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/jplay_authorized_keys
UsePAM yes
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
MaxStartups 100:30:200
MaxSessions 50
Match User jppass
  PasswordAuthentication yes
  KbdInteractiveAuthentication yes
EOF
}

bridge_up() {
  ip link show $BR >/dev/null 2>&1 && return 0
  ip link add $BR type bridge
  ip addr add "$NET.1/24" dev $BR
  ip link set $BR up
}

net_up() {   # $1 = hN: netns + veth + address, no default route
  local h=$1 n; n=$(ns "$1")
  ip netns add "$n"
  # fixed MAC per host: after down/up the machine's ARP cache may still hold the old entry for this
  # address; a new random MAC would black-hole the first SYNs for 10-30 s (stale -> probe -> fail)
  ip link add "$(veth "$h")" type veth peer name eth0 netns "$n" address "$(printf '02:6a:70:73:00:%02x' "${h#h}")"
  ip neigh del "$(addr "$h")" dev $BR 2>/dev/null || true
  ip link set "$(veth "$h")" master $BR up
  ip -n "$n" addr add "$(addr "$h")/24" dev eth0
  ip -n "$n" link set lo up
  ip -n "$n" link set eth0 up
}

fs_up() {   # $1 = hN: the tmpfs that holds the host's overlay upper layer
  local fs=$STATE/$1/fs
  mkdir -p "$fs"
  mountpoint -q "$fs" || mount -t tmpfs -o size=2g,mode=755 "jplay-$1" "$fs"
  mkdir -p "$fs/upper" "$fs/work" "$fs/root"
}

launch() {   # $1 = hN: start the host's namespaces with sshd as PID 1
  local h=$1 d=$STATE/$1
  setsid ip netns exec "$(ns "$h")" unshare --mount --uts --pid --fork --propagation private \
      "$SELF" _inner "$h" </dev/null >"$d/sshd.log" 2>&1 &
  echo $! > "$d/outer.pid"
}

inner() {   # PID 1 of the new PID namespace, inside the host's netns and a private mount namespace
  local h=$1 fs=$STATE/$1/fs r=$STATE/$1/fs/root
  echo "$h" > /proc/sys/kernel/hostname
  mount -t overlay overlay -o "lowerdir=/,upperdir=$fs/upper,workdir=$fs/work" "$r"
  mount -t proc proc "$r/proc"
  mount --rbind /dev "$r/dev"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$r/dev/pts"
  mount --bind "$r/dev/pts/ptmx" "$r/dev/ptmx"
  mount --rbind /sys "$r/sys"          # `ip netns exec` already remounted /sys for this netns
  mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
  mount -t tmpfs -o mode=755 tmpfs "$r/run"
  mkdir -p "$r/run/sshd"
  echo "$h" > "$r/etc/hostname"
  sed -i "/^127\.0\.1\.1[[:space:]]/d" "$r/etc/hosts"; echo "127.0.1.1 $h" >> "$r/etc/hosts"
  install -m 644 "$STATE/authorized_keys" "$r/etc/ssh/jplay_authorized_keys"
  # root's home is the machine's /root (lower layer); its dotfiles may do slow things (pyenv init cost
  # 400 ms per command here: bash sources ~/.bashrc even for `ssh host cmd`). Give root Debian's defaults.
  cp /etc/skel/.bashrc /etc/skel/.profile "$r/root/" 2>/dev/null || rm -f "$r/root/.bashrc" "$r/root/.profile"
  # users live in this host's upper layer only; first start creates them, restarts find them
  chroot "$r" /bin/sh -eu -c "
    id jpuser >/dev/null 2>&1 || useradd -m -s /bin/bash jpuser
    id jppass >/dev/null 2>&1 || useradd -m -s /bin/bash jppass
    usermod -p '*' jpuser     # no password, but not locked ('!' would make sshd refuse it)
    printf '%s\n' 'jppass:$SUDO_PASSWORD' 'root:$ROOT_PASSWORD' | chpasswd
    printf '%s\n' 'jpuser ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/jplay-jpuser
    printf '%s\n' 'Defaults:jppass timestamp_timeout=0, lecture=never' 'jppass ALL=(ALL) ALL' > /etc/sudoers.d/jplay-jppass
    chmod 440 /etc/sudoers.d/jplay-jpuser /etc/sudoers.d/jplay-jppass"
  exec chroot "$r" /usr/sbin/sshd -D -e -f "$STATE/$h/sshd_config"
}

wait_ssh() {   # $1 = hN: until sshd sends its banner (bounded: 10 s)
  local a; a=$(addr "$1")
  for _ in $(seq 200); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$a/22 && head -c 4 <&3 | grep -q SSH-" 2>/dev/null; then return 0; fi
    alive "$(cat "$STATE/$1/outer.pid" 2>/dev/null || echo 0)" || break   # host died
    sleep 0.05
  done
  echo "sshd-hosts.sh: $1 ($a) did not start; its log:" >&2; cat "$STATE/$1/sshd.log" >&2; return 1
}

client_files() {   # $@ = host names
  local h a kh=$STATE/known_hosts
  : > "$kh.tmp"
  for h in "$@"; do
    a=$(addr "$h")
    for t in ed25519 rsa; do
      echo "$a,$h $(cut -d' ' -f1-2 "$STATE/$h/ssh_host_${t}_key.pub")" >> "$kh.tmp"
    done
  done
  mv "$kh.tmp" "$kh"
  {
    for h in "$@"; do printf 'Host %s\n  HostName %s\n  HostKeyAlias %s\n' "$h" "$(addr "$h")" "$h"; done
    printf 'Host *\n  User root\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n' "$STATE/id_ed25519" "$kh"
    printf '  StrictHostKeyChecking yes\n  LogLevel ERROR\n'
  } > "$STATE/ssh_config"
  {
    echo "[sshd_testhosts]"
    for h in "$@"; do echo "$h ansible_host=$(addr "$h")"; done
    echo
    echo "[sshd_testhosts:vars]"
    echo "ansible_user=root"
    echo "ansible_ssh_private_key_file=$STATE/id_ed25519"
    echo "jplay_ssh_known_hosts_file=$kh"
  } > "$STATE/inventory.ini"
  {
    echo "# written by $SELF up; read by dev.jplay.engine.testhosts.SshTestHosts"
    echo "STATE=$STATE"
    echo "SCRIPT=$SELF"
    echo "HOSTS=$*"
    for h in "$@"; do echo "ADDR_$h=$(addr "$h")"; done
    echo "PORT=22"
    echo "KEY=$STATE/id_ed25519"
    echo "ENCRYPTED_KEY=$STATE/id_ed25519_enc"
    echo "ENCRYPTED_KEY_PASSPHRASE=$KEY_PASSPHRASE"
    echo "KNOWN_HOSTS=$kh"
    echo "SSH_CONFIG=$STATE/ssh_config"
    echo "INVENTORY=$STATE/inventory.ini"
    echo "SUDO_USER=jpuser"
    echo "PASSWORD_USER=jppass"
    echo "PASSWORD_USER_PASSWORD=$SUDO_PASSWORD"
    echo "ROOT_PASSWORD=$ROOT_PASSWORD"
  } > "$STATE/hosts.env.tmp"
  mv "$STATE/hosts.env.tmp" "$STATE/hosts.env"
}

stop_host() {   # $1 = hN; keeps netns and files
  local h=$1 f=$STATE/$1/outer.pid pid c
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if ! ours "$pid" "$h"; then rm -f "$f"; return 0; fi   # stale record: kill nothing
  for c in $(pgrep -P "$pid" 2>/dev/null); do kill -9 "$c" 2>/dev/null || true; done
  for _ in $(seq 100); do alive "$pid" || break; sleep 0.05; done
  if alive "$pid" && ours "$pid" "$h"; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$f"
}

start_host() {   # $1 = hN, after stop_host (netns and fs exist)
  local h=$1
  ip netns list | grep -qw "$(ns "$h")" || die "$h is not set up; run: $SELF up N"
  pid1_of "$h" >/dev/null && die "$h is running"
  fs_up "$h"; launch "$h"; wait_ssh "$h"
}

up() {
  local n=${1:-5} i h t0=$SECONDS
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ] || [ "$n" -gt 80 ]; then die "up N: N must be 1..80"; fi
  preflight
  down >/dev/null
  client_keys
  bridge_up
  local hs=()
  for i in $(seq 1 "$n"); do hs+=("h$i"); done
  for h in "${hs[@]}"; do host_files "$h"; net_up "$h"; fs_up "$h"; launch "$h"; done
  for h in "${hs[@]}"; do wait_ssh "$h" || { down >/dev/null; die "up failed"; }; done
  client_files "${hs[@]}"
  echo "up: ${#hs[@]} hosts (${hs[0]}=$(addr "${hs[0]}") .. ${hs[-1]}=$(addr "${hs[-1]}")) in $((SECONDS - t0)) s;" \
       "try: ssh -F $STATE/ssh_config jpuser@h1 hostname"
}

down() {
  local h
  rm -f "$STATE/hosts.env"
  for h in $(hosts_recorded); do stop_host "$h"; done
  for h in $(hosts_recorded); do
    ip netns del "$(ns "$h")" 2>/dev/null || true        # takes the veth pair with it
    if mountpoint -q "$STATE/$h/fs"; then umount "$STATE/$h/fs" 2>/dev/null || umount -l "$STATE/$h/fs"; fi
  done
  # the bridge is shared with the nspawn host: remove it only when nothing is attached
  if ip link show $BR >/dev/null 2>&1; then
    [ -z "$(ls /sys/class/net/$BR/brif 2>/dev/null)" ] && ip link del $BR
  fi
  echo down
}

status() {
  local h p
  [ -f "$STATE/hosts.env" ] || echo "no hosts.env: hosts are down (run: $SELF up 5)"
  for h in $(hosts_recorded); do
    if p=$(pid1_of "$h") && [ -n "$p" ]; then echo "$h $(addr "$h") running pid=$p"
    elif ip netns list | grep -qw "$(ns "$h")"; then echo "$h $(addr "$h") stopped"
    else echo "$h $(addr "$h") down"; fi
  done
}

case "${1:-}" in
  up) shift; up "$@";;
  down) down;;
  status) status;;
  stop-host) [ $# = 2 ] || die "usage: stop-host hN"; stop_host "$2"; echo "stopped $2";;
  start-host) [ $# = 2 ] || die "usage: start-host hN"; start_host "$2"; echo "started $2";;
  purge) down; rm -rf "$STATE"; echo "purged $STATE";;
  _inner) shift; inner "$@";;
  *) echo "usage: $0 up [N] | down | status | stop-host hN | start-host hN | purge" >&2; exit 2;;
esac
