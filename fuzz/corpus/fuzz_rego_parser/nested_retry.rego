package seeds

x := [[[a | b, 1] | b, 1] | b, 1]
y := {{a: b | c}: {d | e, f} | g}
