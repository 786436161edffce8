package forms

// definition decodes the whole definition.
func (d *decoder) definition(n *node) *Definition {
	def := &Definition{}
	d.object(n, "", Phrasef("the definition"), []field{
		{"id", func(v *node, p string) { def.ID, _ = d.str(v, p) }},
		{"title", func(v *node, p string) { def.Title = d.text(v, p) }},
		{"description", func(v *node, p string) { def.Description = d.text(v, p) }},
		{"audience", func(v *node, p string) { def.Audience, _ = d.str(v, p) }},
		{"access", func(v *node, p string) { def.Access, _ = d.str(v, p) }},
		{"opens_at", func(v *node, p string) { def.OpensAt = d.time(v, p) }},
		{"closes_at", func(v *node, p string) { def.ClosesAt = d.time(v, p) }},
		{"segments", func(v *node, p string) { def.Segments = d.strings(v, p) }},
		{"catalogue", func(v *node, p string) { def.Catalogue = d.catalogue(v, p) }},
		{"pages", func(v *node, p string) {
			if !d.list(v, p) {
				return
			}
			def.Pages = make([]Page, len(v.items))
			for i, item := range v.items {
				d.page(item, itemPath(p, i), &def.Pages[i])
			}
		}},
	})
	return def
}

func (d *decoder) page(n *node, path string, page *Page) {
	d.object(n, path, Phrasef("a page"), []field{
		{"title", func(v *node, p string) { page.Title = d.text(v, p) }},
		{"questions", func(v *node, p string) {
			if !d.list(v, p) {
				return
			}
			page.Questions = make([]Question, len(v.items))
			for i, item := range v.items {
				d.question(item, itemPath(p, i), &page.Questions[i])
			}
		}},
	})
}

func (d *decoder) question(n *node, path string, q *Question) {
	number := func(v *node, p string) *float64 {
		if f, ok := d.number(v, p); ok {
			return &f
		}
		return nil
	}
	d.object(n, path, Phrasef("a question"), []field{
		{"id", func(v *node, p string) { q.ID, _ = d.str(v, p) }},
		{"type", func(v *node, p string) { q.Type, _ = d.str(v, p) }},
		{"text", func(v *node, p string) { q.Text = d.text(v, p) }},
		{"help", func(v *node, p string) { q.Help = d.text(v, p) }},
		{"required", func(v *node, p string) { q.Required = d.boolean(v, p) }},
		{"tags", func(v *node, p string) { q.Tags = d.strings(v, p) }},
		{"options", func(v *node, p string) {
			if !d.list(v, p) {
				return
			}
			q.Options = make([]Option, len(v.items))
			for i, item := range v.items {
				d.option(item, itemPath(p, i), &q.Options[i])
			}
		}},
		{"min", func(v *node, p string) { q.Min = number(v, p) }},
		{"max", func(v *node, p string) { q.Max = number(v, p) }},
		{"integer", func(v *node, p string) { q.Integer = d.boolean(v, p) }},
		{"max_length", func(v *node, p string) {
			if k, ok := d.whole(v, p); ok {
				if k <= 0 {
					d.ps.fail(p, v.line, "\"max_length\" must be a positive whole number, not %d", k)
					return
				}
				q.MaxLength = k
			}
		}},
		{"show_if", func(v *node, p string) {
			c := &Condition{}
			if d.condition(v, p, c) {
				q.ShowIf = c
			}
		}},
	})
}

func (d *decoder) option(n *node, path string, o *Option) {
	d.object(n, path, Phrasef("an option"), []field{
		{"value", func(v *node, p string) { o.Value, _ = d.str(v, p) }},
		{"label", func(v *node, p string) { o.Label = d.text(v, p) }},
		{"tags", func(v *node, p string) { o.Tags = d.strings(v, p) }},
	})
}

// condition decodes a show_if condition; whether its form is right is
// checked later, with the questions it refers to.
func (d *decoder) condition(n *node, path string, c *Condition) bool {
	conditions := func(v *node, p string) []Condition {
		if !d.list(v, p) {
			return nil
		}
		out := make([]Condition, len(v.items))
		for i, item := range v.items {
			d.condition(item, itemPath(p, i), &out[i])
		}
		return out
	}
	// A condition with a bad part is not checked further: its other
	// parts would only tell again what is wrong.
	before := len(d.ps.list)
	defer func() {
		if len(d.ps.list) > before {
			d.ps.bad[path] = true
		}
	}()
	return d.object(n, path, Phrasef("a condition"), []field{
		{"question", func(v *node, p string) { c.Question, _ = d.str(v, p) }},
		{"equals", func(v *node, p string) { c.Equals = d.conditionValue(v, p) }},
		{"includes", func(v *node, p string) { c.Includes, _ = d.str(v, p) }},
		{"in", func(v *node, p string) {
			if !d.list(v, p) {
				return
			}
			c.In = []any{}
			for i, item := range v.items {
				if x := d.conditionValue(item, itemPath(p, i)); x != nil {
					c.In = append(c.In, x)
				}
			}
		}},
		{"all", func(v *node, p string) { c.All = conditions(v, p) }},
		{"any", func(v *node, p string) { c.Any = conditions(v, p) }},
	})
}

// conditionValue decodes a value a condition compares answers with: a
// string (an option value) or a number.
func (d *decoder) conditionValue(n *node, path string) any {
	if f, ok := scalarNumber(n); ok {
		return f
	}
	if n.kind == scalarNode && n.tag == tagStr {
		return n.value
	}
	d.ps.fail(path, n.line, "%s must be an option value or a number, not %s", nameOf(path), n.describe(d.format))
	return nil
}

// catalogue decodes the catalogue map: "when", a condition, and
// "fields", a mapping of record fields to question ids.
func (d *decoder) catalogue(n *node, path string) *CatalogueMap {
	m := &CatalogueMap{Fields: map[string]string{}}
	d.object(n, path, Phrasef("the catalogue map"), []field{
		{"when", func(v *node, p string) {
			c := &Condition{}
			if d.condition(v, p, c) {
				m.When = c
			}
		}},
		{"fields", func(v *node, p string) {
			fields := make([]field, len(CatalogueFields))
			for i, name := range CatalogueFields {
				fields[i] = field{key: name, set: func(v *node, p string) {
					if s, ok := d.str(v, p); ok {
						m.Fields[name] = s
					}
				}}
			}
			d.object(v, p, Phrasef("the catalogue fields"), fields)
		}},
	})
	return m
}
