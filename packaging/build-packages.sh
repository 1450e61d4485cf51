#!/bin/bash
# build-packages.sh — jplay's .deb and noarch .rpm, made from the release archive (mvn -B package) with the
# distributions' own tools: dpkg-deb, and rpmbuild from Debian's rpm package. Both lay the archive out the
# same way (layout.sh): /usr/share/jplay, /usr/bin/jplay a link to its launcher, man page, bash/zsh completion.
#   packaging/build-packages.sh [ARCHIVE] [OUTDIR]
#     ARCHIVE default: app/target/jplay-*.tar.gz    OUTDIR default: the archive's folder
# Prints the paths of the two packages.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
die() { echo "build-packages: $*" >&2; exit 1; }
ARCHIVE=${1:-}
if [ -z "$ARCHIVE" ]; then
  shopt -s nullglob; found=("$HERE"/../app/target/jplay-*.tar.gz); shopt -u nullglob
  [ ${#found[@]} = 1 ] || die "no single app/target/jplay-*.tar.gz: build it (mvn -B package) or name it"
  ARCHIVE=${found[0]}
fi
ARCHIVE=$(readlink -f "$ARCHIVE")
OUT=$(readlink -m "${2:-$(dirname "$ARCHIVE")}")
base=$(basename "$ARCHIVE" .tar.gz)
VERSION=${base#jplay-}
[[ $VERSION =~ ^[0-9][0-9A-Za-z.]*$ ]] || die "cannot read a version from $ARCHIVE (want jplay-VERSION.tar.gz)"
command -v dpkg-deb >/dev/null || die "dpkg-deb missing (package dpkg)"
command -v rpmbuild >/dev/null || die "rpmbuild missing: apt-get install rpm"
mkdir -p "$OUT"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
tar xzf "$ARCHIVE" -C "$work"
src=$work/$base
[ -d "$src" ] || die "$ARCHIVE has no top folder $base/"

# jars are compressed already: gzip (fast) for both payloads, xz would spend a minute for 1%
# ---- .deb (Debian, Ubuntu): Debian's zsh reads vendor completions from /usr/share/zsh/vendor-completions
root=$work/deb
sh "$HERE/layout.sh" "$src" "$root" /usr/share/zsh/vendor-completions
install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOC
Package: jplay
Version: $VERSION-1
Architecture: all
Maintainer: jplay developers <jplay@jplay.invalid>
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: openjdk-17-jre-headless | java17-runtime-headless
Suggests: bash-completion
Description: Ansible-style, idempotent playbook engine in Java
 jplay reads Ansible playbooks and inventories, connects to each host locally
 or over SSH, and runs modules that change only what differs. Nothing is
 installed on the hosts: modules run in jplay's JVM and drive each host with
 plain POSIX shell commands. It ships the playbooks that set up rootless,
 socket-activated podman containers under systemd.
EOC
deb=$OUT/jplay_${VERSION}-1_all.deb
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null

# ---- .rpm (RHEL 9, Fedora): rpmbuild in a private topdir, sources = the archive + layout.sh
top=$work/rpm
mkdir -p "$top/SOURCES"
cp "$ARCHIVE" "$HERE/layout.sh" "$top/SOURCES/"
rpmbuild -bb --quiet --define "_topdir $top" --define "jplay_version $VERSION" --define "dist %{nil}" \
  --define "_build_id_links none" --define "_binary_payload w6.gzdio" "$HERE/jplay.spec" > "$work/rpmbuild.log" 2>&1 || { cat "$work/rpmbuild.log" >&2; die "rpmbuild failed"; }
rpm=$OUT/jplay-${VERSION}-1.noarch.rpm
cp "$top/RPMS/noarch/jplay-${VERSION}-1.noarch.rpm" "$rpm"
echo "$deb"
echo "$rpm"
