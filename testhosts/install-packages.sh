#!/bin/sh
# Installs, from Debian's packages, everything jplay's tests need on this machine (root; idempotent:
# nothing is fetched when all is present). The test hosts themselves are built by build-rootfs.sh.
set -eu
PKGS="openjdk-17-jdk-headless maven openssh-server openssh-client sudo iproute2 procps curl
      debootstrap systemd-container ansible-core podman uidmap docker-registry busybox-static
      dbus-daemon python3-dbus python3-gi bsdutils util-linux
      slirp4netns fuse-overlayfs crun runc conmon containernetworking-plugins catatonit iptables skopeo
      rpm"                                   # rpm: rpmbuild, for packaging/build-packages.sh
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install-packages: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 $missing >/dev/null
fi
echo "install-packages: all present"
