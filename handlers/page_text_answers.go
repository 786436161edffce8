package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// textPageSize is how many answers a page of the coding screen shows.
const textPageSize = 25

// textAnswersView is the coding screen of one free-text question: a
// page of answers, each with its codes and a form to add one.
type textAnswersView struct {
	pageBase
	Questionnaire string
	QuestionText  string
	Action        string // the screen's own path
	Search        string
	Total         int
	Page, Pages   int
	PrevURL       string
	NextURL       string
	Answers       []textAnswerItem
	CodeList      []engine.CodeListEntry
}

type textAnswerItem struct {
	engine.CodedTextAnswer
	Number   int    // 1-based, over all pages
	CodesURL string // where its forms post
	Typed    string // the code typed when it was refused
	Error    string // why it was refused
}

// registerStaffTextAnswers adds the coding screen of free-text answers.
func registerStaffTextAnswers(st *gin.RouterGroup, p *pages) {
	st.GET("/questionnaires/:id/text/:qid", p.textAnswers)
	st.POST("/questionnaires/:id/text/:qid/answers/:rid/codes", p.guardForm, p.codeTextAnswer)
}

// textAnswers shows one page of answers: ?search= and ?page=N (from 1).
func (p *pages) textAnswers(c *gin.Context) {
	search := c.Query("search")
	pageNo := 1
	if s := c.Query("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.message(c, http.StatusBadRequest, "msg.bad_request", textPath(c.Param("id"), c.Param("qid"), "", 1), "text.first_page")
			return
		}
		pageNo = n
	}
	p.renderTextAnswers(c, http.StatusOK, search, pageNo, nil)
}

// refusal is a code that could not be added, shown at its answer.
type refusal struct {
	responseID, typed, message string
}

// renderTextAnswers renders the screen; refused, when set, is a code the
// engine refused, shown at its answer with what was typed.
func (p *pages) renderTextAnswers(c *gin.Context, status int, search string, pageNo int, refused *refusal) {
	id, qid := c.Param("id"), c.Param("qid")
	list, err := p.eng.ListTextAnswers(c.Request.Context(), p.staffUser(c), id, qid, engine.TextAnswersQuery{
		Search: search, Offset: (pageNo - 1) * textPageSize, Limit: textPageSize,
	})
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "text.title")
	v := textAnswersView{
		pageBase: b, Questionnaire: id, QuestionText: list.QuestionOf().Text.In(b.L.Lang()),
		Action: textPath(id, qid, "", 0), Search: search, Total: list.Total, Page: pageNo,
		Pages: max(1, (list.Total+textPageSize-1)/textPageSize), CodeList: list.CodeList,
	}
	v.Title = b.L.T("text.title") + ": " + v.QuestionText
	if pageNo > 1 {
		v.PrevURL = textPath(id, qid, search, pageNo-1)
	}
	if pageNo < v.Pages {
		v.NextURL = textPath(id, qid, search, pageNo+1)
	}
	for i, a := range list.Answers {
		item := textAnswerItem{CodedTextAnswer: a, Number: list.Offset + i + 1,
			CodesURL: textPath(id, qid, "", 0) + "/answers/" + url.PathEscape(a.ResponseID) + "/codes"}
		if refused != nil && refused.responseID == a.ResponseID {
			item.Typed, item.Error = refused.typed, refused.message
			v.Errors = append(v.Errors, errorView{InputID: "code-" + a.ResponseID, Message: refused.message})
		}
		v.Answers = append(v.Answers, item)
	}
	p.render(c, status, "text_answers", v)
}

// textPath is the address of the coding screen, with the search and the
// page (0: none) when given.
func textPath(id, qid, search string, pageNo int) string {
	path := "/work/questionnaires/" + url.PathEscape(id) + "/text/" + url.PathEscape(qid)
	q := url.Values{}
	if search != "" {
		q.Set("search", search)
	}
	if pageNo > 1 {
		q.Set("page", strconv.Itoa(pageNo))
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}
