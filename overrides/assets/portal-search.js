// The search page: Pagefind's interface, in the page's language, starting from ?q= when given. Each result shows
// its type, date and language (labelled from the page's data-label-* attributes); a search that finds nothing
// shows the help below the box.
(function () {
  const box = document.getElementById("portal-search");
  if (!box || typeof PagefindUI === "undefined") return;
  const labels = { type: box.dataset.labelType, date: box.dataset.labelDate, language: box.dataset.labelLanguage };
  const ui = new PagefindUI({
    element: "#portal-search",
    baseUrl: box.dataset.baseUrl,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    processResult: function (result) {
      const meta = { title: result.meta.title };
      Object.keys(labels).forEach(function (key) {
        if (result.meta[key]) meta[labels[key]] = result.meta[key];
      });
      return Object.assign({}, result, { meta: meta });
    },
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);

  const help = document.querySelector("[data-portal-search-help]");
  if (help) {
    new MutationObserver(function () {
      const message = box.querySelector(".pagefind-ui__message");
      const input = box.querySelector(".pagefind-ui__search-input");
      const done = message && input && input.value.trim() && !message.textContent.trim().endsWith("...");
      help.hidden = !(done && !box.querySelector(".pagefind-ui__result"));
    }).observe(box, { childList: true, subtree: true, characterData: true });
  }
})();
