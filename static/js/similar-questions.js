// Progressive enhancement for /questions/ask/: suggest similar questions and articles while the
// member types. Without JavaScript the "Check for similar questions" button does the same.
(function () {
  "use strict";
  var input = document.getElementById("similar-title");
  var results = document.getElementById("similar-results");
  var title = document.getElementById("id_title");
  if (!input || !results || !window.fetch) { return; }
  var timer = null;

  function render(data) {
    results.textContent = "";
    var items = [];
    data.questions.forEach(function (q) { items.push(["Question", q]); });
    data.articles.forEach(function (a) { items.push(["Article", a]); });
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
    if (value.trim().length < 3) { results.textContent = ""; return; }
    fetch(input.dataset.similarUrl + "?q=" + encodeURIComponent(value), {
      headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () { /* suggestions are optional */ });
  }

  function watch(field) {
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { lookup(field.value); }, 300);
    });
  }
  watch(input);
  if (title) {
    watch(title);
    title.addEventListener("change", function () { input.value = title.value; });
  }
}());
