package handlers_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/engine"
)

const dataSurvey = `id: needs-2027
title: "Průzkum potřeb"
audience: resident
pages:
  - questions:
      - id: municipality
        type: choice
        text: "Obec"
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: dyje, label: "Dyje"}
      - id: quality
        type: scale
        text: "Spokojenost"
        min: 1
        max: 5
      - id: remarks
        type: text
        text: "Poznámky"
        tags: [families]
`

const dataSurvey2023 = `id: needs-2023
title: "Průzkum potřeb 2023"
audience: resident
pages:
  - questions:
      - id: municipality
        type: choice
        text: "Obec"
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: dyje, label: "Dyje"}
      - id: quality
        type: scale
        text: "Spokojenost"
        min: 1
        max: 5
`

// get sends a GET and returns the status, the Content-Type and the body,
// whatever the body is.
func (c *client) get(path, token string) (int, string, []byte) {
	c.tb.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		c.tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// mustDataSurvey creates both surveys with a few responses and returns
// the tokens of a coordinator and of a member of no group, and the ids
// of the 2027 responses.
func mustDataSurvey(t *testing.T) (c *client, coord, member string, ids []string) {
	c = mustServe(t)
	coord = c.token("k@example.cz", engine.RoleCoordinator)
	member = c.token("m@example.cz", engine.RoleMember)
	c.want(201, "POST", "/questionnaires", coord, dataSurvey)
	c.want(201, "POST", "/questionnaires", coord, dataSurvey2023)
	for _, body := range []string{
		`{"answers": {"municipality": "znojmo", "quality": 4, "remarks": "Chybí DOPRAVA, hlavně večer."}}`,
		`{"answers": {"municipality": "dyje", "quality": 2, "remarks": "=HYPERLINK(\"x\")"}}`,
		`{"answers": {"municipality": "znojmo", "quality": 5}}`,
		`{"answers": {"municipality": "dyje", "remarks": "Děkuji"}}`,
	} {
		ids = append(ids, field(c.want(201, "POST", "/questionnaires/needs-2027/responses", "", body), "id").(string))
	}
	for _, body := range []string{`{"answers": {"municipality": "znojmo", "quality": 3}}`, `{"answers": {"municipality": "znojmo", "quality": 1}}`} {
		c.want(201, "POST", "/questionnaires/needs-2023/responses", "", body)
	}
	return c, coord, member, ids
}

func TestAPI_TextAnswers(t *testing.T) {
	c, coord, member, ids := mustDataSurvey(t)
	const answers = "/questionnaires/needs-2027/questions/remarks/answers"

	page := c.want(200, "GET", answers, coord, "")
	if field(page, "total") != 3.0 || field(page, "answers", 0, "response_id") != ids[0] || field(page, "answers", 2, "text") != "Děkuji" {
		t.Fatalf("all answers: %v", page)
	}
	page = c.want(200, "GET", answers+"?search=doprava&filter=municipality:znojmo", coord, "")
	if field(page, "total") != 1.0 || field(page, "answers", 0, "text") != "Chybí DOPRAVA, hlavně večer." {
		t.Errorf("search and filter: %v", page)
	}
	page = c.want(200, "GET", answers+"?offset=2&limit=1", coord, "")
	if field(page, "total") != 3.0 || len(field(page, "answers").([]any)) != 1 || field(page, "answers", 0, "text") != "Děkuji" {
		t.Errorf("third page of one: %v", page)
	}

	codes := "/questionnaires/needs-2027/questions/remarks/answers/" + ids[0] + "/codes"
	coding := c.want(200, "POST", codes, coord, `{"add": ["doprava", "večer"]}`)
	if fmt.Sprint(field(coding, "codes")) != "[doprava večer]" || field(coding, "version") != 1.0 {
		t.Fatalf("coding: %v", coding)
	}
	c.want(200, "POST", codes, coord, `{"remove": ["večer"], "version": 1}`)
	c.want(409, "POST", codes, coord, `{"add": ["x"], "version": 1}`)
	c.want(200, "POST", "/questionnaires/needs-2027/questions/remarks/answers/"+ids[3]+"/codes", coord, `{"add": ["doprava"]}`)
	page = c.want(200, "GET", answers, coord, "")
	if fmt.Sprint(field(page, "answers", 0, "codes"), field(page, "answers", 0, "version")) != "[doprava] 2" ||
		fmt.Sprint(field(page, "code_list")) != "[map[count:2 value:doprava]]" {
		t.Errorf("codes in the listing: %v", page)
	}

	// Results count the codes, the contract's fields unchanged.
	res := c.want(200, "GET", "/questionnaires/needs-2027/results?segment=municipality", member, "")
	rm := field(res, "questions", 2)
	if field(rm, "id") != "remarks" || field(rm, "answered") != 3.0 || field(rm, "options") != nil ||
		fmt.Sprint(field(rm, "codes")) != "[map[count:2 share:0.6666666666666666 value:doprava]]" || field(rm, "coded") != 2.0 {
		t.Errorf("remarks in results: %v", rm)
	}
	if fmt.Sprintf("%v %v", field(rm, "segments", 1, "value"), field(rm, "segments", 1, "codes", 0, "count")) != "dyje 1" {
		t.Errorf("remarks codes by municipality: %v", field(rm, "segments"))
	}

	// A member reads and codes once in a group the question is relevant to.
	c.want(403, "GET", answers, member, "")
	c.want(403, "POST", codes, member, `{"add": ["x"]}`)
	c.want(201, "POST", "/groups", coord, `{"id": "families", "name": "Rodiny", "tags": ["families"]}`)
	c.want(200, "POST", "/groups/families/members", coord, `{"email": "m@example.cz"}`)
	c.want(200, "GET", answers, member, "")
	c.want(200, "POST", codes, member, `{"add": ["rodiny"]}`)

	for _, e := range []struct {
		method, path, body string
		token              string
		status             int
		field              string
	}{
		{"GET", answers, "", "", 401, ""},
		{"GET", "/questionnaires/nope/questions/remarks/answers", "", coord, 404, ""},
		{"GET", "/questionnaires/needs-2027/questions/nope/answers", "", coord, 404, ""},
		{"GET", "/questionnaires/needs-2027/questions/quality/answers", "", coord, 422, "question"},
		{"GET", answers + "?offset=abc", "", coord, 422, "offset"},
		{"GET", answers + "?offset=-1", "", coord, 422, "offset"},
		{"GET", answers + "?limit=0", "", coord, 422, "limit"},
		{"GET", answers + "?limit=501", "", coord, 422, "limit"},
		{"GET", answers + "?limit=99999999999999999999", "", coord, 422, "limit"},
		{"GET", answers + "?filter=municipality:brno", "", coord, 422, "filter"},
		{"GET", answers + "?filter=bad", "", coord, 422, "filter"},
		{"GET", answers + "?search=" + strings.Repeat("x", 201), "", coord, 422, "search"},
		{"GET", answers + "?search=%ff", "", coord, 400, ""}, // the router refuses a query that is not UTF-8
		{"POST", codes, `{"add": [""]}`, coord, 422, "add[0]"},
		{"POST", codes, `{}`, coord, 422, "add"},
		{"POST", codes, `{"add": "doprava"}`, coord, 422, ""},
		{"POST", codes, `{"add": [`, coord, 400, ""},
		{"POST", codes, `{"add": ["x"], "version": -1}`, coord, 422, "version"},
		{"POST", "/questionnaires/needs-2027/questions/remarks/answers/nope/codes", `{"add": ["x"]}`, coord, 404, ""},
		{"POST", "/questionnaires/needs-2027/questions/remarks/answers/" + ids[2] + "/codes", `{"add": ["x"]}`, coord, 404, ""},
		{"POST", "/questionnaires/needs-2027/questions/quality/answers/" + ids[0] + "/codes", `{"add": ["x"]}`, coord, 422, "question"},
		{"POST", "/questionnaires/needs-2023/questions/remarks/answers/" + ids[0] + "/codes", `{"add": ["x"]}`, coord, 404, ""},
		{"POST", codes, `{"add": ["x"]}`, "", 401, ""},
	} {
		t.Run(fmt.Sprintf("%s %s %s", e.method, e.path, e.body), func(t *testing.T) {
			status, v := c.call(e.method, e.path, e.token, "application/json", e.body)
			if status != e.status {
				t.Fatalf("status %d, want %d: %v", status, e.status, v)
			}
			if e.field != "" && fmt.Sprint(errorFields(v)) != "["+e.field+"]" {
				t.Errorf("errors %v, want the field %s", v, e.field)
			}
		})
	}
}

func TestAPI_Export(t *testing.T) {
	c, coord, member, ids := mustDataSurvey(t)
	c.want(200, "POST", "/questionnaires/needs-2027/questions/remarks/answers/"+ids[0]+"/codes", coord, `{"add": ["doprava", "večer"]}`)

	status, ct, body := c.get("/questionnaires/needs-2027/export.csv?filter=municipality:znojmo", coord)
	if status != 200 || ct != "text/csv; charset=utf-8" || !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Fatalf("CSV: %d %q %q", status, ct, body)
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || fmt.Sprint(rows[0]) != "[id created_at municipality quality remarks remarks#codes]" ||
		fmt.Sprintf("%q", rows[1][2:]) != `["znojmo" "4" "Chybí DOPRAVA, hlavně večer." "doprava; večer"]` ||
		fmt.Sprintf("%q", rows[2][2:]) != `["znojmo" "5" "" ""]` {
		t.Errorf("CSV rows: %q", rows)
	}
	_, _, body = c.get("/questionnaires/needs-2027/export.csv", coord)
	if !strings.Contains(string(body), `"'=HYPERLINK(""x"")"`) {
		t.Errorf("a formula typed as an answer is not defused: %s", body)
	}
	_, _, body = c.get("/questionnaires/needs-2027/export.csv", member)
	if strings.Contains(string(body), "remarks") || strings.Contains(string(body), "Děkuji") {
		t.Errorf("a member of no group sees free text: %s", body)
	}

	status, ct, body = c.get("/questionnaires/needs-2027/export.xlsx", coord)
	if status != 200 || ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("XLSX: %d %q", status, ct)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	xrows, err := wb.GetRows("responses")
	if err != nil || len(xrows) != 6 || xrows[2][0] != ids[0] {
		t.Errorf("XLSX responses: %q %v", xrows, err)
	}
	if v, _ := wb.GetCellValue("municipality", "B5"); v != "4" { // answered
		t.Errorf("XLSX summary of municipality: answered %q", v)
	}

	status, ct, body = c.get("/questionnaires/needs-2027/export.json?filter=quality:2", coord)
	if status != 200 || ct != "application/json; charset=utf-8" || !strings.Contains(string(body), `"municipality":"dyje"`) ||
		strings.Count(string(body), `"id"`) != 1 {
		t.Errorf("JSON: %d %q %s", status, ct, body)
	}

	for _, e := range []struct {
		path, token string
		status      int
	}{
		{"/questionnaires/needs-2027/export.csv", "", 401},
		{"/questionnaires/nope/export.csv", coord, 404},
		{"/questionnaires/nope/export.xlsx", coord, 404},
		{"/questionnaires/nope/export.json", coord, 404},
		{"/questionnaires/needs-2027/export.csv?filter=quality:good", coord, 422},
		{"/questionnaires/needs-2027/export.xlsx?filter=remarks:x", coord, 422},
		{"/questionnaires/needs-2027/export.csv?lang=de", coord, 422},
		{"/questionnaires/needs-2027/export.pdf", coord, 404},
	} {
		t.Run(e.path, func(t *testing.T) {
			status, v := c.call("GET", e.path, e.token, "", "")
			if status != e.status {
				t.Errorf("status %d, want %d: %v", status, e.status, v)
			}
		})
	}
}

func TestAPI_Compare(t *testing.T) {
	c, coord, member, _ := mustDataSurvey(t)
	cmp := c.want(200, "GET", "/questionnaires/needs-2027/compare?with=needs-2023", member, "")
	m := field(cmp, "questions", 0)
	// znojmo: 2 of 4 now, 2 of 2 then: -50 percentage points.
	if field(cmp, "total") != 4.0 || field(cmp, "with_total") != 2.0 || field(m, "id") != "municipality" ||
		fmt.Sprint(field(m, "options", 0, "value"), field(m, "options", 0, "change"), field(m, "options", 0, "in")) != "znojmo-50both" {
		t.Errorf("comparison: %v", cmp)
	}
	q := field(cmp, "questions", 1)
	if fmt.Sprintf("%.6f %v %.6f", field(q, "mean"), field(q, "with_mean"), field(q, "mean_change")) != "3.666667 2 1.666667" {
		t.Errorf("quality: %v", q)
	}
	if field(cmp, "skipped") == nil {
		t.Errorf("no skipped list: %v", cmp)
	}
	c.want(200, "GET", "/questionnaires/needs-2027/compare?with=needs-2023&filter=municipality:dyje", coord, "")
	for _, e := range []struct {
		path, token string
		status      int
	}{
		{"/questionnaires/needs-2027/compare?with=needs-2023", "", 401},
		{"/questionnaires/needs-2027/compare", coord, 422},
		{"/questionnaires/needs-2027/compare?with=needs-2027", coord, 422},
		{"/questionnaires/needs-2027/compare?with=nope", coord, 404},
		{"/questionnaires/nope/compare?with=needs-2023", coord, 404},
		{"/questionnaires/needs-2027/compare?with=needs-2023&filter=remarks:x", coord, 422},
	} {
		t.Run(e.path, func(t *testing.T) {
			status, v := c.call("GET", e.path, e.token, "", "")
			if status != e.status {
				t.Errorf("status %d, want %d: %v", status, e.status, v)
			}
		})
	}
}
