package fuzz.v0

deny[msg] {
	input.request.kind.kind == "Pod"
	not input.request.object.spec.containers[_].securityContext.runAsNonRoot
	msg := "Containers must not run as root"
}

p[k] = v { v := input.n[k] }
q = x { x := count(input.n) } else = 0 { true }
