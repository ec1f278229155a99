package rampart.docker.add_remote_test

import rego.v1

import data.rampart.docker.add_remote as check
import data.rampart.lib.fixtures as fx

test_remote_add_denied if {
	count(check.deny) == 1 with input as fx.dockerfile_with([fx.instruction("add", "https://example.com/tool.tgz /opt/")])
}

test_checksummed_and_local_allowed if {
	checked := object.union(fx.instruction("add", "https://example.com/t.tgz /opt/"), {"flags": ["--checksum=sha256:abc"]})
	count(check.deny) == 0 with input as fx.dockerfile_with([checked, fx.instruction("add", "rootfs.tar.gz /")])
}
