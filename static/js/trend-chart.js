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
  window.Plotly.newPlot(target, figure.data, figure.layout, {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: ["sendDataToCloud"]
  });
})();
