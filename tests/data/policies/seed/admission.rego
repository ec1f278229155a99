# The seed-era admission rule, unchanged, in a package of its own; used by
# tests/cli/cli_test.cc to check `rampart scan --namespace`.
package kubernetes.admission

deny[msg] {
	input.request.kind.kind == "Pod"
	not input.request.object.spec.containers[_].securityContext.runAsNonRoot
	msg := "Containers must not run as root"
}
