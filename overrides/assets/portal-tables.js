/* Filters and sortable columns for database index tables, and keyboard access to tables wider
   than the screen. Without JavaScript the table is a plain, complete table; this script filters it
   (the filters are kept in the address's query: ?partner=jp&year=2016, so a filtered table can be
   shared and the back button restores the previous filter), adds sort buttons and makes scrolling
   boxes focusable. */
(function () {
  "use strict";

  function setUp(table) {
    var form = table.closest("article").querySelector("[data-portal-filters]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (row) {
      return row.cells.length > 1;
    });
    var count = form && form.querySelector("[data-portal-count]");
    var empty = table.querySelector("[data-portal-empty]");
    var selects = form ? Array.prototype.slice.call(form.querySelectorAll("select")) : [];

    function applyFilters() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          if (!select.value) return true;
          return (row.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (empty) empty.hidden = shown > 0;
      if (count) {
        count.textContent = count.getAttribute("data-template")
          .replace("{shown}", shown).replace("{total}", rows.length);
      }
    }

    /* The selects as the address's query says; a name or value the form does not offer is ignored. */
    function readAddress() {
      var query = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = query.get(select.name) || "";
        var offered = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
        select.value = offered ? wanted : "";
      });
      applyFilters();
      var early = document.getElementById("portal-prefilter");  /* the reveal script's: the rows are hidden now */
      if (early) early.remove();
    }

    /* A new history entry holding the chosen filters, in the form's order. */
    function writeAddress() {
      var query = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) query.set(select.name, select.value);
      });
      var search = query.toString();
      window.history.pushState(null, "", search ? "?" + search : window.location.pathname);
    }

    function sortBy(index, header) {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
        cell.removeAttribute("aria-sort");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-sort");
        var y = b.cells[index].getAttribute("data-sort");
        return (ascending ? 1 : -1) * x.localeCompare(y, document.documentElement.lang, { numeric: true });
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "portal-sort";
      button.textContent = header.textContent;
      button.setAttribute("aria-label", table.getAttribute("data-sort-label").replace("{column}", header.textContent));
      button.addEventListener("click", function () { sortBy(index, header); });
      header.textContent = "";
      header.appendChild(button);
    });
    if (form) {
      form.hidden = false;
      form.addEventListener("change", function () {
        applyFilters();
        writeAddress();
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      if (empty) {
        empty.querySelector("[data-portal-reset]").addEventListener("click", function () {
          selects.forEach(function (select) { select.value = ""; });
          applyFilters();
          writeAddress();
          if (selects.length) selects[0].focus();
        });
      }
      window.addEventListener("popstate", readAddress);
      readAddress();
    }
  }

  /* The heading a box's table comes under, or its caption: the name of the scrolling region. */
  function regionName(box) {
    var caption = box.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var before = Array.prototype.filter.call(document.querySelectorAll("article h1, article h2, article h3, article h4"), function (heading) {
      return heading.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    return before.length ? before[before.length - 1].textContent.trim() : document.title;
  }

  /* A table wider than the screen scrolls inside Material's wrapper: make that box a named region
     a keyboard can reach and scroll (WCAG 2.1.1); a box that does not scroll is no tab stop. */
  function markScrollingBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", regionName(box));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  document.querySelectorAll("[data-portal-table]").forEach(setUp);
  // Material wraps tables when its document$ emits; run after it, and again when the width changes.
  if (window.document$) {
    window.document$.subscribe(markScrollingBoxes);
  } else {
    markScrollingBoxes();
  }
  window.addEventListener("resize", markScrollingBoxes);
})();
