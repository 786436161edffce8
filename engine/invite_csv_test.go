package engine_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/triada-kpss/triada/engine"
)

// rowsOf is what a test compares of parsed rows: line, name, IČO, e-mail
// and problems.
func rowsOf(rows []engine.InviteRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%d|%s|%s|%s|%s", r.Line, r.Name, r.ICO, r.Email, strings.Join(r.Problems, ",")))
	}
	return out
}

func TestParseInviteList(t *testing.T) {
	win1250 := func(s string) string {
		b, err := charmap.Windows1250.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, data string
		want       []string
	}{
		{"UTF8Comma", "Charita Slaný,25669087,reditel@charita.cz\nDiakonie,45197458,info@diakonie.cz\n",
			[]string{"1|Charita Slaný|25669087|reditel@charita.cz|", "2|Diakonie|45197458|info@diakonie.cz|"}},
		{"BOMHeaderSemicolon", "\ufeffNázev;IČO;E-mail\r\nCharita Slaný;25669087;Reditel@Charita.cz\r\n",
			[]string{"2|Charita Slaný|25669087|reditel@charita.cz|"}},
		{"Windows1250", win1250("název;ičo;e-mail\nDomov pro seniory Žďár;00064581;domov@zdar.cz\nSpolek Šťastná;70892041;spolek@example.cz\n"),
			[]string{"2|Domov pro seniory Žďár|00064581|domov@zdar.cz|", "3|Spolek Šťastná|70892041|spolek@example.cz|"}},
		{"HeaderInAnotherOrder", "E-mail,IČO,Název poskytovatele\nreditel@charita.cz,25669087,Charita\n",
			[]string{"2|Charita|25669087|reditel@charita.cz|"}},
		{"QuotedSeparatorAndBlankLines", "\"Charita, o.p.s.\";25669087;reditel@charita.cz\n\n;;\n",
			[]string{"1|Charita, o.p.s.|25669087|reditel@charita.cz|"}},
		{"SpacesInICO", "Charita;256 69 087;reditel@charita.cz\n", []string{"1|Charita|25669087|reditel@charita.cz|"}},
		{"BadRows", strings.Join([]string{
			"Charita;25669088;reditel@charita.cz", // check digit
			"Diakonie;45197458;není e-mail",
			";70892041;spolek@example.cz",
			"Charita znovu;25669087;reditel@charita.cz",
			"Dvojí IČO;70892041;jiny@example.cz",
			"Jen dva sloupce;00064581",
			"Čtyři;00064581;ctyri@example.cz;navíc",
		}, "\n"), []string{
			"1|Charita|25669088|reditel@charita.cz|ico",
			"2|Diakonie|45197458|není e-mail|email",
			"3||70892041|spolek@example.cz|name",
			"4|Charita znovu|25669087|reditel@charita.cz|duplicate_email",
			"5|Dvojí IČO|70892041|jiny@example.cz|duplicate_ico",
			"6|Jen dva sloupce|00064581||columns,email",
			"7|Čtyři|00064581|ctyri@example.cz|columns,duplicate_ico",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := engine.ParseInviteList([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := rowsOf(rows); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}

	t.Run("ErrInviteFile", func(t *testing.T) {
		for name, data := range map[string]string{
			"Empty":      "",
			"HeaderOnly": "název;ičo;e-mail\n",
			"UTF16":      "\xff\xfeN\x00a\x00",
			"BadQuote":   "\"Charita;25669087;reditel@charita.cz\n",
			"TooLong":    strings.Repeat("Charita;25669087;reditel@charita.cz\n", engine.MaxInviteRows+1),
		} {
			if _, err := engine.ParseInviteList([]byte(data)); !errors.Is(err, engine.ErrInviteFile) {
				t.Errorf("%s: got %v, want ErrInviteFile", name, err)
			}
		}
	})
}
