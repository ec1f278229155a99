# METADATA
# title: "Seccomp profile explicitly unconfined"
# description: >-
#   A seccomp profile limits the system calls a container can make.
#   Setting it to Unconfined exposes the whole kernel interface. Pod
#   Security Standards (baseline) forbid it.
# custom:
#   id: RP-K8S-011
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set seccompProfile.type to RuntimeDefault or Localhost.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
package rampart.k8s.seccomp_unconfined

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	c.container.securityContext.seccompProfile.type == "Unconfined"
	msg := sprintf("%s runs with seccomp Unconfined", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "seccompProfile", "type"]))
}

deny contains res if {
	some p in k8s.pods
	p.spec.securityContext.seccompProfile.type == "Unconfined"
	msg := sprintf("%s runs its containers with seccomp Unconfined", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "seccompProfile", "type"]))
}

deny contains res if {
	some p in k8s.pods
	some key, value in p.metadata.annotations
	startswith(key, "seccomp.security.alpha.kubernetes.io/")
	value == "unconfined"
	msg := sprintf("%s disables seccomp through annotation %q", [k8s.object_label, key])
	res := k8s.result(msg, array.concat(p.metadata_path, ["annotations", key]))
}
