// World choropleth maps, drawn with d3 and topojson from locally served packages.
// Every element with a data-choropleth attribute becomes a map. Its configuration is the JSON
// in the script element whose id the attribute names:
//   economies  records with "numeric" (ISO 3166-1 numeric, as world-atlas ids), "iso3", "name"
//              and optionally "title" (the tooltip); or
//   url        where to fetch {"economies": [...]} instead of embedding them;
//   scale      {"type": "categorical", "field": "level", "prefix": "level-"}: class prefix+value;
//              {"type": "sequential", "field": "pct", "thresholds": [10, 25], "prefix": "b"}:
//              class prefix+i, i the number of thresholds at or below the value;
//   attribute  name of the data-* attribute carrying the class key ("none" when missing);
//   link       target of a click or Enter, "{iso3}" replaced (none: not clickable);
//   no_data    suffix of the tooltip of a country without a record;
//   mark       {"field": "level_depends_on_imputation", "class": "marked", "title": "..."}:
//              records whose field is true get the class (an outline) and data-marked="true",
//              and their tooltip ends with title (text from the template, translatable).
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
      .attr("role", "img")
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
      .attr("tabindex", function (d) { return linked(d) ? 0 : null; })
      .on("click", function (event, d) { visit(d); })
      .on("keydown", function (event, d) { if (event.key === "Enter") visit(d); });
    if (config.attribute) {
      paths.attr("data-" + config.attribute, function (d) {
        return classKey(scale, byNumeric.get(d.id)) || "none";
      });
    }
    paths.append("title").text(title);
    container.dataset.rendered = "true";
  }

  function render(container) {
    const configNode = document.getElementById(container.dataset.choropleth);
    if (!configNode) return;
    if (!window.d3 || !window.topojson) {
      if (!document.getElementById("map-missing")) {
        notice(container, "The map could not load its scripts. Install them with " +
          "<code>make assets</code> and reload.");
      }
      return;
    }
    const config = JSON.parse(configNode.textContent);
    Promise.all([fetchJson(container.dataset.geometry), loadEconomies(config)])
      .then(function (loaded) { draw(container, config, loaded[0], loaded[1]); })
      .catch(function (error) {
        notice(container, "The map could not load: " + error.message +
          ". Install the assets with <code>make assets</code>.");
      });
  }

  document.querySelectorAll("[data-choropleth]").forEach(render);
})();
