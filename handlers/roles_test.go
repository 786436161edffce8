package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// Who tries each route, in the order of the expected statuses.
const (
	asAnonymous = iota
	asMember
	asCoordinator
	asAdmin
)

// routeRoles is the status every route answers to an anonymous visitor,
// a member of a working group, a coordinator and an admin, each sending
// a valid CSRF token (pages) or their API token (API) and an empty form
// or body. Every route of the engine must be here: a new route fails
// TestRolesOnEveryRoute until its expected statuses are written down.
//
// Pages under /work send anonymous GETs to sign in (303) and refuse
// anonymous POSTs (401); the API answers 401 without a token and 403 to
// a role that may not act. 404 and 422 mean the role passed and the
// (deliberately empty or unknown) input did not.
var routeRoles = map[string][4]int{
	// Public pages and files.
	"GET /":                {200, 200, 200, 200},
	"GET /accessibility":   {200, 200, 200, 200},
	"GET /privacy":         {200, 200, 200, 200},
	"GET /providers":       {200, 200, 200, 200},
	"GET /providers/print": {200, 200, 200, 200},
	"GET /providers/:id":   {404, 404, 404, 404},
	"GET /providers.csv":   {200, 200, 200, 200},
	"GET /providers.json":  {200, 200, 200, 200},
	"GET /codelists.json":  {200, 200, 200, 200},
	"GET /static/:name":    {200, 200, 200, 200},
	"GET /healthz":         {200, 200, 200, 200},
	"HEAD /healthz":        {200, 200, 200, 200},
	"GET /q/:id":           {200, 200, 200, 200},
	"GET /q/:id/page/:n":   {200, 200, 200, 200},
	"GET /q/:id/saved":     {303, 303, 303, 303},
	"GET /q/:id/resume":    {404, 404, 404, 404},
	"GET /q/:id/thanks":    {303, 303, 303, 303},
	"POST /q/:id/page/:n":  {422, 422, 422, 422},
	"POST /q/:id/restart":  {303, 303, 303, 303},
	"GET /i/:token":        {404, 404, 404, 404},
	"GET /signin":          {200, 200, 200, 200},
	"POST /signin":         {401, 401, 401, 401},
	"POST /signout":        {303, 303, 303, 303},
	// The comment period's public pages (the consultation is open; the
	// settlement is not published yet), the resume link by e-mail, and
	// the page that sets a password from a link.
	"GET /c/:id":                     {200, 200, 200, 200},
	"GET /c/:id/outcomes":            {404, 404, 404, 404},
	"GET /c/:id/outcomes.csv":        {404, 404, 404, 404},
	"GET /c/:id/outcomes.xlsx":       {404, 404, 404, 404},
	"GET /c/:id/s/:section/comment":  {200, 200, 200, 200},
	"GET /c/:id/sent/:comment":       {200, 200, 200, 200},
	"GET /c/:id/comment":             {200, 200, 200, 200},
	"GET /password/:token":           {404, 404, 404, 404},
	"POST /q/:id/saved":              {303, 303, 303, 303},
	"POST /c/:id/comment":            {422, 422, 422, 422},
	"POST /c/:id/s/:section/comment": {422, 422, 422, 422},
	"POST /password/:token":          {404, 404, 404, 404},

	// The staff area.
	"GET /work":                                                  {303, 200, 200, 200},
	"GET /work/questionnaires":                                   {303, 403, 200, 200},
	"GET /work/questionnaires/new":                               {303, 403, 200, 200},
	"POST /work/questionnaires":                                  {401, 403, 422, 422},
	"GET /work/questionnaires/:id":                               {303, 403, 200, 200},
	"POST /work/questionnaires/:id":                              {401, 403, 400, 400},
	"POST /work/questionnaires/:id/window":                       {401, 403, 400, 400},
	"GET /work/questionnaires/:id/open":                          {303, 403, 200, 200},
	"POST /work/questionnaires/:id/open":                         {401, 403, 400, 400},
	"GET /work/questionnaires/:id/close":                         {303, 403, 200, 200},
	"POST /work/questionnaires/:id/close":                        {401, 403, 400, 400},
	"GET /work/questionnaires/:id/copy":                          {303, 403, 200, 200},
	"POST /work/questionnaires/:id/copy":                         {401, 403, 422, 422},
	"GET /work/questionnaires/:id/preview/:n":                    {303, 403, 200, 200},
	"POST /work/questionnaires/:id/preview/:n":                   {401, 403, 422, 422},
	"GET /work/audit":                                            {303, 403, 200, 200},
	"GET /work/audit.csv":                                        {303, 403, 200, 200},
	"GET /work/questionnaires/:id/text/:qid":                     {303, 403, 200, 200},
	"POST /work/questionnaires/:id/text/:qid/answers/:rid/codes": {401, 403, 422, 422},
	"GET /work/providers/drafts":                                 {303, 403, 200, 200},
	"GET /work/providers/drafts/:ico":                            {303, 403, 404, 404},
	"POST /work/providers/drafts/:ico/approve":                   {401, 403, 404, 404},
	"POST /work/providers/drafts/:ico/return":                    {401, 403, 404, 404},
	// Removing a member who is not in the group changes nothing and
	// succeeds (303); members see the comments assigned to their groups.
	"GET /work/personal-data":                              {303, 403, 200, 200},
	"GET /work/personal-data.json":                         {303, 403, 422, 422},
	"GET /work/personal-data/erase":                        {303, 403, 422, 422},
	"GET /work/people":                                     {303, 403, 403, 200},
	"GET /work/people/:id":                                 {303, 403, 403, 404},
	"GET /work/people/:id/remove":                          {303, 403, 403, 404},
	"GET /work/providers":                                  {303, 403, 200, 200},
	"GET /work/providers/:id/withdraw":                     {303, 403, 404, 404},
	"GET /work/questionnaires/:id/invitations":             {303, 403, 409, 409},
	"GET /work/questionnaires/:id/invitations/revoke":      {303, 403, 409, 409},
	"GET /work/consultations":                              {303, 403, 200, 200},
	"GET /work/consultations/new":                          {303, 403, 200, 200},
	"GET /work/consultations/:id/comments":                 {303, 200, 200, 200},
	"GET /work/consultations/:id/publish":                  {303, 403, 200, 200},
	"GET /work/consultations/:id/edit":                     {303, 403, 200, 200},
	"GET /work/comments":                                   {303, 200, 200, 200},
	"GET /work/comments/:id":                               {303, 403, 200, 200},
	"GET /work/reports":                                    {303, 200, 200, 200},
	"GET /work/reports/q/:id":                              {303, 200, 200, 200},
	"GET /work/reports/g/:group":                           {303, 200, 200, 200},
	"GET /work/groups":                                     {303, 403, 200, 200},
	"GET /work/groups/:id":                                 {303, 403, 200, 200},
	"GET /work/groups/:id/members/:user/remove":            {303, 403, 404, 404},
	"GET /work/outbox":                                     {303, 403, 200, 200},
	"POST /work/questionnaires/:id/invitations":            {401, 403, 409, 409},
	"POST /work/questionnaires/:id/invitations/remind":     {401, 403, 409, 409},
	"POST /work/questionnaires/:id/invitations/remind-all": {401, 403, 409, 409},
	"POST /work/questionnaires/:id/invitations/revoke":     {401, 403, 409, 409},
	"POST /work/questionnaires/:id/invitations/upload":     {401, 403, 409, 409},
	"POST /work/questionnaires/:id/invitations/import":     {401, 403, 409, 409},
	"POST /work/people":                                    {401, 403, 403, 422},
	"POST /work/people/:id/reset":                          {401, 403, 403, 404},
	"POST /work/people/:id/remove":                         {401, 403, 403, 404},
	"POST /work/people/:id/role":                           {401, 403, 403, 404},
	"POST /work/personal-data/erase":                       {401, 403, 422, 422},
	"POST /work/providers/:id/withdraw":                    {401, 403, 404, 404},
	"POST /work/providers/:id/restore":                     {401, 403, 404, 404},
	"POST /work/consultations/new":                         {401, 403, 422, 422},
	"POST /work/consultations/:id/triage":                  {401, 403, 422, 422},
	"POST /work/consultations/:id/publish":                 {401, 403, 422, 422},
	"POST /work/consultations/:id/edit":                    {401, 403, 422, 422},
	"POST /work/comments/:id/triage":                       {401, 403, 422, 422},
	"POST /work/comments/:id/decision":                     {401, 403, 409, 409},
	"POST /work/groups":                                    {401, 403, 422, 422},
	"POST /work/groups/:id":                                {401, 403, 422, 422},
	"POST /work/groups/:id/members":                        {401, 403, 422, 422},
	"POST /work/groups/:id/members/:user/remove":           {401, 403, 303, 303},
	"POST /work/outbox/retry":                              {401, 403, 404, 404},

	// The API.
	"GET /api/v1/questionnaires":                                        {200, 200, 200, 200},
	"POST /api/v1/questionnaires":                                       {401, 403, 422, 422},
	"GET /api/v1/questionnaires/:id":                                    {200, 200, 200, 200},
	"POST /api/v1/questionnaires/:id/responses":                         {422, 422, 422, 422},
	"GET /api/v1/questionnaires/:id/results":                            {401, 200, 200, 200},
	"GET /api/v1/questionnaires/:id/questions/:qid/answers":             {401, 403, 200, 200},
	"POST /api/v1/questionnaires/:id/questions/:qid/answers/:rid/codes": {401, 403, 422, 422},
	"GET /api/v1/questionnaires/:id/export.csv":                         {401, 200, 200, 200},
	"GET /api/v1/questionnaires/:id/export.xlsx":                        {401, 200, 200, 200},
	"GET /api/v1/questionnaires/:id/export.json":                        {401, 200, 200, 200},
	"GET /api/v1/questionnaires/:id/compare":                            {401, 422, 422, 422},
	"POST /api/v1/questionnaires/:id/invites":                           {401, 403, 422, 422},
	"GET /api/v1/questionnaires/:id/invites":                            {401, 403, 200, 200},
	"GET /api/v1/invite":                                                {404, 404, 404, 404},
	"POST /api/v1/groups":                                               {401, 403, 422, 422},
	"GET /api/v1/groups":                                                {401, 200, 200, 200},
	"POST /api/v1/groups/:id/members":                                   {401, 403, 422, 422},
	"GET /api/v1/groups/:id/results":                                    {401, 422, 422, 422},
	"GET /api/v1/groups/:id/supply":                                     {401, 200, 200, 200},
	"POST /api/v1/providers":                                            {401, 403, 422, 422},
	"GET /api/v1/providers":                                             {200, 200, 200, 200},
	"GET /api/v1/providers/:id":                                         {404, 404, 404, 404},
	"GET /api/v1/catalogue/drafts":                                      {401, 403, 200, 200},
	"GET /api/v1/catalogue/drafts/:ico":                                 {401, 403, 404, 404},
	"POST /api/v1/catalogue/drafts/:ico/approve":                        {401, 403, 404, 404},
	"POST /api/v1/catalogue/drafts/:ico/return":                         {401, 403, 422, 422},
	"GET /api/v1/codelists":                                             {200, 200, 200, 200},
	"POST /api/v1/consultations":                                        {401, 403, 422, 422},
	"GET /api/v1/consultations":                                         {200, 200, 200, 200},
	"GET /api/v1/consultations/:id":                                     {200, 200, 200, 200},
	"POST /api/v1/consultations/:id/comments":                           {422, 422, 422, 422},
	"GET /api/v1/consultations/:id/comments":                            {401, 200, 200, 200},
	"POST /api/v1/consultations/:id/publish":                            {401, 403, 409, 409},
	"GET /api/v1/consultations/:id/outcomes":                            {404, 404, 404, 404},
	"POST /api/v1/comments/:id/triage":                                  {401, 403, 422, 422},
	"POST /api/v1/comments/:id/decision":                                {401, 403, 409, 409},
	"GET /api/v1/personal-data":                                         {401, 403, 422, 422},
	"POST /api/v1/providers/:id/withdraw":                               {401, 403, 404, 404},
	"POST /api/v1/providers/:id/restore":                                {401, 403, 404, 404},
	"POST /api/v1/personal-data/erase":                                  {401, 403, 422, 422},
}

