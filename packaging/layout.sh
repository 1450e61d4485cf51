#!/bin/sh
# layout.sh — lays out jplay's release archive as a package installs it; used by both packages
# (build-packages.sh for the .deb, jplay.spec's %install for the .rpm), so they cannot drift apart.
#   packaging/layout.sh ARCHIVE_DIR DESTROOT ZSH_COMPLETION_DIR
# ARCHIVE_DIR is the extracted jplay-VERSION/ folder. Result under DESTROOT:
#   /usr/share/jplay/{bin/jplay,lib/,playbooks/,templates/,inventory.example}   the archive, as it is
#   /usr/bin/jplay -> ../share/jplay/bin/jplay    (a relative link: the launcher follows it to its home)
#   /usr/share/man/man1/jplay.1.gz, /usr/share/bash-completion/completions/jplay, ZSH_COMPLETION_DIR/_jplay
#   /usr/share/doc/jplay/README.md
set -eu
[ $# = 3 ] || { echo "usage: $0 ARCHIVE_DIR DESTROOT ZSH_COMPLETION_DIR" >&2; exit 2; }
src=$1 dest=$2 zsh=$3
[ -x "$src/bin/jplay" ] && [ -f "$src/lib/jplay.jar" ] || { echo "layout: $src is not an extracted jplay archive" >&2; exit 1; }
install -d "$dest/usr/share/jplay" "$dest/usr/bin" "$dest/usr/share/man/man1" \
  "$dest/usr/share/bash-completion/completions" "$dest$zsh" "$dest/usr/share/doc/jplay"
cp -R "$src/bin" "$src/lib" "$src/playbooks" "$src/templates" "$src/inventory.example" "$dest/usr/share/jplay/"
ln -s ../share/jplay/bin/jplay "$dest/usr/bin/jplay"
gzip -9n < "$src/share/man/jplay.1" > "$dest/usr/share/man/man1/jplay.1.gz"
install -m 644 "$src/share/completion/jplay" "$dest/usr/share/bash-completion/completions/jplay"
install -m 644 "$src/share/completion/_jplay" "$dest$zsh/_jplay"
install -m 644 "$src/README.md" "$dest/usr/share/doc/jplay/README.md"
