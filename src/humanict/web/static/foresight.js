// Gap radar: topics as points, coverage on x, emergence on y, drawn with the local d3.
(function () {
  "use strict";

  const container = document.getElementById("radar");
  const dataNode = document.getElementById("radar-data");
  if (!container || !dataNode) return;
  if (!window.d3) {
    if (!document.getElementById("radar-missing")) {
      container.innerHTML = '<p class="notice" role="status">' + humanictText("chart_d3_missing") + "</p>";
    }
    return;
  }
  const d3 = window.d3;
  const points = JSON.parse(dataNode.textContent);
  const width = 640, height = 420, margin = { top: 16, right: 16, bottom: 48, left: 56 };
  const x = d3.scaleLinear().domain([0, 1]).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  const size = d3.scaleSqrt()
    .domain([0, d3.max(points, function (p) { return p.records; }) || 1])
    .range([3, 16]);
  const colour = d3.scaleSequential(d3.interpolateOrRd).domain([0, 1]);

  const svg = d3.select(container).append("svg")
    .attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "group")
    .attr("aria-label", humanictText("radar_label", {n: points.length}));
  svg.append("rect").attr("class", "quadrant")
    .attr("x", x(0)).attr("y", y(1)).attr("width", x(0.5) - x(0)).attr("height", y(0.5) - y(1));
  svg.append("g").attr("class", "axis")
    .attr("transform", "translate(0," + (height - margin.bottom) + ")")
    .call(d3.axisBottom(x).ticks(5));
  svg.append("g").attr("class", "axis")
    .attr("transform", "translate(" + margin.left + ",0)")
    .call(d3.axisLeft(y).ticks(5));
  svg.append("text").attr("class", "axis-label").attr("x", (margin.left + width) / 2)
    .attr("y", height - 10).attr("text-anchor", "middle")
    .text(humanictText("radar_axis"));
  svg.append("text").attr("class", "axis-label").attr("transform", "rotate(-90)")
    .attr("x", -(height - margin.bottom + margin.top) / 2).attr("y", 16)
    .attr("text-anchor", "middle").text("emergence (percentile)");

  const dots = svg.append("g").selectAll("a").data(points).enter().append("a")
    .attr("href", function (p) { return p.href; })
    .attr("class", "topic-point")
    .attr("data-topic", function (p) { return p.topic; })
    .attr("aria-label", function (p) {
      return humanictText("radar_point", {rank: p.rank, label: p.label, gap: p.gap.toFixed(3)});
    });
  dots.append("circle")
    .attr("cx", function (p) { return x(p.coverage); })
    .attr("cy", function (p) { return y(p.emergence); })
    .attr("r", function (p) { return size(p.records); })
    .attr("fill", function (p) { return colour(p.gap); });
  dots.append("title").text(function (p) {
    return "#" + p.rank + " " + p.label + "\ngap " + p.gap.toFixed(3) + ", emergence " +
      p.emergence.toFixed(2) + ", coverage " + p.coverage.toFixed(2) + ", " + p.records + " signals";
  });
  container.dataset.rendered = "true";
  container.dispatchEvent(new CustomEvent("humanict:chart-drawn", { bubbles: true }));
})();
