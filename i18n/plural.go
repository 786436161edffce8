package i18n

// PluralForm returns which form of a counted text fits n in lang: for
// Czech and Slovak 0 for 1, 1 for 2 to 4, 2 otherwise (0 and 5 on, and
// negative numbers by their absolute value); for English 0 for 1 and 1
// otherwise.
func PluralForm(lang string, n int) int {
	if n < 0 {
		n = -n
	}
	switch lang {
	case "cs", "sk":
		switch {
		case n == 1:
			return 0
		case n >= 2 && n <= 4:
			return 1
		}
		return 2
	}
	if n == 1 {
		return 0
	}
	return 1
}

// pluralForms is how many forms a counted text has in lang.
func pluralForms(lang string) int {
	if lang == "cs" || lang == "sk" {
		return 3
	}
	return 2
}
