# METADATA
# title: "Container adds a capability other than NET_BIND_SERVICE"
# description: >-
#   Pod Security Standards (restricted) allow a container to add back only
#   NET_BIND_SERVICE after dropping all capabilities.
# custom:
#   id: RP-K8S-020
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove every capability but NET_BIND_SERVICE from
#     securityContext.capabilities.add.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.capabilities_restricted

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	some i, cap in c.container.securityContext.capabilities.add
	trim_prefix(upper(cap), "CAP_") != "NET_BIND_SERVICE"
	msg := sprintf("%s adds capability %s", [k8s.describe(c), cap])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "capabilities", "add", i]))
}
