// Drafts that are never lost: every form marked with data-draft-url (a new discussion, a
// reply, a question, an answer) is sent to the server as a draft a few seconds after the
// member types, and again when they leave the page or close the tab. Without JavaScript
// the form's "Save draft" button does the same. The line marked data-draft-status says
// when it was last saved (read out politely by screen readers).
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }
  var WAIT = 3000; // milliseconds after typing stops, or at most this often while typing

  function watch(form) {
    var status = form.querySelector("[data-draft-status]");
    var timer = null;
    var changed = false;
    var sending = false;
    var posting = false;

    function send(leaving) {
      timer = null;
      if (!changed || posting) { return; }
      if (sending && !leaving) { timer = window.setTimeout(send, WAIT); return; }
      changed = false;
      sending = true;
      var data = new FormData(form);
      data.delete("save_draft");
      fetch(form.dataset.draftUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        keepalive: !!leaving,
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json();
      }).then(function (answer) {
        if (status && answer.message) { status.textContent = answer.message; }
      }).catch(function () {
        changed = true; // try again at the next change or when leaving
      }).then(function () {
        sending = false;
      });
    }

    function typed() {
      changed = true;
      if (timer === null) { timer = window.setTimeout(send, WAIT); }
    }

    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.name === "save_draft") { return; }
      posting = true; // the post itself is on its way: it removes the draft
      if (timer !== null) { window.clearTimeout(timer); timer = null; }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { send(true); }
    });
    window.addEventListener("pagehide", function () { send(true); });
  }

  var forms = document.querySelectorAll("form[data-draft-url]");
  for (var i = 0; i < forms.length; i += 1) { watch(forms[i]); }
}());
