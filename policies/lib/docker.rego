# METADATA
# title: Dockerfile helpers for rampart's checks
# description: >-
#   Walks the document rampart's Dockerfile reader produces (stages of
#   instructions, see include/rampart/document/dockerfile.h) and gives each
#   instruction with its JSON path.
package rampart.lib.docker

import rego.v1

stages := object.get(input, "stages", [])

# The stage the image is built from: the last one.
final_stage_index := count(stages) - 1 if count(stages) > 0

final_stage := stages[final_stage_index]

# Names of the stages, so `FROM build` is known to be a local stage.
stage_names contains lower(s.name) if {
	some s in stages
	is_string(s.name)
}

# Every instruction after FROM, with its stage and path.
instructions contains {"instruction": ins, "stage": s, "path": ["stages", si, "instructions", ii]} if {
	some si, s in stages
	some ii, ins in s.instructions
}

# Instructions of one keyword ("run", "user", ...).
commands(cmd) := {i | some i in instructions; i.instruction.cmd == cmd}

# The FROM instruction of every stage, with its path.
froms contains {"stage": s, "path": ["stages", si, "from"]} if {
	some si, s in stages
}

# The base image split into name, tag and digest.
image_parts(image) := {"name": name, "tag": tag, "digest": digest} if {
	at := split(image, "@")
	digest := concat("@", array.slice(at, 1, count(at)))
	name_tag := at[0]
	tag := tag_of(name_tag)
	name := trim_suffix(name_tag, concat("", [":", tag]))
}

# The tag is what follows the last ':' after the last '/' (a registry port
# is not a tag).
tag_of(name_tag) := tag if {
	parts := split(name_tag, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	pieces := split(last, ":")
	tag := pieces[count(pieces) - 1]
} else := ""

# Whether a FROM names a real image (not scratch, a stage, or a variable the
# reader could not resolve).
external_image(s) if {
	image := s.image
	image != ""
	lower(image) != "scratch"
	not lower(image) in stage_names
	not contains(image, "$")
}

result(msg, path) := {"msg": msg, "path": path}
