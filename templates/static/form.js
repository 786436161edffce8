// Triada's only script. The pages work without it; with it:
// - questions appear and disappear as the person answers (show_if, whose
//   conditions the server writes into data-show-if),
// - the error summary takes the focus, and its links focus their field,
// - a second click on a submit button within a second is ignored,
// - the language links save what was typed on the page before switching,
// - text areas count the characters left.
(function () {
  "use strict";

  var form = document.getElementById("answers");

  // ---- show_if ---------------------------------------------------------

  // parseNumber reads a number as the server does: spaces dropped, a
  // decimal comma or point.
  function parseNumber(s) {
    s = String(s).replace(/[\s\u00a0\u202f]/g, "");
    if (!/^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$/.test(s)) return null;
    return parseFloat(s.replace(",", "."));
  }

  // answerOf returns the answer a field holds: a string, a list of
  // strings (checkboxes), or null when it is not answered.
  function answerOf(field) {
    var inputs = field.querySelectorAll("input[name], textarea[name]");
    if (inputs.length === 0) return null;
    var first = inputs[0];
    if (first.type === "checkbox") {
      var chosen = [];
      inputs.forEach(function (i) { if (i.checked) chosen.push(i.value); });
      return chosen.length ? chosen : null;
    }
    if (first.type === "radio") {
      for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return inputs[i].value;
      return null;
    }
    var v = first.value.trim();
    return v === "" ? null : v;
  }

  function same(answer, want, numeric) {
    if (numeric) {
      var a = parseNumber(answer), w = parseNumber(want);
      return a !== null && w !== null && a === w;
    }
    return String(answer) === want;
  }

  // met mirrors forms.Condition.Met on the condition the server left for
  // the page (conditions on earlier pages are already decided there).
  function met(c, answers) {
    if (c.all) return c.all.every(function (x) { return met(x, answers); });
    if (c.any) return c.any.some(function (x) { return met(x, answers); });
    if (!c.q) return true;
    var a = answers[c.q];
    if (a === undefined || a === null) return false;
    var v = c.v || [], multi = Array.isArray(a);
    if (c.num && !multi && parseNumber(a) === null) return false;
    switch (c.op) {
      case "includes":
        return multi && a.indexOf(v[0]) >= 0;
      case "equals":
        return multi ? a.length === 1 && same(a[0], v[0], c.num) : same(a, v[0], c.num);
      case "in":
        var list = multi ? a : [a];
        return list.some(function (x) { return v.some(function (w) { return same(x, w, c.num); }); });
    }
    return false;
  }

  // update shows each question whose condition the answers to the
  // questions shown before it meet, in page order.
  function update() {
    var answers = {};
    form.querySelectorAll("[data-question]").forEach(function (field) {
      var cond = field.getAttribute("data-show-if");
      var shown = true;
      if (cond) {
        try { shown = met(JSON.parse(cond), answers); } catch (e) { shown = true; }
        field.hidden = !shown;
      }
      if (shown) answers[field.getAttribute("data-question")] = answerOf(field);
    });
  }

  // ---- character count -------------------------------------------------

  function pluralForm(n) {
    var lang = document.documentElement.lang;
    n = Math.abs(n);
    if (lang === "cs" || lang === "sk") return n === 1 ? 0 : (n >= 2 && n <= 4 ? 1 : 2);
    return n === 1 ? 0 : 1;
  }

  function counter(area) {
    var max = parseInt(area.getAttribute("data-max-length"), 10);
    var out = document.getElementById(area.name + "-count");
    var messages;
    try { messages = JSON.parse(area.getAttribute("data-count-messages")); } catch (e) { return; }
    if (!out || !(max > 0) || !messages) return;
    function show() {
      var left = max - Array.from(area.value.trim()).length;
      var forms = left >= 0 ? messages.left : messages.over;
      var n = Math.abs(left);
      out.textContent = forms[Math.min(pluralForm(n), forms.length - 1)].replace("%d", n);
      out.classList.toggle("char-count--over", left < 0);
    }
    out.hidden = false;
    area.addEventListener("input", show);
    show();
  }

  // ---- the answers form ------------------------------------------------

  if (form) {
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    form.querySelectorAll("textarea[data-max-length]").forEach(counter);

    var sentAt = 0;
    form.addEventListener("submit", function (event) {
      var now = Date.now();
      if (now - sentAt < 1000) event.preventDefault();
      sentAt = now;
    });

    document.querySelectorAll("a[data-lang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "lang:" + link.getAttribute("data-lang");
        form.appendChild(action);
        form.submit();
      });
    });
  }

  // ---- error summary ---------------------------------------------------

  var summary = document.querySelector("[data-module=error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var field = input.closest(".field");
      var heading = field && field.querySelector("legend, label");
      (heading || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();
