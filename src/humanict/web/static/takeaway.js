// Take-away: every data table downloads as CSV; every chart as SVG, PNG and CSV (the rows of its
// data table); a "Copy link" button copies the address of the view (the page keeps its state in
// the query string). One module for all pages, loaded by base.html.
//
// Tables: each table.data inside <main>. A cell's data-csv replaces its text; a column whose
//   heading has data-csv="skip" is left out; a table with data-takeaway="off" gets no button.
// Charts: each svg[role=img|group] inside <main> that is not decoration. Its container is the
//   closest <figure>, else the element with data-choropleth, else its parent. The container's
//   data-table names (by id) the table holding the chart's data.
// Charts drawn by a script dispatch "humanict:chart-drawn" (bubbling) on their container.
// Button labels are the page's script texts (humanictText, /static/messages.js), in its language.
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  // Properties copied inline into a downloaded SVG, which leaves the page's stylesheets behind.
  const STYLE_PROPS = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-opacity", "opacity", "font-size", "font-family", "font-weight", "text-anchor",
    "dominant-baseline", "visibility"];
  const PNG_SCALE = 2;

  function slug(text) {
    return (text || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function baseName(node) {
    const page = slug(window.location.pathname) || "home";
    return page + "-" + (slug(node.id) || "data");
  }

  function cellText(cell) {
    if (cell.dataset.csv !== undefined) return cell.dataset.csv;
    const text = cell.textContent.replace(/\s+/g, " ").trim();
    if (text === "–" || text === "-") return "";
    if (cell.classList.contains("num")) {
      const plain = text.replace(/,/g, "");
      if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(plain)) return plain;
    }
    return text;
  }

  // The rows of a table as arrays of strings: the last heading row, then the body rows.
  function tableRows(table) {
    const head = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    const skip = new Set();
    const rows = [];
    if (head) {
      Array.from(head.cells).forEach(function (cell, i) {
        if (cell.dataset.csv === "skip") skip.add(i);
      });
      rows.push(Array.from(head.cells).filter(function (c, i) { return !skip.has(i); })
        .map(function (c) { return c.textContent.replace(/\s+/g, " ").trim(); }));
    }
    Array.from(table.tBodies).forEach(function (body) {
      Array.from(body.rows).forEach(function (row) {
        rows.push(Array.from(row.cells).filter(function (c, i) { return !skip.has(i); })
          .map(cellText));
      });
    });
    return rows;
  }

  function quote(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function csv(rows) {
    return rows.map(function (row) { return row.map(quote).join(","); }).join("\r\n") + "\r\n";
  }

  function save(blob, filename) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function size(svg) {
    const box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width) return { width: box.width, height: box.height };
    const rect = svg.getBoundingClientRect();
    return { width: rect.width, height: rect.height };
  }

  // The chart as a standalone SVG document, its computed styles written inline.
  function svgDocument(svg) {
    const copy = svg.cloneNode(true);
    const originals = [svg].concat(Array.from(svg.querySelectorAll("*")));
    const copies = [copy].concat(Array.from(copy.querySelectorAll("*")));
    originals.forEach(function (node, i) {
      const style = window.getComputedStyle(node);
      copies[i].setAttribute("style", STYLE_PROPS.map(function (p) {
        return p + ":" + style.getPropertyValue(p);
      }).join(";"));
      copies[i].removeAttribute("class");
      copies[i].removeAttribute("tabindex");
    });
    const box = size(svg);
    copy.setAttribute("xmlns", SVG_NS);
    copy.setAttribute("width", box.width);
    copy.setAttribute("height", box.height);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function savePng(svg, filename) {
    const box = size(svg);
    const image = new Image();
    image.onload = function () {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(box.width * PNG_SCALE);
      canvas.height = Math.round(box.height * PNG_SCALE);
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { save(blob, filename); }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgDocument(svg));
  }

  function button(text, kind, action) {
    const node = document.createElement("button");
    node.type = "button";
    node.textContent = text;
    node.dataset.download = kind;
    node.addEventListener("click", action);
    return node;
  }

  function toolbar(name, buttons, kind) {
    const bar = document.createElement("div");
    bar.className = "takeaway";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", (kind || humanictText("takeaway_tools")) + ": " + name);
    buttons.forEach(function (b) { bar.append(b); });
    return bar;
  }

  function copyLink() {
    const bar = this.parentElement;
    let status = bar.querySelector(".copied");
    if (!status) {
      status = document.createElement("span");
      status.className = "copied";
      status.setAttribute("role", "status");
      bar.append(status);
    }
    const url = window.location.href;
    const shown = function (ok) {
      status.textContent = ok ? humanictText("takeaway_copied") : humanictText("takeaway_copy_this") + " " + url;
      status.dataset.url = url;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { shown(true); },
        function () { shown(false); });
    } else {
      shown(false);
    }
  }

  function tableName(table) {
    const caption = table.caption && table.caption.textContent.trim();
    const heading = table.closest("section") && table.closest("section").querySelector("h2");
    return caption || (heading && heading.textContent.trim()) || table.id || "table";
  }

  function equipTable(table) {
    const chart = table.id && document.querySelector('[data-table="' + table.id + '"]');
    if (table.dataset.takeaway || chart) return;
    table.dataset.takeaway = "on";
    const name = baseName(table);
    const bar = toolbar(tableName(table), [button(humanictText("takeaway_csv"), "csv", function () {
      save(new Blob([csv(tableRows(table))], { type: "text/csv" }), name + ".csv");
    })]);
    const wrap = table.parentElement.classList.contains("table-wrap") ? table.parentElement : table;
    const details = wrap.closest("details.chart-data");
    (details || wrap).after(bar);
  }

  function labelledBy(node) {
    const ids = (node.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const first = ids.length && document.getElementById(ids[0]);
    return first ? first.textContent.trim() : "";
  }

  function chartContainer(svg) {
    return svg.closest("figure") || svg.closest("[data-choropleth]") || svg.parentElement;
  }

  function equipChart(svg) {
    if (svg.dataset.takeaway) return;
    svg.dataset.takeaway = "on";
    const container = chartContainer(svg);
    const name = baseName(container.id ? container : svg);
    const buttons = [
      button(humanictText("takeaway_svg"), "svg", function () {
        save(new Blob([svgDocument(svg)], { type: "image/svg+xml" }), name + ".svg");
      }),
      button(humanictText("takeaway_png"), "png", function () { savePng(svg, name + ".png"); }),
    ];
    const table = container.dataset.table && document.getElementById(container.dataset.table);
    if (table) {
      table.dataset.takeaway = "chart";
      buttons.push(button(humanictText("takeaway_csv"), "csv", function () {
        save(new Blob([csv(tableRows(table))], { type: "text/csv" }), name + ".csv");
      }));
    }
    buttons.push(button(humanictText("takeaway_copy"), "link", copyLink));
    const label = svg.getAttribute("aria-label") || labelledBy(svg) ||
      svg.parentElement.getAttribute("aria-label") || container.getAttribute("aria-label") || name;
    container.after(toolbar(label, buttons));
  }

  function isChart(svg) {
    if (svg.closest("[aria-hidden='true']") || svg.closest(".takeaway")) return false;
    const role = svg.getAttribute("role") || svg.parentElement.getAttribute("role");
    return ["img", "group"].includes(role) && size(svg).width > 40;
  }

  function scan(root) {
    const main = document.querySelector("main");
    if (!main) return;
    const scope = root.querySelectorAll ? root : main;
    scope.querySelectorAll("svg").forEach(function (svg) {
      if (main.contains(svg) && isChart(svg)) equipChart(svg);
    });
    main.querySelectorAll("table.data").forEach(function (table) {
      if (table.dataset.takeaway !== "off") equipTable(table);
    });
  }

  // A page whose view is set by a form sent by GET (a year, a region, an indicator) keeps it in
  // its address: a "Copy link" control follows its heading.
  function equipPage() {
    const main = document.querySelector("main");
    const heading = main && main.querySelector("h1");
    const forms = main ? Array.from(main.querySelectorAll("form")) : [];
    const shared = forms.some(function (form) {
      return form.getAttribute("method") === "get" && form.getAttribute("action");
    });
    if (!heading || !shared) return;
    const bar = toolbar(heading.textContent.trim(), [button(humanictText("takeaway_copy"), "link", copyLink)],
      humanictText("takeaway_share"));
    bar.classList.add("page-link");
    heading.after(bar);
  }

  document.addEventListener("humanict:chart-drawn", function (event) { scan(event.target); });
  equipPage();
  scan(document);
})();
