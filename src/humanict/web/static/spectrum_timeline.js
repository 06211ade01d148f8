// A filing's timeline: filings, bringing into use and suspensions above the axis, regulatory
// deadlines (coloured by status) below it, and the as-of date. Drawn with the local d3.
(function () {
  "use strict";

  const container = document.getElementById("timeline-chart");
  const dataNode = document.getElementById("timeline-data");
  if (!container || !dataNode) return;
  if (!window.d3) {
    if (!document.getElementById("map-missing")) {
      container.innerHTML = '<p class="notice" role="status">' + humanictText("chart_d3_missing") + "</p>";
    }
    return;
  }
  const d3 = window.d3;
  const data = JSON.parse(dataNode.textContent);
  const parse = d3.utcParse("%Y-%m-%d");
  const events = data.events.map(function (e) { return Object.assign({ when: parse(e.date) }, e); });
  const asOf = parse(data.as_of);

  const width = 900;
  const height = 220;
  const margin = { top: 20, right: 30, bottom: 30, left: 30 };
  const dates = events.map(function (e) { return e.when; }).concat([asOf]);
  const x = d3.scaleUtc().domain(d3.extent(dates)).nice().range([margin.left, width - margin.right]);
  const axisY = height / 2;

  const svg = d3.select(container).append("svg")
    .attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "img")
    .attr("aria-label", humanictText("timeline_label", {name: data.network.name, n: events.length}));

  svg.append("g").attr("class", "axis").attr("transform", "translate(0," + axisY + ")")
    .call(d3.axisBottom(x).ticks(8));
  svg.append("line").attr("class", "as-of")
    .attr("x1", x(asOf)).attr("x2", x(asOf)).attr("y1", margin.top).attr("y2", height - margin.bottom);
  const nearRight = x(asOf) > width - 160;
  svg.append("text").attr("class", "as-of-label")
    .attr("x", nearRight ? x(asOf) - 4 : x(asOf) + 4).attr("y", margin.top + 8)
    .attr("text-anchor", nearRight ? "end" : "start")
    .text(humanictText("as_of", {date: data.as_of}));

  const deadlines = events.filter(function (e) { return e.kind === "deadline"; });
  const facts = events.filter(function (e) { return e.kind !== "deadline"; });

  function place(list, above) {
    const group = svg.append("g");
    const marks = group.selectAll("g").data(list).enter().append("g")
      .attr("class", function (e) {
        return "event kind-" + e.kind + (e.status ? " status-" + e.status : "");
      })
      .attr("transform", function (e, i) {
        const lift = 22 + (i % 3) * 22;
        return "translate(" + x(e.when) + "," + (above ? axisY - lift : axisY + 18 + lift) + ")";
      });
    marks.append("line").attr("class", "stem").attr("x1", 0).attr("x2", 0)
      .attr("y1", 0).attr("y2", function (e, i) {
        const lift = 22 + (i % 3) * 22;
        return above ? lift : -(18 + lift);
      });
    marks.append(above ? "circle" : "rect")
      .attr("r", 5).attr("x", -5).attr("y", -5).attr("width", 10).attr("height", 10);
    marks.append("title").text(function (e) {
      return e.date + ": " + e.label + (e.rule ? " (" + e.rule + ")" : "") +
        (e.status ? ", " + e.status : "");
    });
  }
  place(facts, true);
  place(deadlines, false);

  const legend = d3.select(container).append("ul").attr("class", "legend");
  [["event-mark", "event_mark"],
   ["status-met", "deadline_met"], ["status-due", "deadline_due"],
   ["status-lapsed", "deadline_lapsed"], ["status-unknown", "deadline_unknown"]]
    .forEach(function (item) {
      const li = legend.append("li");
      li.append("span").attr("class", "swatch " + item[0]).attr("aria-hidden", "true");
      li.append("span").text(humanictText(item[1]));
    });
  container.dataset.rendered = "true";
  container.dispatchEvent(new CustomEvent("humanict:chart-drawn", { bubbles: true }));
})();
