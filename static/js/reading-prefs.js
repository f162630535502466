/* Reading preferences (portal/preferences.py): reads the reading_prefs cookie and marks
   <html> with data-text-size, data-theme and data-motion, which site.css
   uses. Loaded in <head> without defer so the page paints in the reader's choice. The
   server sends the same page to everyone, so this is the only place choices apply. */
(function () {
    "use strict";
    var allowed = {
        text_size: ["normal", "large", "larger"],
        theme: ["system", "light", "dark"],
        motion: ["system", "reduce"]
    };
    var match = document.cookie.match(/(?:^|;\s*)reading_prefs=([^;]*)/);
    if (!match) {
        return;
    }
    var root = document.documentElement;
    var value = match[1].replace(/^"|"$/g, "");
    value.split("|").forEach(function (pair) {
        var parts = pair.split(":");
        var name = parts[0];
        if (allowed.hasOwnProperty(name) && allowed[name].indexOf(parts[1]) !== -1) {
            root.setAttribute("data-" + name.replace("_", "-"), parts[1]);
        }
    });
}());
