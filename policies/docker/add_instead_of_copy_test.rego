package rampart.docker.add_instead_of_copy_test

import rego.v1

import data.rampart.docker.add_instead_of_copy as check
import data.rampart.lib.fixtures as fx

test_plain_add_denied if {
	count(check.deny) == 1 with input as fx.dockerfile_with([fx.instruction("add", "app.py config.yaml /app/")])
}

test_archive_and_url_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("add", "rootfs.tar.xz /"), fx.instruction("add", "https://example.com/a /a")])
}
