# METADATA
# title: "Container binds a host port"
# description: >-
#   A hostPort binds the container to a port of the node itself, bypassing
#   network policies and limiting scheduling. Pod Security Standards
#   (baseline) forbid host ports.
# custom:
#   id: RP-K8S-006
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove hostPort from the container's ports and expose the pod through
#     a Service.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.host_ports

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	some i, port in c.container.ports
	object.get(port, "hostPort", 0) != 0
	msg := sprintf("%s binds host port %v", [k8s.describe(c), port.hostPort])
	res := k8s.result(msg, array.concat(c.path, ["ports", i, "hostPort"]))
}
