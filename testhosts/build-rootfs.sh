#!/bin/bash
# build-rootfs.sh — debootstrap a Debian rootfs for jplay's systemd + podman test host
# (booted by testhosts/nspawn-host.sh; usable for a qemu VM as well).
#
#   testhosts/build-rootfs.sh [DIR] [SUITE]
#     SUITE  bookworm (default; podman 4.3) or trixie (podman 5, Quadlet)
#     DIR    default /var/tmp/jplay-testhosts/rootfs-SUITE
#   env: MIRROR / SECURITY override the archive URLs (default: this machine's apt sources),
#        EXTRA_PACKAGES="python3 ..." adds packages (e.g. python3 to compare with ansible-playbook).
#
# Reuse: a finished rootfs carries the marker $DIR/.jplay-rootfs-complete (written last, with the
# timings and podman version). A DIR without the marker is an interrupted build: it is wiped and
# rebuilt (debootstrap cannot resume reliably, a half-configured dpkg database is worse).
# Refuses to touch a DIR that a running test host uses as its overlay lower layer.
#
# Needs: root, debootstrap (Debian 12's 1.0.128 knows trixie), the machine's Debian mirror.
# Measured: see testhosts/NSPAWN.md.
set -euo pipefail
SUITE=${2:-bookworm}
DIR=${1:-/var/tmp/jplay-testhosts/rootfs-$SUITE}
MARKER=.jplay-rootfs-complete
EXTRA_PACKAGES=${EXTRA_PACKAGES:-}

die() { echo "build-rootfs: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root"
command -v debootstrap >/dev/null || die "debootstrap missing: apt-get install -y debootstrap"
case "$SUITE" in bookworm|trixie) ;; *) die "SUITE must be bookworm or trixie (got '$SUITE')";; esac
DIR=$(readlink -m "$DIR")
case "$DIR" in /|/var|/var/tmp|/usr|/etc|/home|/root) die "refusing DIR=$DIR";; esac

# The mirror comes from this machine's apt sources (deb822 or one-line format): the only archive
# reachable here. The security archive is the URI whose suite ends in -security.
apt_uri() {   # $1 = main|security
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v want="$1" '
      /^URIs:/ {u=$2} /^Suites:/ {s=$0}
      /^$/ {flush()} END {flush()}
      function flush() { if (u != "" && !done) { sec = (s ~ /-security/); if ((want=="security") == sec) { print u; done=1; exit } } u=""; s="" }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v want="$1" '$1=="deb" { sec = ($3 ~ /-security/); if ((want=="security") == sec) { print $2; exit } }' "$f"
  done
}
MIRROR=${MIRROR:-$(apt_uri main | head -1)}
SECURITY=${SECURITY:-$(apt_uri security | head -1)}
[ -n "$MIRROR" ] || die "no Debian mirror found in /etc/apt/sources*; set MIRROR=http://..."
[ -n "$SECURITY" ] || SECURITY=${MIRROR%/debian}/debian-security

mounts_under() { awk -v d="$1" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/mounts; }

if [ -f "$DIR/$MARKER" ]; then
  echo "rootfs $DIR is complete (reused):"; sed 's/^/  /' "$DIR/$MARKER"; exit 0
fi
# a test host booted from this DIR has it as overlay lowerdir: never rebuild under its feet
if grep -qF -e "lowerdir=$DIR," -e "lowerdir=$DIR:" /proc/mounts; then die "$DIR is in use by a running test host (overlay lower)"; fi
if [ -e "$DIR" ]; then
  echo "rootfs $DIR has no $MARKER: an interrupted build, wiping it"
  for m in $(mounts_under "$DIR" | sort -r); do umount -l "$m"; done
  rm -rf --one-file-system "$DIR"
fi
mkdir -p "$(dirname "$DIR")"

T0=$(date +%s.%N)
lap() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }
# minbase + systemd: the smallest set that boots; the rest comes from apt below (faster, resolves deps)
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,ca-certificates \
  "$SUITE" "$DIR" "$MIRROR" > "$DIR.debootstrap.log" 2>&1 || { tail -20 "$DIR.debootstrap.log"; die "debootstrap failed"; }
mv "$DIR.debootstrap.log" "$DIR/var/log/jplay-debootstrap.log"
T_DEBOOTSTRAP=$(lap "$T0"); echo "debootstrap $SUITE: ${T_DEBOOTSTRAP}s"

T1=$(date +%s.%N)
cat > "$DIR/etc/apt/sources.list.d/debian.sources" <<EOS
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main

Types: deb
URIs: $SECURITY
Suites: $SUITE-security
Components: main
EOS
rm -f "$DIR/etc/apt/sources.list"
# policy-rc.d: services must not start inside the chroot during install
printf '#!/bin/sh\nexit 101\n' > "$DIR/usr/sbin/policy-rc.d"; chmod +x "$DIR/usr/sbin/policy-rc.d"
mount --bind /proc "$DIR/proc"; trap 'umount "$DIR/proc" 2>/dev/null || true' EXIT

PACKAGES="openssh-server dbus-user-session libpam-systemd systemd-container
  podman uidmap slirp4netns fuse-overlayfs crun conmon containernetworking-plugins catatonit busybox-static
  docker-registry curl iproute2 iputils-ping procps less sudo kmod udev netbase"
# podman 5 (trixie) uses netavark/aardvark-dns and pasta for rootless networking by default
[ "$SUITE" = trixie ] && PACKAGES="$PACKAGES passt netavark aardvark-dns"
chroot "$DIR" apt-get update -q > "$DIR/var/log/jplay-apt.log" 2>&1
# shellcheck disable=SC2086  # word splitting of the package list is intended
chroot "$DIR" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  $PACKAGES $EXTRA_PACKAGES >> "$DIR/var/log/jplay-apt.log" 2>&1 || { tail -30 "$DIR/var/log/jplay-apt.log"; die "apt-get install failed"; }
rm -f "$DIR/usr/sbin/policy-rc.d"
chroot "$DIR" apt-get clean
PODMAN_VERSION=$(chroot "$DIR" dpkg-query -W -f='${Version}' podman)
SYSTEMD_VERSION=$(chroot "$DIR" dpkg-query -W -f='${Version}' systemd)
umount "$DIR/proc"; trap - EXIT
T_APT=$(lap "$T1"); T_TOTAL=$(lap "$T0")
echo "apt install: ${T_APT}s  total: ${T_TOTAL}s"

SIZE=$(du -shx "$DIR" | cut -f1)
cat > "$DIR/$MARKER" <<EOM
suite=$SUITE
built=$(date -Is)
mirror=$MIRROR
podman=$PODMAN_VERSION
systemd=$SYSTEMD_VERSION
debootstrap_s=$T_DEBOOTSTRAP
apt_s=$T_APT
total_s=$T_TOTAL
size=$SIZE
EOM
echo "rootfs $DIR complete: podman $PODMAN_VERSION, systemd $SYSTEMD_VERSION, $SIZE"
