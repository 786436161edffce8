package handlers

// Checks of the pages beyond axe-core's rules, which TestBrowser_EveryPage
// runs on every page.

// structure fails for what the pages' conventions ask beyond axe-core's
// rules (DESIGN.md, Web): one h1 per page; every table named by a
// caption (or aria-labelledby) and each of its header cells scoped;
// radio buttons, and check boxes that share a name, grouped in a
// fieldset with a legend (or a group that aria-labelledby names); no id
// twice in a page (WCAG 2.1's 4.1.1: axe-core leaves a hidden element's
// id unchecked, and a label's for= finds only the first).
func (b *tab) structure(name string) {
	b.tb.Helper()
	var problems []string
	b.eval(`(() => {
		const out = [];
		const text = e => (e?.textContent ?? "").trim();
		const h1 = document.querySelectorAll("h1").length;
		if (h1 !== 1) out.push(h1 + " h1 headings, want one");
		for (const t of document.querySelectorAll("table")) {
			const by = t.getAttribute("aria-labelledby");
			if (!text(t.caption) && !(by && text(document.getElementById(by))) && !t.getAttribute("aria-label")) {
				out.push("a table without a caption: " + t.outerHTML.slice(0, 120));
			}
			for (const th of t.querySelectorAll("th")) {
				if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope"))) {
					out.push("a header cell without scope: " + th.outerHTML.slice(0, 120));
				}
			}
		}
		for (const i of document.querySelectorAll("input[type=radio], input[type=checkbox]")) {
			if (i.type === "checkbox" && document.querySelectorAll("input[type=checkbox][name=" + CSS.escape(i.name) + "]").length < 2) continue;
			const fs = i.closest("fieldset");
			if (fs && text(fs.querySelector(":scope > legend"))) continue;
			const g = i.closest("[role=radiogroup], [role=group]");
			const by = g?.getAttribute("aria-labelledby");
			if (g && (g.getAttribute("aria-label") || (by && text(document.getElementById(by))))) continue;
			out.push("the choices of " + i.name + " are in no fieldset with a legend");
		}
		const ids = new Set();
		for (const e of document.querySelectorAll("[id]")) {
			if (ids.has(e.id)) out.push("the id " + e.id + " is not unique");
			ids.add(e.id);
		}
		return [...new Set(out)];
	})()`, &problems)
	for _, p := range problems {
		b.tb.Errorf("%s (%s): %s", name, b.path(), p)
	}
}

// focusVisible fails for an element that takes keyboard focus and does
// not look different when it has it (DESIGN.md: visible focus), one
// element per kind (tag and classes). The look compared is the
// element's and that of the label after it (the check boxes and radio
// buttons draw theirs), pseudo-elements included.
func (b *tab) focusVisible(name string) {
	b.tb.Helper()
	var unseen []string
	b.eval(`(() => {
		const props = ["outline-style", "outline-color", "outline-width", "box-shadow", "background-color", "color", "text-decoration-line", "border-color"];
		const look = e => !e ? "" : [null, "::before", "::after"].map(p => {
			const cs = getComputedStyle(e, p);
			return props.map(k => cs.getPropertyValue(k)).join("|");
		}).join("/");
		const looks = e => look(e) + "#" + look(e.labels?.[0]);
		const seen = new Set(), out = [];
		const focusable = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
		for (const e of document.querySelectorAll(focusable)) {
			if (e.disabled || e.getClientRects().length === 0 && !e.matches(".skip-link, .choice__input")) continue;
			const kind = e.tagName + "." + [...e.classList].sort().join(".") + (e.type ? "[" + e.type + "]" : "");
			if (seen.has(kind)) continue;
			seen.add(kind);
			const before = looks(e);
			e.focus({focusVisible: true});
			if (document.activeElement !== e) continue;
			const after = looks(e);
			e.blur();
			if (before === after) out.push(kind + ": " + e.outerHTML.slice(0, 100));
		}
		return out;
	})()`, &unseen)
	for _, e := range unseen {
		b.tb.Errorf("%s (%s): no visible focus on %s", name, b.path(), e)
	}
}
