// Progressive enhancement for /questions/ask/: while the member types their question, suggest
// questions, FAQ entries and articles that may already answer it. Without JavaScript the
// "Check for similar questions" button shows the same list, keeping what was typed.
(function () {
  "use strict";
  var title = document.getElementById("id_title");
  var results = document.getElementById("similar-results");
  if (!title || !results || !results.dataset.similarUrl || !window.fetch) { return; }
  title.setAttribute("aria-controls", "similar-results");
  title.setAttribute("autocomplete", "off");
  var timer = null;
  var latest = 0;

  function render(data) {
    results.textContent = "";
    var items = [];
    (data.questions || []).forEach(function (q) { items.push(["Question", q]); });
    (data.faqs || []).forEach(function (f) { items.push(["FAQ", f]); });
    (data.articles || []).forEach(function (a) { items.push(["Article", a]); });
    if (!items.length) { return; }
    var heading = document.createElement("h2");
    heading.textContent = "These may answer it";
    var list = document.createElement("ul");
    items.forEach(function (pair) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(pair[0] + ": "));
      var link = document.createElement("a");
      link.href = pair[1].url;
      link.textContent = pair[1].title;
      li.appendChild(link);
      list.appendChild(li);
    });
    results.appendChild(heading);
    results.appendChild(list);
  }

  function lookup(value) {
    var asked = ++latest;
    if (value.trim().length < 3) { results.textContent = ""; return; }
    fetch(results.dataset.similarUrl + "?q=" + encodeURIComponent(value), {
      headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        // An older answer arriving late must not replace the newer one.
        if (data && asked === latest) { render(data); }
      })
      .catch(function () { /* suggestions are optional */ });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { lookup(title.value); }, 300);
  });
}());
