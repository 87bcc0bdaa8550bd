/* A printed page says when it was printed, in the page's language: a static page cannot know that date
   when it is built, so the browser writes it just before printing (without JavaScript, the address only). */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" });
    document.querySelectorAll("[data-portal-print-date]").forEach(function (node) {
      node.textContent = node.getAttribute("data-template").replace("{date}", format.format(new Date()));
    });
  });
})();
