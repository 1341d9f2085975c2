#!/usr/bin/env bash
# Builds the real Kubernetes binaries the test suites run against, from Go modules only:
#   kube-apiserver, kubectl, kube-controller-manager, kube-scheduler, the kubelet oracle (our
#   kubelet-oracle/main.go, which runs the kubelet's own file source) and hollow-node (our
#   hollow-node/main.go, kubemark's hollow kubelet: the real kubelet with a fake container
#   runtime) from one wrapper module around k8s.io/kubernetes, and etcd from a wrapper around
#   go.etcd.io/etcd/server/v3.
#
# The wrapper's replace list is derived from k8s.io/kubernetes's own go.mod at the chosen tag
# (every `k8s.io/X => ./staging/src/k8s.io/X` becomes `k8s.io/X => k8s.io/X v0.Y.Z`), so it
# cannot drift from upstream. See ../../../docs/testing.md.
#
# Binaries are cached outside the repository, keyed by version (and, for our own programs, by
# the hash of their source), so a warm run does nothing. Prints the bin directories as
# KEY=VALUE lines on stdout; progress goes to stderr.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-v1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${STATICPODS_TESTBIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-staticpods/testbin}
K8S_BIN=$CACHE/kubernetes-$K8S_VERSION/bin
ETCD_BIN=$CACHE/etcd-$ETCD_VERSION/bin
SRC=$CACHE/src
export GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=${GOTOOLCHAIN:-local}
# No ",direct" fallback: VCS hosts are unreachable here and would hang instead of failing.
export GOPROXY=${GOPROXY_OVERRIDE:-https://proxy.golang.org}

log() { printf '[testbin] %s\n' "$*" >&2; }
timed() { # name cmd... : runs cmd, logs wall time and peak RSS
  local name=$1; shift
  local t; t=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$t" "$@"
  read -r secs kib <"$t"; rm -f "$t"
  log "$name: ${secs}s wall, peak RSS $((kib / 1024)) MiB"
}

# Go is only needed when something must be built: a warm cache (or KUBEBUILDER_ASSETS plus a
# cached oracle) works without it.
need_go() {
  command -v go >/dev/null && return 0
  log "Go is not installed, but $1 must be built: install Go >= 1.26 with access to the Go module proxy" \
    "(or set KUBEBUILDER_ASSETS to a directory with kube-apiserver and etcd; the kubelet oracle always needs Go once)"
  exit 2
}

# One build at a time per cache: parallel test runs would otherwise race on the wrapper's
# go.mod and on the *.tmp outputs.
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

oracle_hash=$(cat "$HERE/kubelet-oracle/main.go" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
ORACLE_BIN=$K8S_BIN/kubelet-oracle-$oracle_hash
# core's generator of the config-hash layout tables (reflection over the internal Pod type): the
# tests check that the committed tables are what it prints. Keyed by its source hash too.
LAYOUT_SRC=$HERE/../../core/go/gen-hash-layout/main.go
layout_hash=$(cat "$LAYOUT_SRC" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
LAYOUT_BIN=$K8S_BIN/gen-hash-layout-$layout_hash
hollow_hash=$(cat "$HERE/hollow-node/main.go" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
HOLLOW_BIN=$K8S_BIN/hollow-node-$hollow_hash

ldflags_for() { # version -> -X flags that stamp the Kubernetes version
  local v=$1 minor; minor=$(echo "$v" | cut -d. -f2)
  printf '%s' "-s -w \
 -X k8s.io/component-base/version.gitVersion=$v -X k8s.io/component-base/version.gitMajor=1 \
 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/client-go/pkg/version.gitVersion=$v -X k8s.io/client-go/pkg/version.gitMajor=1 \
 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
}

prepare_k8s_wrapper() {
  local dir=$SRC/kubernetes-$K8S_VERSION staging=v0.${K8S_VERSION#v1.}
  mkdir -p "$dir/cmd/kubelet-oracle" "$dir/cmd/gen-hash-layout" "$dir/cmd/hollow-node" "$SRC/empty"
  local gomod
  gomod=$(cd "$SRC/empty" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$gomod" ] || { log "could not download k8s.io/kubernetes@$K8S_VERSION's go.mod"; exit 2; }
  {
    echo "module example.invalid/staticpods-kube-testbin"; echo
    grep -E '^go [0-9.]+$' "$gomod"; grep '^godebug ' "$gomod" || true; echo
    echo "require k8s.io/kubernetes $K8S_VERSION"; echo
    echo "replace ("
    sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/src/.*#\t\1 => \1 '"$staging"'#p' "$gomod"
    echo ")"
  } >"$dir/go.mod.new"
  if ! cmp -s "$dir/go.mod.new" "$dir/go.mod.base" 2>/dev/null; then
    mv "$dir/go.mod.new" "$dir/go.mod.base"; cp "$dir/go.mod.base" "$dir/go.mod"; rm -f "$dir/go.sum"
  else
    rm -f "$dir/go.mod.new"
  fi
  cp "$HERE/kubelet-oracle/main.go" "$dir/cmd/kubelet-oracle/main.go"
  cp "$LAYOUT_SRC" "$dir/cmd/gen-hash-layout/main.go"
  cp "$HERE/hollow-node/main.go" "$dir/cmd/hollow-node/main.go"
  echo "$dir"
}

build_k8s() { # $1: build kube-apiserver (yes/no), $2: build kubectl (yes/no)
  local want_api=$1 want_kubectl=$2 dir ldf
  local oracle_stale=no
  # Our programs are keyed by their source hash, so work trees with different versions share one cache.
  [ -x "$ORACLE_BIN" ] || oracle_stale=yes
  local layout_stale=no
  [ -x "$LAYOUT_BIN" ] || layout_stale=yes
  [ "$want_api" = yes ] && [ -x "$K8S_BIN/kube-apiserver" ] && want_api=no
  [ "$want_kubectl" = yes ] && [ -x "$K8S_BIN/kubectl" ] && want_kubectl=no
  # The node-side programs: built together in one `go build`, which compiles their shared
  # packages (pkg/kubelet, client-go, the controllers' libraries) once and links in parallel.
  local nodes=()
  [ -x "$HOLLOW_BIN" ] || nodes+=(hollow-node)
  [ -x "$K8S_BIN/kube-controller-manager" ] || nodes+=(kube-controller-manager)
  [ -x "$K8S_BIN/kube-scheduler" ] || nodes+=(kube-scheduler)
  [ "$want_api$want_kubectl$oracle_stale$layout_stale${#nodes[@]}" = nononono0 ] && return 0
  need_go "$(echo "$([ "$want_api" = yes ] && echo kube-apiserver) $([ "$want_kubectl" = yes ] && echo kubectl) $([ "$oracle_stale" = yes ] && echo kubelet-oracle) $([ "$layout_stale" = yes ] && echo gen-hash-layout) ${nodes[*]}" | xargs) ($K8S_VERSION)"
  dir=$(prepare_k8s_wrapper)
  ldf=$(ldflags_for "$K8S_VERSION")
  mkdir -p "$K8S_BIN"
  cd "$dir"
  if [ "$want_api" = yes ] || [ "$want_kubectl" = yes ]; then
    log "building$([ "$want_api" = yes ] && echo ' kube-apiserver')$([ "$want_kubectl" = yes ] && echo ' kubectl') $K8S_VERSION (cold: several minutes on 2 cores)"
    timed "go get k8s.io/kubernetes@$K8S_VERSION" go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" "k8s.io/kubernetes/cmd/kubectl@$K8S_VERSION"
  fi
  if [ "$want_api" = yes ]; then
    timed "build kube-apiserver" go build -trimpath -tags notest,grpcnotrace -ldflags "$ldf" -o "$K8S_BIN/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver
    mv "$K8S_BIN/kube-apiserver.tmp" "$K8S_BIN/kube-apiserver"
  fi
  if [ "$want_kubectl" = yes ]; then
    timed "build kubectl" go build -trimpath -tags notest -ldflags "$ldf" -o "$K8S_BIN/kubectl.tmp" k8s.io/kubernetes/cmd/kubectl
    mv "$K8S_BIN/kubectl.tmp" "$K8S_BIN/kubectl"
  fi
  if [ "$oracle_stale" = yes ]; then
    log "building kubelet-oracle (source hash $oracle_hash)"
    go mod tidy >/dev/null 2>&1 || true
    timed "build kubelet-oracle" go build -trimpath -ldflags "$ldf" -o "$ORACLE_BIN.tmp" ./cmd/kubelet-oracle
    mv "$ORACLE_BIN.tmp" "$ORACLE_BIN"
  fi
  if [ "$layout_stale" = yes ]; then
    log "building gen-hash-layout (source hash $layout_hash)"
    go mod tidy >/dev/null 2>&1 || true
    timed "build gen-hash-layout" go build -trimpath -o "$LAYOUT_BIN.tmp" ./cmd/gen-hash-layout
    mv "$LAYOUT_BIN.tmp" "$LAYOUT_BIN"
  fi
  if [ "${#nodes[@]}" -gt 0 ]; then
    local pkgs=() out=$K8S_BIN/.nodes.tmp n
    for n in "${nodes[@]}"; do
      case $n in
        hollow-node) pkgs+=(./cmd/hollow-node) ;;
        *) pkgs+=("k8s.io/kubernetes/cmd/$n") ;;
      esac
    done
    log "building ${nodes[*]} (hollow-node source hash $hollow_hash; cold: several minutes on 2 cores)"
    timed "go get kube-controller-manager kube-scheduler" go get "k8s.io/kubernetes/cmd/kube-controller-manager@$K8S_VERSION" "k8s.io/kubernetes/cmd/kube-scheduler@$K8S_VERSION"
    go mod tidy >/dev/null 2>&1 || true
    rm -rf "$out"; mkdir -p "$out"
    # Same tags as kube-apiserver, so the packages they share come from the build cache.
    timed "build ${nodes[*]}" go build -trimpath -tags notest,grpcnotrace -ldflags "$ldf" -o "$out/" "${pkgs[@]}"
    for n in "${nodes[@]}"; do
      case $n in
        hollow-node) mv "$out/hollow-node" "$HOLLOW_BIN" ;;
        *) mv "$out/$n" "$K8S_BIN/$n" ;;
      esac
    done
    rm -rf "$out"
  fi
}

build_etcd() {
  [ -x "$ETCD_BIN/etcd" ] && return 0
  need_go "etcd $ETCD_VERSION"
  local dir=$SRC/etcd-$ETCD_VERSION
  mkdir -p "$dir" "$ETCD_BIN"
  # etcd's own go.mod has relative replaces that a dependent module ignores; its require
  # lines carry the real released versions, so the wrapper needs no replace block.
  printf 'module example.invalid/staticpods-etcd-testbin\n\ngo 1.26.0\n' >"$dir/go.mod"
  cd "$dir"
  log "building etcd $ETCD_VERSION"
  timed "go get etcd" go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  timed "build etcd" go build -trimpath -ldflags "-s -w" -o "$ETCD_BIN/etcd.tmp" go.etcd.io/etcd/server/v3
  mv "$ETCD_BIN/etcd.tmp" "$ETCD_BIN/etcd"
}

# KUBEBUILDER_ASSETS (envtest's layout, e.g. from `setup-envtest`): take kube-apiserver and etcd
# from there, and kubectl too if it is there; build only what is missing.
APISERVER_DIR=$K8S_BIN ETCD_DIR=$ETCD_BIN KUBECTL_DIR=$K8S_BIN
if [ -n "${KUBEBUILDER_ASSETS:-}" ]; then
  if [ -x "$KUBEBUILDER_ASSETS/kube-apiserver" ] && [ -x "$KUBEBUILDER_ASSETS/etcd" ]; then
    APISERVER_DIR=$KUBEBUILDER_ASSETS ETCD_DIR=$KUBEBUILDER_ASSETS
    [ -x "$KUBEBUILDER_ASSETS/kubectl" ] && KUBECTL_DIR=$KUBEBUILDER_ASSETS
    log "using kube-apiserver ($("$KUBEBUILDER_ASSETS/kube-apiserver" --version 2>&1 | head -1)) and etcd from KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS$([ "$KUBECTL_DIR" = "$KUBEBUILDER_ASSETS" ] && echo ', kubectl too')"
  else
    log "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS lacks an executable kube-apiserver or etcd; building them instead"
  fi
fi

[ "$ETCD_DIR" = "$ETCD_BIN" ] && build_etcd
build_k8s "$([ "$APISERVER_DIR" = "$K8S_BIN" ] && echo yes || echo no)" "$([ "$KUBECTL_DIR" = "$K8S_BIN" ] && echo yes || echo no)"

echo "KUBE_APISERVER=$APISERVER_DIR/kube-apiserver"
echo "ETCD=$ETCD_DIR/etcd"
echo "KUBECTL=$KUBECTL_DIR/kubectl"
echo "KUBELET_ORACLE=$ORACLE_BIN"
echo "HASH_LAYOUT=$LAYOUT_BIN"
echo "HOLLOW_NODE=$HOLLOW_BIN"
echo "KUBE_CONTROLLER_MANAGER=$K8S_BIN/kube-controller-manager"
echo "KUBE_SCHEDULER=$K8S_BIN/kube-scheduler"
