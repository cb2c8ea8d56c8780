// Highlight the evidence span named in the URL fragment (#span-START-END) in the article
// text and scroll to it. Served from /static (the CSP allows no inline script).
"use strict";
(function () {
  function show() {
    var m = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    var text = document.getElementById("text");
    if (!text) return;
    var old = text.querySelectorAll("span.hit");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hit");
    if (!m) return;
    var s = parseInt(m[1], 10), e = parseInt(m[2], 10), first = null;
    var parts = text.querySelectorAll("span[data-s]");
    for (var j = 0; j < parts.length; j++) {
      var p = parts[j], ps = parseInt(p.getAttribute("data-s"), 10), pe = parseInt(p.getAttribute("data-e"), 10);
      if (ps >= s && pe <= e) { p.classList.add("hit"); if (!first) first = p; }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", show);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show); else show();
})();
