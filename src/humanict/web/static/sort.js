// Sortable tables: select a column heading to sort by it; select again to reverse.
// Cells carry their sort key in data-value; columns say data-type="number" or "text".
(function () {
  "use strict";

  function key(row, index, numeric) {
    const raw = row.cells[index].dataset.value ?? row.cells[index].textContent.trim();
    if (!numeric) return raw.toLowerCase();
    const number = parseFloat(raw);
    return Number.isNaN(number) ? -Infinity : number;
  }

  function sortBy(table, header) {
    const headers = Array.from(header.parentElement.children);
    const index = headers.indexOf(header);
    const numeric = header.dataset.type === "number";
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const ka = key(a, index, numeric);
      const kb = key(b, index, numeric);
      const order = ka < kb ? -1 : ka > kb ? 1 : 0;
      return ascending ? order : -order;
    });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append(...rows);
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (header) {
      const button = header.querySelector("button") || header;
      button.addEventListener("click", function () { sortBy(table, header); });
    });
  });
})();
