#!/bin/bash
# test-launcher.sh — the jplay launcher as users meet it, in both layouts (any user, a few seconds):
#   packaging/test-launcher.sh [ARCHIVE]      (default: app/target/jplay-*.tar.gz, from mvn -B package)
# installed (the archive extracted, reached through a symlink on PATH): --version, a playbook twice with its
#   class-data archive in XDG_CACHE_HOME, the message naming the Java package when there is no Java or an old one;
# a clone (this launcher beside a pom.xml, with a stand-in mvn on PATH that fails offline as Maven does on a fresh
#   machine, then builds): the first run prints one line about the build and nothing of Maven's, a run through a
#   symlink finds the clone, and a build that really fails shows Maven's output.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
fail() { echo "test-launcher: FAIL: $*" >&2; exit 1; }
ok() { echo "test-launcher: ok: $*"; }
ARCHIVE=${1:-}
if [ -z "$ARCHIVE" ]; then
  shopt -s nullglob; found=("$HERE"/../app/target/jplay-*.tar.gz); shopt -u nullglob
  [ ${#found[@]} = 1 ] || fail "no single app/target/jplay-*.tar.gz: build it (mvn -B package) or name it"
  ARCHIVE=${found[0]}
fi
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
tar xzf "$ARCHIVE" -C "$t"
inst=$(echo "$t"/jplay-*)
version=${inst##*/jplay-}
hello=$inst/playbooks/examples/hello.yml
mkdir -p "$t/path"; ln -s "$inst/bin/jplay" "$t/path/jplay"
export XDG_CACHE_HOME=$t/cache
run() { PATH="$t/path:$PATH" "$@"; }

# ---------------------------------------------------------------------------------------------- installed
run jplay --version | head -1 | grep -q "^jplay $version (commit [0-9a-f]\{12\}" || fail "--version through the PATH link: $(run jplay --version 2>&1)"
out=$(run jplay "$hello" -e site_dir="$t/site") || fail "hello.yml: $out"
grep -q 'changed=3 ' <<<"$out" || fail "first run of hello.yml: $out"
out=$(run jplay "$hello" -e site_dir="$t/site") || fail "hello.yml again: $out"
grep -q 'changed=0 ' <<<"$out" || fail "second run of hello.yml changed something: $out"
ls "$XDG_CACHE_HOME"/jplay/jplay-*-java*.jsa >/dev/null 2>&1 || fail "no class-data archive in \$XDG_CACHE_HOME/jplay after two playbook runs"
ok "installed: --version and hello.yml (changed=3, then 0) through a symlink on PATH; class-data archive in the cache"

# no java anywhere: PATH holds every command of this machine but java
mkdir "$t/nojava"
for f in /usr/local/bin/* /usr/bin/* /bin/*; do
  n=${f##*/}; [ "$n" = java ] || [ -e "$t/nojava/$n" ] || ln -s "$f" "$t/nojava/$n"
done
if err=$(env -u JAVA_HOME PATH="$t/nojava" "$inst/bin/jplay" --version 2>&1); then fail "ran without Java: $err"; fi
grep -q 'java-17-openjdk-headless' <<<"$err" && grep -q 'openjdk-17-jre-headless' <<<"$err" || fail "no-Java message does not name the packages: $err"
# an old Java in JAVA_HOME: its release file says 11
mkdir -p "$t/jdk11/bin"; printf '#!/bin/sh\necho "a stand-in for an old java was started" >&2; exit 42\n' > "$t/jdk11/bin/java"
chmod 755 "$t/jdk11/bin/java"; echo 'JAVA_VERSION="11.0.2"' > "$t/jdk11/release"
if err=$(JAVA_HOME=$t/jdk11 "$inst/bin/jplay" --version 2>&1); then fail "ran with Java 11: $err"; fi
grep -q 'Java 17 or newer is needed; .* is Java 11.0.2' <<<"$err" || fail "old-Java message: $err"
if err=$(JAVA_HOME=$t/nowhere "$inst/bin/jplay" --version 2>&1); then fail "ran with a JAVA_HOME that has no java: $err"; fi
grep -q "JAVA_HOME=$t/nowhere has no bin/java" <<<"$err" || fail "wrong-JAVA_HOME message: $err"
ok "installed: a clear message naming the package for no Java and for Java 11, and for a JAVA_HOME without java"

# ---------------------------------------------------------------------------------------------- clone
clone=$t/clone
mkdir -p "$clone/app" "$clone/engine/src/main" "$clone/modules/src/main" "$clone/app/src/main" "$t/stub"
cp "$HERE/../jplay" "$clone/jplay"; touch "$clone/pom.xml"
cat > "$t/stub/mvn" <<EOS
#!/bin/sh
# stands in for Maven: offline it fails as on a machine whose ~/.m2 is empty; online it "builds" the jar
for a in "\$@"; do
  if [ "\$a" = -o ] || [ -n "\${STUB_FAIL:-}" ]; then
    printf '\033[0m[ERROR] Failed to execute goal on project jplay-engine: Could not resolve dependencies\n'
    printf '[ERROR] After correcting the problems, you can resume the build with the command\n[ERROR]   mvn <args> -rf :jplay-engine\n\033[0m'
    exit 1
  fi
done
mkdir -p "$clone/app/target" && cp "$inst"/lib/*.jar "$clone/app/target/"
EOS
chmod 755 "$t/stub/mvn"
first_err=$(PATH="$t/stub:$PATH" "$clone/jplay" "$hello" -e site_dir="$t/site-clone" 2>&1 >"$t/first.out") || fail "first run from the clone: $first_err"
[ "$(wc -l <<<"$first_err")" = 1 ] && grep -q '^jplay: building jplay from source' <<<"$first_err" || fail "first run printed more than the one build line: $first_err"
if grep -q $'\033' "$t/first.out" || grep -q $'\033' <<<"$first_err"; then fail "escape codes in the first run's output"; fi
grep -q 'changed=3 ' "$t/first.out" || fail "first run from the clone did not run the play: $(cat "$t/first.out")"
ln -s "$clone/jplay" "$t/path/jplay-clone"
err=$(PATH="$t/stub:$PATH" "$t/path/jplay-clone" "$hello" -e site_dir="$t/site-clone" 2>&1 >"$t/second.out") || fail "run through a link to the clone: $err"
[ -z "$err" ] && grep -q 'changed=0 ' "$t/second.out" || fail "run through a link to the clone: $err $(cat "$t/second.out")"
ok "clone: first run prints one build line and no Maven output, then the play; a symlink to the clone's launcher works"

touch "$clone/app/src/main/Changed.java"
if err=$(STUB_FAIL=1 PATH="$t/stub:$PATH" "$clone/jplay" --version 2>&1); then fail "a failed build ran anyway: $err"; fi
grep -q 'mvn <args> -rf :jplay-engine' <<<"$err" && grep -q 'jplay: the build failed' <<<"$err" || fail "a failed build does not show Maven's output: $err"
ok "clone: a build that really fails shows Maven's output and says so"
