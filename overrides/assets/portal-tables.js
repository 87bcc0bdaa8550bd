/* Filters and sortable columns for database index tables. Without JavaScript the table is a
   plain, complete table; this script only reveals the filter form and adds sort buttons. */
(function () {
  "use strict";

  function setUp(table) {
    var form = table.closest("article").querySelector("[data-portal-filters]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (row) {
      return row.cells.length > 1;
    });
    var count = form && form.querySelector("[data-portal-count]");

    function applyFilters() {
      var selects = form ? form.querySelectorAll("select") : [];
      var shown = 0;
      rows.forEach(function (row) {
        var visible = Array.prototype.every.call(selects, function (select) {
          if (!select.value) return true;
          return (row.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) {
        count.textContent = count.getAttribute("data-template")
          .replace("{shown}", shown).replace("{total}", rows.length);
      }
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
      form.addEventListener("change", applyFilters);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      applyFilters();
    }
  }

  document.querySelectorAll("[data-portal-table]").forEach(setUp);
})();
