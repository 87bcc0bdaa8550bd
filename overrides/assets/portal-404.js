/* A host with one error page for the whole site (GitHub Pages) serves the root 404.html at every missing address.
   A reader whose address is in another language's folder (/en/…) is taken to that language's 404 page, which
   speaks it in full (header, search, way home). Without script, the page shows every language's message. */
(function () {
  "use strict";
  var box = document.querySelector("[data-portal-404]");
  if (!box) return;
  var base = box.getAttribute("data-base");
  var path = window.location.pathname;
  if (path.indexOf(base) !== 0) return;
  var folder = path.slice(base.length).split("/")[0];
  var others = box.getAttribute("data-languages").split(" ");
  if (folder !== box.getAttribute("data-lang") && others.indexOf(folder) !== -1) {
    window.location.replace(base + folder + "/404.html");
  }
})();
