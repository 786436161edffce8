package forms

// Questions returns every question of every page, in order. The pointers
// point into the definition.
func (def *Definition) Questions() []*Question {
	var out []*Question
	for i := range def.Pages {
		for j := range def.Pages[i].Questions {
			out = append(out, &def.Pages[i].Questions[j])
		}
	}
	return out
}

// Question returns the question with the id, or nil.
func (def *Definition) Question(id string) *Question {
	for i := range def.Pages {
		for j := range def.Pages[i].Questions {
			if q := &def.Pages[i].Questions[j]; q.ID == id {
				return q
			}
		}
	}
	return nil
}

// Option returns the option with the value, or nil.
func (q *Question) Option(value string) *Option {
	for i := range q.Options {
		if q.Options[i].Value == value {
			return &q.Options[i]
		}
	}
	return nil
}

// HasOptions reports whether the question's type offers options (choice
// and multi).
func (q *Question) HasOptions() bool {
	return q.Type == TypeChoice || q.Type == TypeMulti
}

// IsNumeric reports whether the question's answers are numbers (scale and
// number).
func (q *Question) IsNumeric() bool {
	return q.Type == TypeScale || q.Type == TypeNumber
}

// Normalize sets defaults: access public when not given. In a condition
// on a choice or multi question, a number written without quotes (equals:
// 1) becomes the option value it spells ("1"). Parse normalizes; call it
// on a definition built otherwise before using it.
func (def *Definition) Normalize() {
	if def.Access == "" {
		def.Access = AccessPublic
	}
	for _, q := range def.Questions() {
		def.normalizeCondition(q.ShowIf)
	}
	if def.Catalogue != nil {
		def.normalizeCondition(def.Catalogue.When)
	}
}

func (def *Definition) normalizeCondition(c *Condition) {
	if c == nil {
		return
	}
	for i := range c.All {
		def.normalizeCondition(&c.All[i])
	}
	for i := range c.Any {
		def.normalizeCondition(&c.Any[i])
	}
	target := def.Question(c.Question)
	if target == nil || !target.HasOptions() {
		return
	}
	if f, ok := asNumber(c.Equals); ok {
		c.Equals = FormatNumber(f)
	}
	for i, v := range c.In {
		if f, ok := asNumber(v); ok {
			c.In[i] = FormatNumber(f)
		}
	}
}
