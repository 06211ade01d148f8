// World map of the index by level, drawn with d3 and topojson from locally served packages.
// Country geometries (world-atlas) carry ISO 3166-1 numeric ids; the page gives the
// numeric code of every economy, so each country links to its page.
(function () {
  "use strict";

  const container = document.getElementById("map");
  const dataNode = document.getElementById("map-data");
  if (!container || !dataNode) return;
  if (!window.d3 || !window.topojson) {
    if (!document.getElementById("map-missing")) {
      container.innerHTML = '<p class="notice" role="status">The map could not load its ' +
        "scripts. Install them with <code>make assets</code> and reload.</p>";
    }
    return;
  }

  const data = JSON.parse(dataNode.textContent);
  const byNumeric = new Map();
  data.economies.forEach(function (e) { if (e.numeric) byNumeric.set(e.numeric, e); });

  function describe(feature) {
    const e = byNumeric.get(feature.id);
    const name = e ? e.name : (feature.properties && feature.properties.name) || "Unknown";
    if (!e || e.value === null) return name + ": no score";
    return name + ": " + e.value.toFixed(1) + " (" + (data.levels[e.level] || e.level) + ")";
  }

  function visit(feature) {
    const e = byNumeric.get(feature.id);
    if (e) window.location.href = "/members/" + e.iso3;
  }

  fetch(container.dataset.geometry)
    .then(function (response) {
      if (!response.ok) throw new Error("map geometry: HTTP " + response.status);
      return response.json();
    })
    .then(function (world) {
      const countries = window.topojson.feature(world, world.objects.countries);
      const width = 960;
      const height = 500;
      const projection = window.d3.geoNaturalEarth1()
        .fitSize([width, height], { type: "Sphere" });
      const path = window.d3.geoPath(projection);
      const svg = window.d3.select(container).append("svg")
        .attr("viewBox", "0 0 " + width + " " + height)
        .attr("role", "img")
        .attr("aria-label", container.getAttribute("aria-label"));
      svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
      svg.append("g").selectAll("path")
        .data(countries.features)
        .join("path")
        .attr("d", path)
        .attr("class", function (d) {
          const e = byNumeric.get(d.id);
          const colour = e && e.level ? "level-" + e.level : "no-data";
          return "country " + colour + (e ? " linked" : "");
        })
        .attr("data-iso3", function (d) { const e = byNumeric.get(d.id); return e ? e.iso3 : null; })
        .attr("data-level", function (d) { const e = byNumeric.get(d.id); return e && e.level ? e.level : "none"; })
        .attr("tabindex", function (d) { return byNumeric.has(d.id) ? 0 : null; })
        .on("click", function (event, d) { visit(d); })
        .on("keydown", function (event, d) { if (event.key === "Enter") visit(d); })
        .append("title").text(describe);
      container.dataset.rendered = "true";
    })
    .catch(function (error) {
      container.innerHTML = '<p class="notice" role="status">The map could not load: ' +
        error.message + ". Install the assets with <code>make assets</code>.</p>";
    });
})();
