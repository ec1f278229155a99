#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Makes the webhook's TLS material with openssl: a private CA, and a serving
# certificate signed by it for the Service DNS names the API server uses
# (SERVICE.NAMESPACE.svc and the longer forms). Writes into OUT_DIR:
#
#   ca.crt ca.key           the CA (keep ca.key offline; only ca.crt is needed
#                           by the cluster, as the webhooks' caBundle)
#   tls.crt tls.key         the serving pair, for the Secret rampart-tls
#   secret.yaml             that Secret as a manifest (kubectl apply -f)
#   ca-bundle-patch.yaml    a Kustomize patch setting caBundle on both
#                           webhook configurations
#
# and prints the caBundle (base64 of ca.crt) on stdout. Nothing is written
# into the repository unless OUT_DIR points there: never commit the keys.
#
# usage: deploy/make-certs.sh [NAMESPACE] [SERVICE] [OUT_DIR] [DAYS]
# Renewal: run again with the same CA files in OUT_DIR to re-sign only the
# serving pair; the server reloads tls.crt/tls.key when the Secret changes.
set -euo pipefail

namespace="${1:-rampart}"
service="${2:-rampart}"
out_dir="${3:-./rampart-certs}"
days="${4:-365}"

mkdir -p "$out_dir"
umask 077
cd "$out_dir"

if [ ! -f ca.key ] || [ ! -f ca.crt ]; then
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
    -keyout ca.key -out ca.crt -days 3650 -sha256 \
    -subj "/CN=rampart webhook CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

dns="DNS:${service},DNS:${service}.${namespace},DNS:${service}.${namespace}.svc"
dns="${dns},DNS:${service}.${namespace}.svc.cluster.local"

openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
  -keyout tls.key -out tls.csr \
  -subj "/CN=${service}.${namespace}.svc" 2>/dev/null

cat > tls.ext <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=${dns}
EXT
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
  -out tls.crt -days "$days" -sha256 -extfile tls.ext 2>/dev/null
rm -f tls.csr tls.ext ca.srl

ca_bundle="$(base64 -w0 < ca.crt)"

cat > secret.yaml <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: ${service}-tls
  namespace: ${namespace}
type: kubernetes.io/tls
data:
  tls.crt: $(base64 -w0 < tls.crt)
  tls.key: $(base64 -w0 < tls.key)
YAML

cat > ca-bundle-patch.yaml <<YAML
- op: replace
  path: /webhooks/0/clientConfig/caBundle
  value: ${ca_bundle}
YAML

echo "wrote $(pwd)/{ca.crt,tls.crt,tls.key,secret.yaml,ca-bundle-patch.yaml}" >&2
echo "verify: openssl verify -CAfile ca.crt tls.crt" >&2
echo "$ca_bundle"
