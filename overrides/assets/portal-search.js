// The search page: Pagefind's interface, in the page's language, starting from ?q= when given.
(function () {
  const box = document.getElementById("portal-search");
  if (!box || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: "#portal-search",
    baseUrl: box.dataset.baseUrl,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
