// The geostationary arc near a position: one dot per network, stacked where positions
// coincide, with the coordination arc of the chosen band shaded. Drawn with the local d3.
(function () {
  "use strict";

  const container = document.getElementById("arc-chart");
  const dataNode = document.getElementById("arc-data");
  if (!container || !dataNode) return;
  if (!window.d3) {
    if (!document.getElementById("map-missing")) {
      container.innerHTML = '<p class="notice" role="status">' + humanictText("chart_d3_missing") + "</p>";
    }
    return;
  }
  const d3 = window.d3;
  const data = JSON.parse(dataNode.textContent);

  // Longitudes relative to the centre, so the view may cross the 180° meridian.
  function offset(longitude) {
    let diff = longitude - data.position;
    while (diff > 180) diff -= 360;
    while (diff < -180) diff += 360;
    return diff;
  }
  function label(longitude) {
    let value = longitude;
    while (value > 180) value -= 360;
    while (value < -180) value += 360;
    const rounded = Math.round(value * 100) / 100;
    return Math.abs(rounded) + "°" + (rounded < 0 ? "W" : "E");
  }

  const stacks = new Map();
  const points = data.networks.map(function (n) {
    const key = n.longitude.toFixed(2);
    const level = stacks.get(key) || 0;
    stacks.set(key, level + 1);
    return Object.assign({ x: offset(n.longitude), level: level }, n);
  });
  const tallest = Math.max(1, ...Array.from(stacks.values()));

  const width = 900;
  const row = 9;
  const margin = { top: 40, right: 20, bottom: 36, left: 20 };
  const height = margin.top + margin.bottom + Math.max(120, tallest * row + 20);
  const x = d3.scaleLinear().domain([-data.span, data.span]).range([margin.left, width - margin.right]);
  const base = height - margin.bottom;

  const svg = d3.select(container).append("svg")
    .attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "group")
    .attr("aria-label", points.length + " networks within " + data.span + " degrees of " +
      label(data.position));

  if (data.arc !== null && data.arc !== undefined) {
    const half = Math.min(data.arc, data.span);
    svg.append("rect").attr("class", "coordination-arc")
      .attr("x", x(-half)).attr("width", x(half) - x(-half))
      .attr("y", margin.top - 10).attr("height", base - margin.top + 10)
      .append("title").text(humanictText("arc_title", {arc: data.arc}));
  }

  const axis = d3.axisBottom(x).ticks(10).tickFormat(function (d) { return label(data.position + d); });
  svg.append("g").attr("class", "axis").attr("transform", "translate(0," + base + ")").call(axis);
  svg.append("line").attr("class", "centre")
    .attr("x1", x(0)).attr("x2", x(0)).attr("y1", margin.top - 14).attr("y2", base);
  svg.append("text").attr("class", "centre-label").attr("x", x(0)).attr("y", margin.top - 16)
    .attr("text-anchor", "middle").text(label(data.position));

  function stageClass(stage) {
    if (stage.indexOf("recorded") === 0) return "stage-recorded";
    if (stage.indexOf("notification") === 0) return "stage-notified";
    if (stage.indexOf("coordination") === 0) return "stage-coordination";
    if (stage.indexOf("advance") === 0) return "stage-api";
    if (stage.indexOf("plan") === 0) return "stage-plan";
    return "stage-other";
  }

  svg.append("g").selectAll("a").data(points).enter().append("a")
    .attr("href", function (d) { return "/spectrum/filings/" + encodeURIComponent(d.name); })
    .append("circle")
    .attr("class", function (d) { return "network " + stageClass(d.stage); })
    .attr("cx", function (d) { return x(d.x); })
    .attr("cy", function (d) { return base - 8 - d.level * row; })
    .attr("r", 3.5)
    .append("title")
    .text(function (d) { return d.name + " (" + d.administration + "), " + label(d.longitude) + ": " + d.stage; });

  const legend = d3.select(container).append("ul").attr("class", "legend");
  [["stage-recorded", "stage_recorded"], ["stage-notified", "stage_notified"],
   ["stage-coordination", "stage_coordination"], ["stage-api", "stage_api"],
   ["stage-plan", "stage_plan"], ["stage-other", "stage_other"]].forEach(function (item) {
    const li = legend.append("li");
    li.append("span").attr("class", "swatch " + item[0]).attr("aria-hidden", "true");
    li.append("span").text(humanictText(item[1]));
  });
  container.dataset.rendered = "true";
  container.dispatchEvent(new CustomEvent("humanict:chart-drawn", { bubbles: true }));
})();
