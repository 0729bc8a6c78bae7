#!/usr/bin/env bash
# Fetches the Kubernetes v1.32 protobuf schemas that src/server/protobuf.ts needs to decode
# `application/vnd.kubernetes.protobuf` request bodies (what kubectl's typed commands send).
#
# No npm package ships them, so they come from Debian trixie's Go source packages
# (golang-k8s-api-dev, golang-k8s-apimachinery-dev; Apache-2.0, the upstream files unchanged):
#   - every k8s.io/**/generated.proto (the wire schema), and
#   - the Go files next to them whose struct fields carry `protobuf:"..."` tags (types.go and a
#     few more): the JSON shape (field names, omitempty, pointers, inlined structs) lives only
#     in those tags, and a decoded body must look like what a JSON client would have sent.
#
# Usage: bash .ci/fetch-k8s-protos.sh [OUTDIR]     (default: <repo>/.kubelab/protos)
#
# Idempotent: does nothing when OUTDIR already holds a complete copy. Uses a private apt
# configuration (its own sources, lists and cache in a temporary directory), so the system's
# apt setup is never changed. Needs a Debian-like system with apt-get and dpkg-deb (CI runs as
# root on Debian bookworm).
set -euo pipefail

API_PKG=golang-k8s-api-dev
API_VERSION=0.32.3-1
MACHINERY_PKG=golang-k8s-apimachinery-dev
MACHINERY_VERSION=0.32.3-2
FALLBACK_PATTERN='0.32.*'
# The Debian mirror this machine already uses (its apt sources), asked for the trixie suite.
system_mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v -- '-security' | awk '{for (i = 2; i <= NF; i++) if ($i !~ /^\[/) {print $i; exit}}' || true)
  fi
  printf '%s' "$uri"
}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
STAMP=.fetch-k8s-protos

say() { printf 'fetch-k8s-protos: %s\n' "$*"; }
die() {
  printf 'fetch-k8s-protos: error: %s\n' "$*" >&2
  exit 1
}

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo_root/.kubelab/protos}
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

count_files() { find "$out/k8s.io" -name "$1" -type f 2>/dev/null | wc -l | tr -d ' '; }

if [[ -f $out/$STAMP && -f $out/k8s.io/api/core/v1/generated.proto && -f $out/k8s.io/api/core/v1/types.go ]]; then
  say "already present: $(count_files generated.proto) .proto and $(count_files '*.go') .go files in $out ($(tr '\n' ' ' <"$out/$STAMP" | sed 's/ *$//'))"
  exit 0
fi

# Preconditions, each with a message that says what to do instead.
for tool in apt-get apt-cache dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "'$tool' not found: this script needs a Debian-based system (CI uses Debian bookworm). Elsewhere, copy an existing .kubelab/protos from such a machine, or point KUBELAB_PROTO_DIR at one."
done
[[ -r $KEYRING ]] || die "$KEYRING is missing: install the debian-archive-keyring package (apt-get install debian-archive-keyring)."
mirror=$(system_mirror)
[[ -n $mirror ]] || die "found no Debian mirror in this machine's apt sources (/etc/apt/sources.list.d/*.sources or /etc/apt/sources.list)."
SUITE_LINE="deb [signed-by=$KEYRING] $mirror trixie main"

work=$(mktemp -d "${TMPDIR:-/tmp}/fetch-k8s-protos.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/preferences.d" "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/x" "$work/stage"
echo "$SUITE_LINE" >"$work/etc/sources.list"
: >"$work/etc/preferences"

apt_opts=(
  -o "Dir::Etc::SourceList=$work/etc/sources.list"
  -o "Dir::Etc::SourceParts=-"
  -o "Dir::Etc::Preferences=$work/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$work/etc/preferences.d"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "Acquire::Languages=none"
  -o "APT::Get::List-Cleanup=false"
)
# As root, apt drops to the _apt user for downloads, which cannot write into our private
# temporary directory; run those downloads as root instead (nothing is installed).
if [[ $(id -u) -eq 0 ]]; then apt_opts+=(-o "APT::Sandbox::User=root"); fi

apt-get "${apt_opts[@]}" -qq update >"$work/update.log" 2>&1 ||
  die "apt-get update for Debian trixie failed (network or signature problem?):
$(cat "$work/update.log")"

# Picks the version to download: the pinned one, else the newest 0.32.* (and says so).
pick_version() {
  local pkg=$1 pinned=$2 versions chosen
  versions=$(apt-cache "${apt_opts[@]}" madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}')
  if grep -qxF "$pinned" <<<"$versions"; then
    echo "$pinned"
    return
  fi
  # shellcheck disable=SC2053 # the pattern is meant to glob
  chosen=$(while read -r v; do [[ -n $v && $v == $FALLBACK_PATTERN ]] && echo "$v"; done <<<"$versions" | sort -V | tail -n 1)
  [[ -n $chosen ]] ||
    die "$pkg: neither $pinned nor any $FALLBACK_PATTERN is in Debian trixie (available: ${versions:-none})"
  say "warning: $pkg $pinned is not available from Debian trixie; using $chosen instead" >&2
  echo "$chosen"
}
api_version=$(pick_version "$API_PKG" "$API_VERSION")
machinery_version=$(pick_version "$MACHINERY_PKG" "$MACHINERY_VERSION")

(cd "$work/debs" && apt-get "${apt_opts[@]}" -qq download "$API_PKG=$api_version" "$MACHINERY_PKG=$machinery_version") >"$work/download.log" 2>&1 ||
  die "apt-get download failed:
$(cat "$work/download.log")"

for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
src=$work/x/usr/share/gocode/src
[[ -f $src/k8s.io/api/core/v1/generated.proto ]] || die "the downloaded packages do not contain k8s.io/api/core/v1/generated.proto"

# Copy every generated.proto, and the non-test Go files in the same directories whose struct
# fields carry protobuf tags.
(
  cd "$src"
  find k8s.io -name generated.proto -type f | sort | while read -r proto; do
    dir=$(dirname "$proto")
    mkdir -p "$work/stage/$dir"
    cp "$proto" "$work/stage/$dir/"
    for go in "$dir"/*.go; do
      [[ -f $go && $go != *_test.go ]] || continue
      if grep -q 'protobuf:"' "$go"; then cp "$go" "$work/stage/$dir/"; fi
    done
  done
)
for pkg in "$API_PKG" "$MACHINERY_PKG"; do
  if [[ -f $work/x/usr/share/doc/$pkg/copyright ]]; then cp "$work/x/usr/share/doc/$pkg/copyright" "$work/stage/COPYRIGHT.$pkg"; fi
done
printf '%s\n' "$API_PKG=$api_version" "$MACHINERY_PKG=$machinery_version" >"$work/stage/$STAMP"

# Replace only what this script owns in OUTDIR, then mark it complete.
rm -rf "${out:?}/k8s.io" "${out:?}/$STAMP" "${out:?}"/COPYRIGHT.*
mv "$work/stage/k8s.io" "$out/"
cp "$work"/stage/COPYRIGHT.* "$out/" 2>/dev/null || true
cp "$work/stage/$STAMP" "$out/$STAMP"

say "$(count_files generated.proto) .proto and $(count_files '*.go') .go files from $API_PKG=$api_version $MACHINERY_PKG=$machinery_version in $out"
