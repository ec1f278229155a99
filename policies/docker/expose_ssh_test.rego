package rampart.docker.expose_ssh_test

import rego.v1

import data.rampart.docker.expose_ssh as check
import data.rampart.lib.fixtures as fx

expose(ports) := object.union(fx.instruction("expose", "x"), {"ports": ports})

test_ssh_denied if {
	count(check.deny) == 1 with input as fx.dockerfile_with([expose(["80", "22/tcp"])])
}

test_http_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([expose(["8080", "2222"])])
}
