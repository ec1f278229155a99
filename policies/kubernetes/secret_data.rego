# METADATA
# title: "Secret values committed in a manifest"
# description: >-
#   A Secret manifest with data or stringData puts the credential in the
#   repository, where it is only base64-encoded and stays in history.
# custom:
#   id: RP-K8S-035
#   severity: HIGH
#   input: kubernetes
#   kinds: [Secret]
#   remediation: >-
#     Keep the values out of the repository: use an external secret store
#     (External Secrets, Vault, a cloud secret manager) or encrypt them
#     (Sealed Secrets, SOPS).
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/secret/
#   - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
package rampart.k8s.secret_data

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some field in ["data", "stringData"]
	some key, value in input[field]
	value != ""
	value != null
	msg := sprintf("%s holds a value for %q in %s", [k8s.object_label, key, field])
	res := k8s.result(msg, [field, key])
}
