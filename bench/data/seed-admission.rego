package kubernetes.admission

deny[msg] {
	input.request.kind.kind == "Pod"
	not input.request.object.spec.containers[_].securityContext.runAsNonRoot
	msg := "Containers must not run as root"
}
