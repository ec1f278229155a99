# METADATA
# title: "Windows HostProcess container"
# description: >-
#   A Windows HostProcess container runs directly on the node with the
#   node's privileges. Pod Security Standards (baseline) forbid it.
# custom:
#   id: RP-K8S-013
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove windowsOptions.hostProcess or set it to false.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.host_process

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	c.container.securityContext.windowsOptions.hostProcess == true
	msg := sprintf("%s is a Windows HostProcess container", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "windowsOptions", "hostProcess"]))
}

deny contains res if {
	some p in k8s.pods
	p.spec.securityContext.windowsOptions.hostProcess == true
	msg := sprintf("%s runs Windows HostProcess containers", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "windowsOptions", "hostProcess"]))
}
