// World choropleth maps, drawn with d3 and topojson from locally served packages.
// Every element with a data-choropleth attribute becomes a map. Its configuration is the JSON
// in the script element whose id the attribute names:
//   economies  records with "numeric" (ISO 3166-1 numeric, as world-atlas ids), "iso3", "name"
//              and optionally "title" (the tooltip); or
//   url        where to fetch {"economies": [...]} instead of embedding them;
//   scale      {"type": "categorical", "field": "level", "prefix": "level-"}: class prefix+value;
//              {"type": "sequential", "field": "pct", "thresholds": [10, 25], "prefix": "b"}:
//              class prefix+i, i the number of thresholds at or below the value;
//              "heading" names the field's column in the map's data table (else the field);
//   levels     {"value": "name"}: the names the data table shows for the field's values;
//   attribute  name of the data-* attribute carrying the class key ("none" when missing);
//   link       target of a click or Enter, "{iso3}" replaced (none: not clickable);
//   no_data    suffix of the tooltip of a country without a record;
//   mark       {"field": "level_depends_on_imputation", "class": "marked", "title": "..."}:
//              records whose field is true get the class (an outline) and data-marked="true",
//              and their tooltip ends with title (text from the template, translatable).
// The words of the data table and of the selection are the page's script texts (humanictText,
// /static/messages.js). Each map gets a data table (in a <details> after it) with one row per
// record; economies are selected for comparison with the table's checkboxes, or with Space on a
// country of the map (arrow keys move between countries, Enter opens its page). The selection is
// kept in the address (?economies=KEN,NGA), so a copied link reopens it.
(function () {
  "use strict";

  const WIDTH = 960;
  const HEIGHT = 500;

  function notice(container, text) {
    container.innerHTML = '<p class="notice" role="status">' + text + "</p>";
  }

  function classKey(scale, e) {
    const value = e ? e[scale.field] : null;
    if (value === null || value === undefined) return null;
    if (scale.type === "sequential") {
      return String(scale.thresholds.filter(function (t) { return value >= t; }).length);
    }
    return String(value);
  }

  function loadEconomies(config) {
    if (!config.url) return Promise.resolve(config.economies);
    return fetchJson(config.url).then(function (body) { return body.economies; });
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function draw(container, config, world, economies) {
    const byNumeric = new Map();
    economies.forEach(function (e) { if (e.numeric) byNumeric.set(e.numeric, e); });
    const scale = config.scale;
    const countries = window.topojson.feature(world, world.objects.countries);
    const projection = window.d3.geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
    const path = window.d3.geoPath(projection);

    const mark = config.mark;
    function marked(d) {
      const e = byNumeric.get(d.id);
      return Boolean(mark && e && e[mark.field]);
    }

    function title(feature) {
      const e = byNumeric.get(feature.id);
      if (e) return (e.title || e.name) + (marked(feature) ? mark.title || "" : "");
      return ((feature.properties && feature.properties.name) || "Unknown") +
        (config.no_data || "");
    }

    function visit(feature) {
      const e = byNumeric.get(feature.id);
      if (e && config.link) window.location.href = config.link.replace("{iso3}", e.iso3);
    }

    const linked = function (d) { return Boolean(config.link && byNumeric.has(d.id)); };
    const svg = window.d3.select(container).append("svg")
      .attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
      .attr("role", "group")
      .attr("aria-label", container.getAttribute("aria-label"));
    svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    const paths = svg.append("g").selectAll("path")
      .data(countries.features)
      .join("path")
      .attr("d", path)
      .attr("class", function (d) {
        const key = classKey(scale, byNumeric.get(d.id));
        return "country " + (key === null ? "no-data" : scale.prefix + key) +
          (linked(d) ? " linked" : "") + (marked(d) ? " " + mark.class : "");
      })
      .attr("data-marked", function (d) { return marked(d) ? "true" : null; })
      .attr("data-iso3", function (d) { const e = byNumeric.get(d.id); return e ? e.iso3 : null; })
      .attr("tabindex", function (d) { return linked(d) ? -1 : null; })
      .attr("role", function (d) { return linked(d) ? "link" : null; })
      .attr("aria-label", function (d) { return linked(d) ? title(d) : null; })
      .on("click", function (event, d) { visit(d); })
      .on("keydown", function (event, d) {
        const e = byNumeric.get(d.id);
        if (event.key === "Enter") visit(d);
        if (event.key === " " && e) {
          event.preventDefault();
          selection.toggle(e.iso3);
        }
        if (MOVES[event.key] !== undefined) {
          event.preventDefault();
          roving.move(this, MOVES[event.key]);
        }
      });
    const roving = rover(paths.filter(linked).nodes(), function (node) {
      return byNumeric.get(window.d3.select(node).datum().id).name;
    });
    if (config.attribute) {
      paths.attr("data-" + config.attribute, function (d) {
        return classKey(scale, byNumeric.get(d.id)) || "none";
      });
    }
    paths.append("title").text(title);
    const selection = selector(container, config, economies, paths);
    container.dataset.rendered = "true";
    container.dispatchEvent(new CustomEvent("humanict:chart-drawn", { bubbles: true }));
  }

  // The map is one stop of the Tab key: arrows move between its economies in the order of their
  // names (Home and End: the first and the last), so that Tab leaves the map at once.
  const MOVES = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: "first", End: "last" };

  function rover(nodes, name) {
    nodes.sort(function (a, b) { return name(a).localeCompare(name(b)); });
    if (nodes.length) nodes[0].setAttribute("tabindex", "0");
    return {
      move: function (from, step) {
        const at = nodes.indexOf(from);
        const to = step === "first" ? 0 : step === "last" ? nodes.length - 1 :
          (at + step + nodes.length) % nodes.length;
        from.setAttribute("tabindex", "-1");
        nodes[to].setAttribute("tabindex", "0");
        nodes[to].focus();
      },
    };
  }

  function cell(row, text, csvValue) {
    const td = row.insertCell();
    td.textContent = text;
    if (csvValue !== undefined) td.dataset.csv = csvValue;
    return td;
  }

  // The map's data as a table in a <details> after the container; returns the checkboxes.
  function dataTable(container, config, economies) {
    const field = config.scale.field;
    const details = document.createElement("details");
    details.className = "chart-data";
    const summary = document.createElement("summary");
    summary.textContent = humanictText("map_table");
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    const table = document.createElement("table");
    table.className = "data compact";
    table.id = container.id + "-table";
    const head = table.createTHead().insertRow();
    const headings = [humanictText("map_economy"), "ISO3", config.scale.heading || field,
      humanictText("map_details"), humanictText("map_select")];
    headings.forEach(function (text, i) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      if (i === 4) th.dataset.csv = "skip";
      head.append(th);
    });
    const body = table.createTBody();
    const boxes = new Map();
    economies.forEach(function (e) {
      const row = body.insertRow();
      row.dataset.iso3 = e.iso3;
      const name = row.insertCell();
      if (config.link) {
        const a = document.createElement("a");
        a.href = config.link.replace("{iso3}", e.iso3);
        a.textContent = e.name;
        name.append(a);
      } else {
        name.textContent = e.name;
      }
      name.dataset.csv = e.name;
      cell(row, e.iso3);
      const value = e[field];
      const shown = value === null || value === undefined ? "" : String(value);
      cell(row, (config.levels && config.levels[shown]) || shown, shown);
      cell(row, e.title || "");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = e.iso3;
      box.setAttribute("aria-label", humanictText("map_select_one", {name: e.name}));
      row.insertCell().append(box);
      boxes.set(e.iso3, box);
    });
    wrap.append(table);
    details.append(summary, wrap);
    container.after(details);
    container.dataset.table = table.id;
    return boxes;
  }

  // Economies selected for comparison: the table's checkboxes, the map's outlines, the address.
  function selector(container, config, economies, paths) {
    const boxes = dataTable(container, config, economies);
    const names = new Map(economies.map(function (e) { return [e.iso3, e.name]; }));
    const status = document.createElement("p");
    status.className = "selection";
    status.setAttribute("aria-live", "polite");
    status.id = container.id + "-selection";
    container.after(status);
    const params = new URLSearchParams(window.location.search);
    const selected = new Set((params.get("economies") || "").toUpperCase().split(",")
      .filter(function (code) { return names.has(code); }));

    function show() {
      const codes = Array.from(selected);
      paths.classed("selected", function () { return selected.has(this.dataset.iso3); })
        .attr("aria-current", function () { return selected.has(this.dataset.iso3) ? "true" : null; });
      boxes.forEach(function (box, code) { box.checked = selected.has(code); });
      const query = new URLSearchParams(window.location.search);
      if (codes.length) query.set("economies", codes.join(",")); else query.delete("economies");
      const search = query.toString();
      window.history.replaceState(null, "", window.location.pathname +
        (search ? "?" + search.replace(/%2C/g, ",") : "") + window.location.hash);
      status.textContent = "";
      if (!codes.length) {
        status.textContent = humanictText("map_none");
        return;
      }
      status.append(humanictText("map_selected") + " " + codes.map(function (c) { return names.get(c); })
        .join(", ") + ". ");
      if (codes.length >= 2 && codes.length <= 5) {
        const link = document.createElement("a");
        link.href = "/compare?economies=" + codes.join(",");
        link.className = "compare-link";
        link.textContent = humanictText("map_compare");
        status.append(link);
      } else {
        status.append(humanictText("map_range"));
      }
    }

    const selection = {
      toggle: function (code) {
        if (selected.has(code)) selected.delete(code); else selected.add(code);
        show();
      },
    };
    boxes.forEach(function (box, code) {
      box.addEventListener("change", function () {
        if (box.checked !== selected.has(code)) selection.toggle(code);
      });
    });
    show();
    return selection;
  }

  function render(container) {
    const configNode = document.getElementById(container.dataset.choropleth);
    if (!configNode) return;
    if (!window.d3 || !window.topojson) {
      if (!document.getElementById("map-missing")) {
        notice(container, humanictText("map_scripts_missing"));
      }
      return;
    }
    const config = JSON.parse(configNode.textContent);
    Promise.all([fetchJson(container.dataset.geometry), loadEconomies(config)])
      .then(function (loaded) { draw(container, config, loaded[0], loaded[1]); })
      .catch(function (error) {
        notice(container, humanictText("map_load_failed", {error: error.message}));
      });
  }

  document.querySelectorAll("[data-choropleth]").forEach(render);
})();
