// World map of the share of people offline, drawn with d3 and topojson from local packages.
// As on the home page, economies are matched to world-atlas geometries by ISO numeric code.
(function () {
  "use strict";

  const container = document.getElementById("offline-map");
  const dataNode = document.getElementById("offline-data");
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

  function bin(pct) {
    if (pct === null || pct === undefined) return null;
    if (pct < 10) return "b0";
    if (pct < 25) return "b1";
    if (pct < 50) return "b2";
    if (pct < 75) return "b3";
    return "b4";
  }

  function describe(feature) {
    const e = byNumeric.get(feature.id);
    const name = e ? e.name : (feature.properties && feature.properties.name) || "Unknown";
    if (!e || e.offline === null) return name + ": no data";
    return name + ": " + (e.offline / 1e6).toFixed(1) + " million offline (" +
      e.offline_pct.toFixed(0) + "%)";
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
      const projection = window.d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
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
          const b = e ? bin(e.offline_pct) : null;
          return "country " + (b ? "offline-" + b : "no-data") + (e ? " linked" : "");
        })
        .attr("data-iso3", function (d) { const e = byNumeric.get(d.id); return e ? e.iso3 : null; })
        .on("click", function (event, d) {
          const e = byNumeric.get(d.id);
          if (e) window.location.href = "/members/" + e.iso3 + "/brief";
        })
        .append("title").text(describe);
      container.dataset.rendered = "true";
    })
    .catch(function (error) {
      container.innerHTML = '<p class="notice" role="status">The map could not load: ' +
        error.message + ". Install the assets with <code>make assets</code>.</p>";
    });
})();
