package rampart.docker.curl_pipe_shell_test

import rego.v1

import data.rampart.docker.curl_pipe_shell as check
import data.rampart.lib.fixtures as fx

test_bad_run_denied if {
	denied := check.deny with input as fx.dockerfile_with([fx.instruction("run", "curl -fsSL https://get.example.com | sh -s -- -y")])
	some r in denied
	r.path == ["stages", 0, "instructions", 0]
}

test_good_run_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("run", "curl -fsSLo /tmp/i.sh https://get.example.com && sha256sum -c sums && sh /tmp/i.sh")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
