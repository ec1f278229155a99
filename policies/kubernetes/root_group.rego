# METADATA
# title: "Container runs with the root group"
# description: >-
#   Group 0 owns many files in images and on nodes; running with
#   runAsGroup, fsGroup or a supplemental group of 0 grants access to
#   them. The non-root groups control of the Pod Security Standards asks
#   for non-zero groups.
# custom:
#   id: RP-K8S-021
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set runAsGroup and fsGroup to a non-zero GID and remove 0 from
#     supplementalGroups.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.root_group

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	k8s.effective(c, "runAsGroup") == 0
	msg := sprintf("%s runs with group 0 (root)", [k8s.describe(c)])
	res := k8s.result(msg, k8s.effective_path(c, "runAsGroup"))
}

deny contains res if {
	some p in k8s.pods
	p.spec.securityContext.fsGroup == 0
	msg := sprintf("%s sets fsGroup 0 (root)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "fsGroup"]))
}

deny contains res if {
	some p in k8s.pods
	some i, group in p.spec.securityContext.supplementalGroups
	group == 0
	msg := sprintf("%s adds supplemental group 0 (root)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "supplementalGroups", i]))
}
