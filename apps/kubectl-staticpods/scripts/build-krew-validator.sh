#!/usr/bin/env bash
# Builds krew's own manifest validator (sigs.k8s.io/krew cmd/validate-krew-manifest) and krew
# itself (cmd/krew, to install a plugin from its manifest and a local archive) from Go modules,
# cached by version beside the test binaries (~/.cache/kubectl-staticpods/testbin/krew-<version>).
# A warm cache builds nothing. Prints VALIDATE_KREW_MANIFEST=… and KREW=… on stdout.
set -euo pipefail

KREW_VERSION=${KREW_VERSION:-v0.4.3}
CACHE=${STATICPODS_TESTBIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-staticpods/testbin}
BIN=$CACHE/krew-$KREW_VERSION/bin
export GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=${GOTOOLCHAIN:-local}
# No ",direct" fallback: VCS hosts are unreachable here and would hang instead of failing.
export GOPROXY=${GOPROXY_OVERRIDE:-https://proxy.golang.org}

mkdir -p "$CACHE"
exec 9>"$CACHE/.krew.lock"
flock 9
if [ ! -x "$BIN/validate-krew-manifest" ] || [ ! -x "$BIN/kubectl-krew" ]; then
  command -v go >/dev/null || { echo "[krew] Go is needed to build krew $KREW_VERSION" >&2; exit 2; }
  echo "[krew] building validate-krew-manifest and krew $KREW_VERSION from the Go module proxy" >&2
  rm -rf "$BIN.tmp"; mkdir -p "$BIN.tmp"
  GOBIN=$BIN.tmp go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/krew/cmd/validate-krew-manifest@$KREW_VERSION" "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION"
  mv "$BIN.tmp/krew" "$BIN.tmp/kubectl-krew"
  rm -rf "$BIN"; mv "$BIN.tmp" "$BIN"
fi
echo "VALIDATE_KREW_MANIFEST=$BIN/validate-krew-manifest"
echo "KREW=$BIN/kubectl-krew"