// routeParams are the values the path parameters take: things that
// exist where a role may see them, unknown ids where the answer for an
// allowed role is 404 anyway.
func routeParams(route string, comment string) map[string]string {
	p := map[string]string{"id": "all-types", "n": "1", "qid": "why_red", "rid": "unknown", "ico": "00234915",
		"token": "unknown-token", "name": "site.css", "group": "seniori", "user": "unknown", "section": "a", "comment": comment}
	switch {
	case strings.HasPrefix(route, "/api/v1/consultations/"), strings.HasPrefix(route, "/work/consultations/"), strings.HasPrefix(route, "/c/"):
		p["id"] = "plan-2027"
	case strings.HasPrefix(route, "/api/v1/comments/"), strings.HasPrefix(route, "/work/comments/"):
		p["id"] = comment
	case strings.HasPrefix(route, "/work/groups/"):
		p["id"] = "seniori"
	case strings.HasPrefix(route, "/work/people/"):
		p["id"] = "unknown"
	case strings.HasPrefix(route, "/api/v1/groups/"):
		p["id"] = "seniori"
	case strings.HasPrefix(route, "/providers/"), strings.HasPrefix(route, "/api/v1/providers/"):
		p["id"] = "unknown"
	}
	return p
}

// concrete fills a route pattern's parameters.
func concrete(route string, params map[string]string) string {
	parts := strings.Split(route, "/")
	for i, part := range parts {
		if name, ok := strings.CutPrefix(part, ":"); ok {
			parts[i] = url.PathEscape(params[name])
		}
	}
	return strings.Join(parts, "/")
}

