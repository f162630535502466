/* Saved articles, for signed-in members (templates/readers/includes/article_actions.html and
   home_continue.html). Article and home pages are shared by every reader, so they never say
   what this member saved; this script asks (readers/views/saved.py):

   - on an article: whether it is saved, to show "Saved" and "Remove" instead of "Save";
     while a saved article is read, the last heading scrolled past is sent when the reader
     leaves the page (navigator.sendBeacon, or fetch with keepalive);
   - on the home page: the saved article to continue reading, with its section.

   Without this script the Save form still works and the home page simply has no
   "Continue reading". A link to a section ("#read-…") that the page has no id for is
   found again here by its heading's words. */
(function () {
    "use strict";

    var HEADINGS = ".article__body h2, .article__body h3";

    function slug(text) {
        var words = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9\s-]/g, "");
        return "read-" + words.trim().split(/[\s-]+/).join("-").slice(0, 90);
    }

    function anchorOf(heading) {
        return heading.id || slug(heading.textContent);
    }

    function askState(url, query) {
        return fetch(url + query, {
            credentials: "same-origin",
            headers: { Accept: "application/json" }
        }).then(function (response) {
            if (!response.ok) { throw new Error("state " + response.status); }
            return response.json();
        });
    }

    function goToSection() {
        var wanted = decodeURIComponent(window.location.hash.slice(1));
        if (!wanted || document.getElementById(wanted)) { return; }
        var headings = document.querySelectorAll(HEADINGS);
        for (var i = 0; i < headings.length; i += 1) {
            if (slug(headings[i].textContent) === wanted) {
                headings[i].scrollIntoView();
                return;
            }
        }
    }

    function followReading(box, token) {
        var headings = Array.prototype.slice.call(document.querySelectorAll(HEADINGS));
        if (!headings.length) { return; }
        var place = null;
        var sent = null;

        function update() {
            var passed = null;
            for (var i = 0; i < headings.length; i += 1) {
                if (headings[i].getBoundingClientRect().top <= 80) { passed = headings[i]; }
            }
            if (passed) { place = passed; }
        }

        function send() {
            if (!place || place === sent) { return; }
            var data = new FormData();
            data.append("csrfmiddlewaretoken", token);
            data.append("page", box.dataset.page);
            data.append("section", place.textContent.trim());
            data.append("anchor", anchorOf(place));
            var url = box.dataset.placeUrl;
            if (!(navigator.sendBeacon && navigator.sendBeacon(url, data))) {
                fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
            }
            sent = place;
        }

        window.addEventListener("scroll", update, { passive: true });
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "hidden") { send(); }
        });
        window.addEventListener("pagehide", send);
    }

    function article(box) {
        var token = box.querySelector("input[name=csrfmiddlewaretoken]");
        askState(box.dataset.stateUrl, "?page=" + encodeURIComponent(box.dataset.page))
            .then(function (state) {
                var forms = box.querySelectorAll("[data-when]");
                for (var i = 0; i < forms.length; i += 1) {
                    forms[i].hidden = (forms[i].dataset.when === "saved") !== state.saved;
                }
                if (state.saved && token) { followReading(box, token.value); }
            })
            .catch(function () { /* the Save form stays as it is */ });
    }

    function home(box) {
        askState(box.dataset.stateUrl, "").then(function (state) {
            var item = state["continue"];
            if (!item) { return; }
            var link = box.querySelector("[data-continue-link]");
            link.textContent = item.title;
            link.href = item.url;
            if (item.section) {
                box.querySelector("[data-continue-section]").textContent =
                    " (you got as far as \u201c" + item.section + "\u201d)";
            }
            box.hidden = false;
        }).catch(function () { /* nothing to continue */ });
    }

    function start() {
        var saved = document.querySelector("[data-saved-article]");
        if (saved) {
            goToSection();
            article(saved);
        }
        var continuing = document.querySelector("[data-continue-reading]");
        if (continuing) { home(continuing); }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
