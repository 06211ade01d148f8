// Representation map: Member States whose nationals held an elected ITU post, drawn with d3
// and topojson from locally served packages (same approach as map.js).
(function () {
  "use strict";

  const container = document.getElementById("gov-map");
  const dataNode = document.getElementById("gov-map-data");
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
    if (!e) return (feature.properties && feature.properties.name) || "Not a Member State";
    if (e.official_posts.length) {
      return e.name + ": " + e.official_posts.join(", ") + " (" + e.holders.join(", ") + ")";
    }
    if (e.category === "rrb-or-council") return e.name + ": RRB or Council seat on record";
    return e.name + ": no elected post on record";
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
          return "country " + (e ? "cat-" + e.category : "no-data");
        })
        .attr("data-iso3", function (d) { const e = byNumeric.get(d.id); return e ? e.iso3 : null; })
        .attr("data-category", function (d) {
          const e = byNumeric.get(d.id); return e ? e.category : "none";
        })
        .append("title").text(describe);
      container.dataset.rendered = "true";
    })
    .catch(function (error) {
      container.innerHTML = '<p class="notice" role="status">The map could not load: ' +
        error.message + ". Install the assets with <code>make assets</code>.</p>";
    });
})();
