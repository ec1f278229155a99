# METADATA
# title: "Credential in a container environment variable"
# description: >-
#   An environment variable named like a password, token or key with a
#   literal value puts the credential in the manifest and the repository.
# custom:
#   id: RP-K8S-043
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Take the value from a Secret with valueFrom.secretKeyRef, kept out of
#     the repository.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/secret/
#   - https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
package rampart.k8s.env_secret_literal

import rego.v1

import data.rampart.lib.k8s

pattern := `(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)`

deny contains res if {
	some c in k8s.containers
	some i, env in c.container.env
	regex.match(pattern, object.get(env, "name", ""))
	not regex.match(`(?i)(_file|_path|_dir|_url)$`, env.name)
	is_string(env.value)
	env.value != ""
	not dependent_reference(env.value)
	msg := sprintf("%s sets %s from a literal value", [k8s.describe(c), env.name])
	res := k8s.result(msg, array.concat(c.path, ["env", i, "value"]))
}

# A value that is only $(NAME) asks the kubelet to copy another variable of
# the same container, often one filled from a Secret by envFrom; the
# manifest then holds a reference, not the credential. ($$(NAME) is the
# escaped, literal form and stays reported.)
dependent_reference(value) if regex.match(`^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$`, value)
