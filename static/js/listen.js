/* Listen: reads the article aloud with the browser's own speech synthesis, with pause,
   resume and stop. Progressive enhancement: the controls are sent hidden and shown only
   where window.speechSynthesis exists. Reads the parts of the page marked data-listen;
   when the reader chose key points (data-detail="key-points" on <html>, set by
   reading-prefs.js) it reads only the key points, never what is folded away. Lists of
   studies are left out: they are for reading, not for listening. */
(function () {
    "use strict";
    var synth = window.speechSynthesis;
    var controls = document.querySelector("[data-listen-controls]");
    if (!controls || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
        return;
    }
    var root = document.documentElement;
    var start = controls.querySelector("[data-listen-start]");
    var pause = controls.querySelector("[data-listen-pause]");
    var resume = controls.querySelector("[data-listen-resume]");
    var stop = controls.querySelector("[data-listen-stop]");
    var status = controls.querySelector("[data-listen-status]");
    var TEXT = "h1, h2, h3, h4, p, li, figcaption";
    var run = 0;

    function keyPointsOnly() {
        return root.getAttribute("data-detail") === "key-points";
    }

    function skipped(element) {
        if (element.closest("[hidden], .visually-hidden, summary, .claim__sources")) {
            return true;
        }
        if (keyPointsOnly()) {
            return Boolean(element.closest(".kp-fold"));
        }
        return Boolean(element.closest(".kp-key-line"));
    }

    /* The texts to read, in page order: each heading, paragraph and list item once. */
    function texts() {
        var found = [];
        var regions = document.querySelectorAll("[data-listen]");
        Array.prototype.forEach.call(regions, function (region) {
            var elements = region.matches(TEXT) ? [region] : region.querySelectorAll(TEXT);
            Array.prototype.forEach.call(elements, function (element) {
                if (skipped(element) || element.querySelector(TEXT)) {
                    return;
                }
                var text = element.textContent.replace(/\s+/g, " ").trim();
                if (text) {
                    found.push(text);
                }
            });
        });
        return found;
    }

    function show(playing, paused) {
        start.hidden = playing;
        pause.hidden = !playing || paused;
        resume.hidden = !playing || !paused;
        stop.hidden = !playing;
    }

    function say(message) {
        status.textContent = message;
    }

    /* Back to the Listen button; focus moves only when the reader pressed Stop (the
       Pause button they were on is hidden then), never while they are elsewhere. */
    function finish(message, refocus) {
        run += 1;
        synth.cancel();
        show(false, false);
        say(message);
        if (refocus) {
            start.focus();
        }
    }

    start.addEventListener("click", function () {
        var parts = texts();
        var mine;
        synth.cancel();
        run += 1;
        mine = run;
        parts.forEach(function (text, index) {
            var utterance = new window.SpeechSynthesisUtterance(text);
            utterance.lang = root.lang || "en-GB";
            utterance.rate = 0.95;
            if (index === parts.length - 1) {
                utterance.addEventListener("end", function () {
                    if (mine === run) {
                        finish("Finished reading.", document.activeElement === pause);
                    }
                });
            }
            synth.speak(utterance);
        });
        show(true, false);
        say(keyPointsOnly() ? "Reading the key points aloud." : "Reading the article aloud.");
        pause.focus();
    });
    pause.addEventListener("click", function () {
        synth.pause();
        show(true, true);
        say("Paused.");
        resume.focus();
    });
    resume.addEventListener("click", function () {
        synth.resume();
        show(true, false);
        say("Reading again.");
        pause.focus();
    });
    stop.addEventListener("click", function () {
        finish("Stopped.", true);
    });
    window.addEventListener("pagehide", function () {
        synth.cancel();
    });
    controls.hidden = false;
}());
