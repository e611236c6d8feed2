// Draws the indicator's trend chart from the figure JSON the server put in the page
// (<script type="application/json" id="trend-data">), with the CSP-safe plotly bundle.
(function () {
  "use strict";
  var data = document.getElementById("trend-data");
  var target = document.getElementById("trend-chart");
  if (!data || !target || !window.Plotly) {
    return;
  }
  var figure = JSON.parse(data.textContent);
  // No mode bar: its buttons would be focusable inside a chart hidden from assistive
  // technology (the table below is the chart's text alternative).
  window.Plotly.newPlot(target, figure.data, figure.layout, {
    displaylogo: false,
    displayModeBar: false,
    responsive: true
  });
})();