func TestRolesOnEveryRoute(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ctx := context.Background()
	op := engine.Operator()
	if _, err := f.eng.CreateGroup(ctx, op, engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}}); err != nil {
		t.Fatal(err)
	}
	now := f.clock.Now()
	if _, err := f.eng.CreateConsultation(ctx, op, engine.ConsultationInput{ID: "plan-2027", Title: "Plán",
		Sections: []engine.SectionInput{{ID: "a", Title: "Úvod", Text: "Text"}}, OpensAt: now.Add(-60e9), ClosesAt: now.Add(3600e9)}); err != nil {
		t.Fatal(err)
	}
	cm, err := f.eng.SubmitComment(ctx, "plan-2027", engine.CommentInput{Section: "a", Text: "Připomínka",
		Author: engine.AuthorInput{Name: "Jana", Email: "jana@example.cz"}})
	if err != nil {
		t.Fatal(err)
	}

	// One browser and one API token per role; the anonymous browser has
	// a CSRF cookie and no session.
	emails := []string{"", "clen@slany.cz", "koordinator@slany.cz", "spravce@slany.cz"}
	roles := []engine.Role{"", engine.RoleMember, engine.RoleCoordinator, engine.RoleAdmin}
	browsers := make([]*visitor, 4)
	tokens := make([]string, 4)
	browsers[asAnonymous] = f.visitor(t)
	for who := asMember; who <= asAdmin; who++ {
		browsers[who] = f.signedIn(t, emails[who], roles[who])
		if tokens[who], err = f.eng.CreateToken(ctx, emails[who]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.eng.AddGroupMember(ctx, op, "seniori", emails[asMember]); err != nil {
		t.Fatal(err)
	}

	routes := f.srv.Config.Handler.(*gin.Engine).Routes()
	// Signing out ends the sessions the other routes need: it goes last.
	slices.SortStableFunc(routes, func(a, b gin.RouteInfo) int {
		return boolInt(a.Path == "/signout") - boolInt(b.Path == "/signout")
	})
	var missing, wrong []string
	for _, r := range routes {
		key := r.Method + " " + r.Path
		want, ok := routeRoles[key]
		path := concrete(r.Path, routeParams(r.Path, cm.ID))
		var got [4]int
		for who := range 4 {
			got[who] = tryRoute(browsers[who], tokens[who], r.Method, path)
		}
		if !ok {
			// What it answers now, to review (never to paste unread).
			missing = append(missing, fmt.Sprintf("%q: {%d, %d, %d, %d}, // answers now, as %s", key, got[0], got[1], got[2], got[3], path))
			continue
		}
		if got != want {
			wrong = append(wrong, fmt.Sprintf("%q: got %v, want %v (as %s)", key, got, want, path))
		}
		// Every form of the pages carries a CSRF token: a forged one is refused.
		if r.Method == http.MethodPost && !strings.HasPrefix(r.Path, "/api/") {
			if status := browsers[asCoordinator].post(path, url.Values{"csrf_token": {"forged"}}).status; status != http.StatusForbidden {
				wrong = append(wrong, fmt.Sprintf("%q with a forged CSRF token: got %d, want 403", key, status))
			}
		}
	}
	for _, m := range missing {
		t.Errorf("a route is not in routeRoles: write down who may use it; %s", m)
	}
	for _, w := range wrong {
		t.Error(w)
	}
	for key := range routeRoles {
		if !slices.ContainsFunc(routes, func(r gin.RouteInfo) bool { return r.Method+" "+r.Path == key }) {
			t.Errorf("routeRoles lists %s, which no longer exists", key)
		}
	}
}

// tryRoute sends the request as the browser (pages) or with the API
// token (the API), with an empty form or JSON body, and returns the status.
func tryRoute(v *visitor, token, method, path string) int {
	v.tb.Helper()
	if strings.HasPrefix(path, "/api/v1/") {
		body := ""
		if method == http.MethodPost {
			body = "{}"
		}
		var header []string
		if token != "" {
			header = []string{"Authorization", "Bearer " + token}
		}
		return do(v.f.srv.Config.Handler, method, path, body, header...).Code
	}
	if method == http.MethodPost {
		return v.post(path, nil).status
	}
	return v.do(method, path, nil).status
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
