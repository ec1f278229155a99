# METADATA
# title: "Unsafe sysctl"
# description: >-
#   Sysctls outside the safe, namespaced set change kernel settings for
#   the whole node. Pod Security Standards (baseline) allow only the safe
#   set.
# custom:
#   id: RP-K8S-012
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove the sysctl from spec.securityContext.sysctls, or set it on the
#     node instead.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
package rampart.k8s.sysctls

import rego.v1

import data.rampart.lib.k8s

safe := {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
}

deny contains res if {
	some p in k8s.pods
	some i, sysctl in p.spec.securityContext.sysctls
	name := object.get(sysctl, "name", "")
	not safe[name]
	msg := sprintf("%s sets unsafe sysctl %q", [k8s.object_label, name])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "sysctls", i]))
}
