// EPFD page: fetch the JSON twin for the form's inputs, draw the simulated complementary CDF
// and the Article 22 limit mask with d3 (served locally), and fill the check table.
(function () {
  "use strict";

  const form = document.getElementById("epfd-form");
  const chart = document.getElementById("epfd-chart");
  const status = document.getElementById("epfd-status");
  const table = document.querySelector("#epfd-check tbody");
  const jsonLink = document.getElementById("epfd-json");
  if (!form || !chart) return;
  if (!window.d3) {
    status.innerHTML = humanictText("chart_d3_missing");
    return;
  }

  const MIN_PERCENT = 1e-4; // the log axis floor; 0 % points are drawn there

  function apiUrl() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") params.append(key, value);
    });
    return "/api/v1/spectrum/epfd?" + params.toString();
  }

  function fmt(x, digits) {
    return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
  }

  function draw(report) {
    const width = 760, height = 380, margin = { top: 16, right: 20, bottom: 48, left: 64 };
    const cdf = report.cdf.map(function (p) {
      return { x: p.epfd_db, y: Math.max(p.percent_exceeded, MIN_PERCENT) };
    });
    const limit = report.limit.curve.map(function (p) {
      return { x: p.epfd_db, y: Math.max(p.percent_exceeded, MIN_PERCENT) };
    });
    const xs = cdf.map(function (p) { return p.x; }).concat(limit.map(function (p) { return p.x; }));
    const x = d3.scaleLinear().domain([d3.min(xs) - 2, d3.max(xs) + 2]).range([margin.left, width - margin.right]);
    const y = d3.scaleLog().domain([MIN_PERCENT, 100]).range([height - margin.bottom, margin.top]);

    chart.innerHTML = "";
    const svg = d3.select(chart).append("svg").attr("viewBox", "0 0 " + width + " " + height);
    svg.append("g").attr("class", "axis x").attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).ticks(10));
    svg.append("g").attr("class", "axis y").attr("transform", "translate(" + margin.left + ",0)")
      .call(d3.axisLeft(y).ticks(6, "~g"));
    svg.append("text").attr("x", (margin.left + width - margin.right) / 2).attr("y", height - 8)
      .attr("text-anchor", "middle").text("epfd, dB(W/m² in " + report.limit.bandwidth_khz + " kHz)");
    svg.append("text").attr("transform", "rotate(-90)").attr("x", -(height / 2)).attr("y", 16)
      .attr("text-anchor", "middle").text("% of time exceeded");

    const step = d3.line().x(function (p) { return x(p.x); }).y(function (p) { return y(p.y); })
      .curve(d3.curveStepAfter);
    svg.append("path").datum(cdf).attr("class", "simulated").attr("d", step);
    const straight = d3.line().x(function (p) { return x(p.x); }).y(function (p) { return y(p.y); });
    svg.append("path").datum(limit).attr("class", "limit").attr("d", straight);
    chart.dataset.rendered = "true";
    chart.dispatchEvent(new CustomEvent("humanict:chart-drawn", { bubbles: true }));
  }

  function fill(report) {
    const check = report.check;
    table.innerHTML = "";
    check.points.forEach(function (p) {
      const row = document.createElement("tr");
      [fmt(p.limit_db, 1), fmt(p.percent_time, 4), fmt(p.simulated_exceeded_percent, 4),
       fmt(p.margin_db, 2), p.passes ? "within" : "exceeded"].forEach(function (text, i) {
        const cell = document.createElement("td");
        cell.textContent = text;
        if (i < 4) cell.className = "num";
        row.appendChild(cell);
      });
      table.appendChild(row);
    });
    status.innerHTML = "";
    const verdict = document.createElement("span");
    verdict.className = "verdict " + (check.passes ? "pass" : "fail");
    verdict.textContent = humanictText(check.passes ? "within_limit" : "exceeds_limit");
    status.appendChild(verdict);
    status.appendChild(document.createTextNode(
      " of " + report.limit.table + " (" + check.diameter_m + " m, " + check.bandwidth_khz +
      " kHz): worst margin " + fmt(check.worst_margin_db, 2) + " dB over " +
      report.summary.time_steps + " time steps of " + report.inputs.satellites +
      " satellites; percentages resolved to " + fmt(check.resolution_percent, 4) + " %."));
  }

  function run() {
    const url = apiUrl();
    jsonLink.href = url;
    jsonLink.textContent = url;
    status.textContent = "Computing…";
    fetch(url).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        chart.innerHTML = "";
        table.innerHTML = "";
        status.textContent = humanictText("error", {error: result.body.error});
        chart.dataset.rendered = "error";
        return;
      }
      draw(result.body);
      fill(result.body);
    });
  }

  run();
})();
