# METADATA
# title: "Container does not drop all capabilities"
# description: >-
#   Containers start with a default set of Linux capabilities that most
#   applications never use. Pod Security Standards (restricted) require
#   dropping ALL and adding back only NET_BIND_SERVICE if needed.
# custom:
#   id: RP-K8S-019
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Add ALL to securityContext.capabilities.drop.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.capabilities_drop_all

import rego.v1

import data.rampart.lib.k8s

dropped_all(c) if {
	some cap in c.container.securityContext.capabilities.drop
	upper(cap) == "ALL"
}

deny contains res if {
	some c in k8s.containers
	not dropped_all(c)
	msg := sprintf("%s does not drop ALL capabilities", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "capabilities", "drop"]))
}
