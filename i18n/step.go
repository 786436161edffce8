package i18n

// Step writes the progress through a questionnaire: "Krok 2 ze 4",
// "Krok 2 zo 4", "Step 2 of 4". Czech and Slovak say "z" as "ze" or "zo"
// before numbers that are hard to say after it; the catalog's
// "progress.vocalised" holds that form.
func (p *Printer) Step(n, of int) string {
	key := "progress"
	if vocalised(p.lang, of) {
		key = "progress.vocalised"
	}
	return p.T(key, n, of)
}

// vocalised reports whether the preposition "z" before n, read as a
// word in the genitive, becomes "ze" (Czech: ze dvou, ze tří, ze čtyř, ze
// šesti, ze sedmi, ze sta) or "zo" (Slovak: zo štyroch, zo šiestich, zo
// siedmich).
func vocalised(lang string, n int) bool {
	var units map[int]bool
	var teens map[int]bool
	switch lang {
	case "cs":
		units = map[int]bool{2: true, 3: true, 4: true, 6: true, 7: true}
		teens = map[int]bool{12: true, 13: true, 14: true, 16: true, 17: true}
	case "sk":
		units = map[int]bool{4: true, 6: true, 7: true}
		teens = map[int]bool{14: true, 16: true, 17: true}
	default:
		return false
	}
	switch {
	case n < 0:
		return false
	case n < 10:
		return units[n]
	case n < 20:
		return teens[n]
	case n < 100:
		return units[n/10]
	case n < 200:
		return true // sto
	case n < 1000:
		return units[n/100]
	}
	return false
}
