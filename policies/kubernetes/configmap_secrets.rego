# METADATA
# title: "Credential in a ConfigMap"
# description: >-
#   ConfigMaps are readable by far more subjects than Secrets and are not
#   encrypted at rest; a key named like a password, token or key holding a
#   value belongs in a Secret.
# custom:
#   id: RP-K8S-049
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [ConfigMap]
#   remediation: >-
#     Move the value to a Secret managed outside the repository.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/secret/
#   - https://kubernetes.io/docs/concepts/configuration/configmap/
package rampart.k8s.configmap_secrets

import rego.v1

import data.rampart.lib.k8s

pattern := `(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)`

deny contains res if {
	some key, value in input.data
	regex.match(pattern, key)
	not regex.match(`(?i)(_file|_path|_dir|_url)$`, key)
	is_string(value)
	value != ""
	msg := sprintf("%s holds %q, which looks like a credential", [k8s.object_label, key])
	res := k8s.result(msg, ["data", key])
}
