package forms

import (
	"maps"
	"regexp"
	"slices"
)

// Limits on what a definition may hold.
const (
	maxIDLength    = 64
	maxValueLength = 200     // of an option value, in characters
	maxMaxLength   = 100_000 // the largest max_length of a text question
	maxScaleSteps  = 100     // max - min of a scale
)

var (
	definitionIDPattern = regexp.MustCompile(`^[a-z0-9-]+$`)
	questionIDPattern   = regexp.MustCompile(`^[a-z0-9_]+$`)
	tagPattern          = regexp.MustCompile(`^[a-z0-9_-]+$`)
)

var languageNames = map[string]string{"cs": "Czech", "sk": "Slovak", "en": "English"}

// languagePhrases are languageNames as translatable phrases, as adjectives
// of a text ("missing Czech text").
var languagePhrases = map[string]Phrase{"cs": Phrasef("Czech"), "sk": Phrasef("Slovak"), "en": Phrasef("English")}

// Check checks a definition built or changed in Go against every rule that
// Parse applies and returns the problems, without lines. Call Normalize
// first.
func (def *Definition) Check() []Problem {
	c := newChecker(def, newProblems())
	c.check()
	return c.ps.sorted()
}

// checker applies the rules of a definition. It refers to fields by the
// paths the decoder recorded lines for.
type checker struct {
	def       *Definition
	ps        *problems
	questions []*Question    // in order
	paths     []string       // the path of each question
	order     map[string]int // question id → position of its first use
}

func newChecker(def *Definition, ps *problems) *checker {
	c := &checker{def: def, ps: ps, order: map[string]int{}}
	for i := range def.Pages {
		for j := range def.Pages[i].Questions {
			q := &def.Pages[i].Questions[j]
			if _, dup := c.order[q.ID]; !dup {
				c.order[q.ID] = len(c.questions)
			}
			c.questions = append(c.questions, q)
			c.paths = append(c.paths, itemPath(keyPath(itemPath("pages", i), "questions"), j))
		}
	}
	return c
}

func (c *checker) check() {
	def := c.def
	switch {
	case def.ID == "":
		c.ps.errorf("id", "\"id\" is required")
	case !definitionIDPattern.MatchString(def.ID) || len(def.ID) > maxIDLength:
		c.ps.errorf("id", "\"id\" may hold only lower-case letters a-z, digits and hyphens, at most %d, not %q", maxIDLength, def.ID)
	}
	c.text("title", def.Title, true)
	c.text("description", def.Description, false)
	switch def.Audience {
	case AudienceResident, AudienceProvider:
	case "":
		c.ps.errorf("audience", "\"audience\" is required: resident or provider")
	default:
		c.ps.errorf("audience", "\"audience\" must be resident or provider, not %q", def.Audience)
	}
	switch def.Access {
	case "", AccessPublic, AccessInvite:
	default:
		c.ps.errorf("access", "\"access\" must be public or invite, not %q", def.Access)
	}
	if def.OpensAt != nil && def.ClosesAt != nil && !def.OpensAt.Before(*def.ClosesAt) {
		c.ps.errorf("closes_at", "\"closes_at\" must be later than \"opens_at\"")
	}
	if len(def.Pages) == 0 {
		c.ps.errorf("pages", "the questionnaire needs at least one page with questions in \"pages\"")
	}
	pos := 0
	for i := range def.Pages {
		page := &def.Pages[i]
		path := itemPath("pages", i)
		c.text(keyPath(path, "title"), page.Title, false)
		if len(page.Questions) == 0 {
			c.ps.errorf(keyPath(path, "questions"), "page %d needs at least one question in \"questions\"", i+1)
		}
		for range page.Questions {
			c.question(pos)
			pos++
		}
	}
	c.segments()
	c.checkCatalogue()
}

func (c *checker) segments() {
	seen := map[string]bool{}
	for i, id := range c.def.Segments {
		path := itemPath("segments", i)
		q := c.def.Question(id)
		switch {
		case seen[id]:
			c.ps.errorf(path, "the segment %q is listed twice", id)
		case q == nil:
			c.ps.errorf(path, "the segment %q is not a question of this questionnaire", id)
		case q.Type != TypeChoice:
			c.ps.errorf(path, "the segment %q must be a choice question, not %s", id, q.Type)
		}
		seen[id] = true
	}
}

// text checks a Text: required when asked, known language codes, and a
// warning for each language a per-language text leaves out.
func (c *checker) text(path string, t Text, required bool) {
	if t.IsZero() {
		if required {
			c.ps.errorf(path, "%q is required", lastKey(path))
		}
		return
	}
	for _, lang := range slices.Sorted(maps.Keys(t)) {
		if lang != "" && languageNames[lang] == "" {
			c.ps.errorf(path, "%q has text in the unknown language %q; use cs, sk or en", lastKey(path), lang)
		}
	}
	if t[""] != "" {
		return
	}
	var missing *Phrase
	for _, lang := range Languages {
		if t[lang] == "" {
			name := languagePhrases[lang]
			if missing != nil {
				name = Phrasef("%s and %s", *missing, name)
			}
			missing = &name
		}
	}
	if missing != nil {
		c.ps.warnf(path, "missing %s text in %q", *missing, lastKey(path))
	}
}

// tags checks a list of relevance tags.
func (c *checker) tags(path string, tags []string) {
	seen := map[string]bool{}
	for i, tag := range tags {
		switch {
		case !tagPattern.MatchString(tag):
			c.ps.errorf(itemPath(path, i), "the tag %q may hold only lower-case letters a-z, digits, hyphens and underscores", tag)
		case seen[tag]:
			c.ps.errorf(itemPath(path, i), "the tag %q is listed twice", tag)
		}
		seen[tag] = true
	}
}
