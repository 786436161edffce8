package engine

// ValidICO reports whether s is a Czech or Slovak company number (IČO):
// eight digits whose last is the weighted mod-11 check digit of the first
// seven (weights 8 down to 2; remainder 0 gives 1, 1 gives 0, else 11-r).
func ValidICO(s string) bool {
	if len(s) != 8 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i < 7 {
			sum += int(s[i]-'0') * (8 - i)
		}
	}
	var check int
	switch r := sum % 11; r {
	case 0:
		check = 1
	case 1:
		check = 0
	default:
		check = 11 - r
	}
	return int(s[7]-'0') == check
}
