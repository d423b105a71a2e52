// Comptoir pages: the CSRF token on every htmx request, and charts drawn with uPlot from
// data-chart attributes (JSON written by the server, escaped by the templates).
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  // after htmx changed the address, the language switch must come back to the new one
  document.addEventListener("htmx:pushedIntoHistory", function () {
    var link = document.querySelector("a.lang");
    if (link) {
      var url = new URL(link.href);
      url.searchParams.set("next", location.pathname + location.search);
      link.href = url.pathname + url.search;
    }
  });

  // <div data-chart='{"kind":"line"|"bars","labels":["2026-11-01",...],
  //   "series":[{"label":"Reads","values":[1,2,...]}]}' data-chart-title="..."></div>
  var colors = ["#1f5fa8", "#b3261e", "#2e7d32", "#8a4b00", "#6a3d9a"];

  function draw(element) {
    if (element.dataset.drawn || typeof uPlot === "undefined") {
      return;
    }
    var spec = JSON.parse(element.getAttribute("data-chart"));
    var xs = spec.labels.map(function (_, i) { return i; });
    var data = [xs].concat(spec.series.map(function (s) { return s.values; }));
    var bars = spec.kind === "bars";
    var series = [{
      label: "",
      value: function (u, v) { return v == null ? "" : (spec.labels[v] === undefined ? "" : spec.labels[v]); }
    }].concat(spec.series.map(function (s, i) {
      var one = { label: s.label, stroke: colors[i % colors.length], width: 2 };
      if (bars) {
        one.fill = colors[i % colors.length];
        one.paths = uPlot.paths.bars({ size: [0.6 / spec.series.length, 60], align: i === 0 ? -1 : 1 });
      }
      return one;
    }));
    var width = Math.max(280, Math.min(element.clientWidth || 640, 960));
    new uPlot({
      width: width,
      height: 240,
      series: series,
      scales: { x: { time: false } },
      axes: [
        { space: 80, values: function (u, splits) {
            return splits.map(function (v) { return spec.labels[v] === undefined ? "" : spec.labels[v]; });
          } },
        {}
      ]
    }, data, element);
    element.dataset.drawn = "true";
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
