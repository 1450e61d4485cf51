#!/bin/bash
# test-packages.sh — installs jplay's packages as a user would and runs playbooks with the installed jplay.
#   packaging/test-packages.sh DEB RPM [SUITE]      (root; SUITE: bookworm (default) or trixie)
# .deb: apt-get installs it, with the Java it depends on from the Debian mirror, into a clean rootfs
#   (an overlay over testhosts' rootfs-SUITE, built by testhosts/build-rootfs.sh; the rootfs itself is not
#   changed), then, through /usr/bin/jplay: --version, hello.yml twice as root and as jpuser (changed, then
#   changed=0, the class-data archive in the user's cache), the man page, bash completion of module names,
#   and dpkg -r leaving nothing behind.
# .rpm: its metadata (noarch, requires java-headless >= 1:17, the files), then its payload unpacked into a
#   folder and run from there (no RHEL here to install it on).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
die() { echo "test-packages: FAIL: $*" >&2; exit 1; }
ok() { echo "test-packages: ok: $*"; }
[ $# -ge 2 ] || { echo "usage: $0 DEB RPM [SUITE]" >&2; exit 2; }
DEB=$(readlink -f "$1"); RPM=$(readlink -f "$2"); SUITE=${3:-bookworm}
[ "$(id -u)" = 0 ] || die "must run as root (chroot, mounts)"
R=${JPLAY_ROOTFS_BASE:-/var/tmp/jplay-testhosts}/rootfs-$SUITE
[ -f "$R/.jplay-rootfs-complete" ] || "$HERE/../testhosts/build-rootfs.sh" "$R" "$SUITE"
VERSION=$(dpkg-deb -f "$DEB" Version); VERSION=${VERSION%-*}

# ---------------------------------------------------------------------------------------------- rpm
t0=$SECONDS
[ "$(rpm -qp --qf '%{ARCH}' "$RPM")" = noarch ] || die "rpm is not noarch"
rpm -qpR "$RPM" | grep -qx 'java-headless >= 1:17' || die "rpm does not require java-headless >= 1:17: $(rpm -qpR "$RPM" | tr '\n' ' ')"
files=$(rpm -qpl "$RPM")
for f in /usr/bin/jplay /usr/share/jplay/bin/jplay /usr/share/jplay/lib/jplay.jar /usr/share/man/man1/jplay.1.gz \
         /usr/share/bash-completion/completions/jplay /usr/share/zsh/site-functions/_jplay \
         /usr/share/jplay/playbooks/site.yml /usr/share/jplay/templates /usr/share/jplay/inventory.example; do
  grep -qx "$f" <<<"$files" || die "rpm lacks $f"
done
unpacked=$(mktemp -d); trap 'rm -rf "$unpacked"' EXIT
rpm2archive - < "$RPM" | tar xzf - -C "$unpacked"
[ "$(readlink "$unpacked/usr/bin/jplay")" = ../share/jplay/bin/jplay ] || die "rpm's /usr/bin/jplay is not the link to the launcher"
XDG_CACHE_HOME=$unpacked/cache "$unpacked/usr/bin/jplay" --version | grep -q "^jplay $VERSION (commit " || die "rpm's jplay --version"
out=$(XDG_CACHE_HOME=$unpacked/cache "$unpacked/usr/bin/jplay" "$unpacked/usr/share/jplay/playbooks/examples/hello.yml" \
  -e site_dir="$unpacked/site")
grep -q 'changed=3 ' <<<"$out" || die "hello.yml from the rpm's payload: $out"
ok "rpm: metadata, files, and its payload runs hello.yml ($((SECONDS - t0)) s)"

# ---------------------------------------------------------------------------------------------- deb
t0=$SECONDS
d=$(mktemp -d /var/tmp/jplay-deb-test.XXXXXX)
cleanup() {
  for m in "$d/root/proc" "$d/root/dev" "$d/root"; do mountpoint -q "$m" && umount "$m"; done
  rm -rf --one-file-system "$d" "$unpacked"
}
trap cleanup EXIT
mkdir -p "$d/upper" "$d/work" "$d/root"
mount -t overlay overlay -o "lowerdir=$R,upperdir=$d/upper,workdir=$d/work" "$d/root"
mount --bind /proc "$d/root/proc"
mount --bind /dev "$d/root/dev"
# the test hosts have no DNS; this rootfs reaches the mirror through the machine's resolver
rm -f "$d/root/etc/resolv.conf"; cp /etc/resolv.conf "$d/root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' > "$d/root/usr/sbin/policy-rc.d"; chmod 755 "$d/root/usr/sbin/policy-rc.d"
in_root() { chroot "$d/root" env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 "$@"; }
as_user() { chroot --userspec=jpuser:jpuser "$d/root" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/jpuser LANG=C.UTF-8 "$@"; }
cp "$DEB" "$d/root/tmp/jplay.deb"
in_root apt-get update -q > "$d/apt.log" 2>&1 || { cat "$d/apt.log"; die "apt-get update in the rootfs"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/jplay.deb >> "$d/apt.log" 2>&1 \
  || { tail -30 "$d/apt.log"; die "apt-get install ./jplay.deb"; }
ok "deb: apt-get installed it with $(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' 'openjdk-*' | awk '/^ii/ {print $2, $3}') ($((SECONDS - t0)) s)"

[ "$(in_root readlink /usr/bin/jplay)" = ../share/jplay/bin/jplay ] || die "/usr/bin/jplay is not the link to the launcher"
in_root jplay --version | grep -q "^jplay $VERSION (commit " || die "jplay --version: $(in_root jplay --version 2>&1)"
hello=/usr/share/jplay/playbooks/examples/hello.yml
for who in in_root as_user; do
  first=$($who jplay $hello -e site_dir=/tmp/hello-$who 2>&1) || die "$who: first run of hello.yml failed: $first"
  grep -q 'changed=3 ' <<<"$first" || die "$who: first run of hello.yml did not change 3: $first"
  second=$($who jplay $hello -e site_dir=/tmp/hello-$who 2>&1) || die "$who: second run failed: $second"
  grep -q 'changed=0 ' <<<"$second" || die "$who: second run of hello.yml changed something: $second"
done
ls "$d/root/root/.cache/jplay/"*.jsa >/dev/null 2>&1 || die "no class-data archive in root's ~/.cache/jplay after two runs"
ls "$d/root/home/jpuser/.cache/jplay/"*.jsa >/dev/null 2>&1 || die "no class-data archive in jpuser's ~/.cache/jplay after two runs"
ok "deb: jplay --version, hello.yml as root and jpuser (changed=3, then changed=0), class-data archives in their caches"

in_root sh -c 'zcat /usr/share/man/man1/jplay.1.gz | head -1' | grep -q '^\.TH JPLAY 1' || die "man page"
words=$(in_root bash -c 'source /usr/share/bash-completion/completions/jplay 2>/dev/null; COMP_WORDS=(jplay doc podman_u); COMP_CWORD=2
  COMP_LINE="jplay doc podman_u"; COMP_POINT=${#COMP_LINE}; _complete_jplay 2>/dev/null; echo "${COMPREPLY[*]}"')
grep -qw podman_unit <<<"$words" || die "bash completion of 'jplay doc podman_u' gave '$words'"
[ -f "$d/root/usr/share/zsh/vendor-completions/_jplay" ] || die "zsh completion missing"
ok "deb: man page, bash completion ($words), zsh completion"

in_root dpkg -r jplay > /dev/null
left=$(in_root sh -c 'ls -d /usr/bin/jplay /usr/share/jplay /usr/share/man/man1/jplay.1.gz 2>/dev/null' || true)
[ -z "$left" ] || die "dpkg -r left: $left"
ok "deb: dpkg -r removes it all ($((SECONDS - t0)) s in all)"
