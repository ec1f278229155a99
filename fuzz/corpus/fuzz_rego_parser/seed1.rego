package fuzz

import rego.v1

default allow := false

allow if {
	input.user == "admin"
	some role in input.roles
	role == "writer"
}

deny contains msg if {
	c := input.request.object.spec.containers[_]
	not c.securityContext.runAsNonRoot
	msg := sprintf("%s runs as root", [c.name])
}

p.q[x] := y if {
	some x, y in {"a": 1}
}

f(x) := x + 1
s := {x | x := [1, 2, 3][_]; x > 1}
o := {k: v | some k, v in {"a": 1}}
e if every x in [1, 2] { x > 0 }
t := true if { false } else := false
