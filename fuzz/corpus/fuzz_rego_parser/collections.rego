package seeds

a := {1}
b := {2}
list := [a | b, 5]
compr := [a | b]
obj := {"k": b | a}
set_of := {a | b, {3}}
p if { k: v | some k, v in {"x": 1} }
q if { 1 | 1 }
default d := [x | x := 1]
m := x if { x := 0, 2 in [5, 6] }
