/* Reading preferences (portal/preferences.py): reads the reading_prefs cookie and marks
   <html> with data-text-size, data-theme, data-detail and data-motion, which site.css and
   reading.css use. Loaded in <head> without defer so the page paints in the reader's choice.
   The server sends the same page to everyone, so this is the only place choices apply.

   Key points: articles are sent with their folds (details.kp-fold) open, so a reader
   without JavaScript reads everything. In key-points mode reading.css hides what is in the
   folds until this script has closed them (data-folds-closed); after that they open and
   close as the reader asks. */
(function () {
    "use strict";
    var allowed = {
        text_size: ["normal", "large", "larger"],
        theme: ["system", "light", "dark"],
        detail: ["full", "key-points"],
        motion: ["system", "reduce"]
    };
    var root = document.documentElement;
    var match = document.cookie.match(/(?:^|;\s*)reading_prefs=([^;]*)/);
    if (match) {
        var value = match[1].replace(/^"|"$/g, "");
        value.split("|").forEach(function (pair) {
            var parts = pair.split(":");
            var name = parts[0];
            if (allowed.hasOwnProperty(name) && allowed[name].indexOf(parts[1]) !== -1) {
                root.setAttribute("data-" + name.replace("_", "-"), parts[1]);
            }
        });
    }

    function closeFolds() {
        if (root.getAttribute("data-detail") === "key-points") {
            var folds = document.querySelectorAll("details.kp-fold");
            for (var i = 0; i < folds.length; i += 1) {
                folds[i].removeAttribute("open");
            }
        }
        root.setAttribute("data-folds-closed", "");
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", closeFolds);
    } else {
        closeFolds();
    }
}());
