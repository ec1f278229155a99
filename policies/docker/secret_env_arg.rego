# METADATA
# title: "Credential in ENV or ARG"
# description: >-
#   ENV values are stored in the image and ARG values in its history; a
#   password, token or key set there is readable by anyone who can pull
#   the image.
# custom:
#   id: RP-DF-012
#   severity: HIGH
#   input: dockerfile
#   remediation: >-
#     Pass secrets with RUN --mount=type=secret (BuildKit) and read them at
#     run time from the environment or a mounted file.
#   references:
#   - https://docs.docker.com/reference/dockerfile/#env
#   - https://docs.docker.com/build/building/secrets/
package rampart.docker.secret_env_arg

import rego.v1

import data.rampart.lib.docker

pattern := `(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)`

suffix := `(?i)(_file|_path|_dir|_url)$`

all_instructions contains {"instruction": ins, "path": ["args", i]} if {
	some i, ins in object.get(input, "args", [])
}

all_instructions contains i if {
	some i in docker.instructions
}

deny contains res if {
	some i in all_instructions
	i.instruction.cmd in {"env", "arg"}
	some pair in i.instruction.pairs
	regex.match(pattern, pair.key)
	not regex.match(suffix, pair.key)
	suspicious(i.instruction.cmd, pair.value)
	msg := sprintf("Line %d: %s %s holds a credential", [i.instruction.start_line, upper(i.instruction.cmd), pair.key])
	res := docker.result(msg, i.path)
}

# An ARG named like a secret is one even without a default: its value ends
# up in the image history. An ENV counts when it has a literal value.
suspicious("arg", _) := true

suspicious("env", value) if {
	is_string(value)
	value != ""
	not startswith(value, "$")
}
