// Draws the indicator's trend chart from the figure JSON the server put in the page
// (<script type="application/json" id="trend-data">), with the CSP-safe plotly bundle.
//
// Plotly cuts a long title off rather than wrapping it, so the title is wrapped here into
// lines that fit the chart's width (measured with the title's own font), the top margin is
// made room for the lines, and both are done again whenever the chart's width changes.
// The server sends the title already wrapped for a narrow chart, so it fits without this.
(function () {
  "use strict";
  var data = document.getElementById("trend-data");
  var target = document.getElementById("trend-chart");
  if (!data || !target || !window.Plotly) {
    return;
  }
  var figure = JSON.parse(data.textContent);
  var layout = figure.layout;
  var meta = layout.meta || {};
  var canvas = document.createElement("canvas").getContext("2d");
  // Room kept free at the right of each line, for the title's left padding and font rounding.
  var SLACK = 12;
  // The width a legend entry's symbol and spacing take before its name.
  var LEGEND_SYMBOL = 56;

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function titleFont() {
    var size = (layout.title.font && layout.title.font.size) || 16;
    return size + "px " + ((layout.font && layout.font.family) || "sans-serif");
  }

  function legendFont() {
    return ((layout.font && layout.font.size) || 14) + "px " + ((layout.font && layout.font.family) || "sans-serif");
  }

  // Greedy: as many words on a line as fit; a word wider than a line is split by characters.
  function wrap(text, width, font) {
    canvas.font = font || titleFont();
    var fits = function (line) { return canvas.measureText(line).width <= width; };
    var lines = [];
    var line = "";
    text.split(/\s+/).filter(Boolean).forEach(function (word) {
      var candidate = line ? line + " " + word : word;
      if (fits(candidate)) {
        line = candidate;
        return;
      }
      if (line) {
        lines.push(line);
      }
      line = "";
      while (!fits(word) && word.length > 1) {
        var cut = word.length - 1;
        while (cut > 1 && !fits(word.slice(0, cut))) {
          cut -= 1;
        }
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    });
    if (line) {
      lines.push(line);
    }
    return lines.length ? lines : [""];
  }

  function titleLayout(width) {
    var lines = wrap(meta.title, Math.max(width - SLACK, 40));
    return {
      "title.text": lines.map(escapeText).join("<br>"),
      "margin.t": meta.titlePadTop + meta.titleLineHeight * lines.length + meta.titleGap
    };
  }

  // Plotly sets a title of several lines higher than one of one line (its first line's top
  // goes above the chart), so the drawn title is measured and moved down to sit inside the
  // chart, with the margin below it made to fit.
  function settleTitle() {
    var svg = target.querySelector(".main-svg");
    var title = target.querySelector(".gtitle");
    if (!svg || !title) {
      return Promise.resolve();
    }
    var top = svg.getBoundingClientRect().top;
    var box = title.getBoundingClientRect();
    var down = Math.max(0, Math.ceil(meta.titlePadTop / 2 - (box.top - top)));
    var margin = Math.ceil(box.bottom - top) + down + meta.titleGap;
    if (!down && margin <= layout.margin.t) {
      return Promise.resolve();
    }
    return window.Plotly.relayout(target, {
      "title.pad.t": layout.title.pad.t + down,
      "margin.t": Math.max(margin, layout.margin.t)
    });
  }

  // Legend entries do not wrap either: on a narrow chart a long benchmark name is wrapped
  // into lines beside its symbol (the names are plain text from the server, already escaped).
  var names = figure.data.map(function (trace) { return trace.name; });
  function legendNames(width) {
    var room = Math.max(width - LEGEND_SYMBOL, 40);
    return names.map(function (name) {
      if (typeof name !== "string") {
        return name;
      }
      var plain = name.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      return wrap(plain, room, legendFont()).map(escapeText).join("<br>");
    });
  }

  var drawnWidth = null;
  function rewrapTitle() {
    var width = target.clientWidth;
    if (!width || width === drawnWidth || typeof meta.title !== "string") {
      return;
    }
    drawnWidth = width;
    var update = titleLayout(width);
    window.Plotly.restyle(target, {name: legendNames(width)}).then(function () {
      if (update["title.text"] !== layout.title.text) {
        update["title.pad.t"] = meta.titlePadTop;
        return window.Plotly.relayout(target, update).then(settleTitle);
      }
    });
  }

  if (typeof meta.title === "string" && target.clientWidth) {
    var first = titleLayout(target.clientWidth);
    layout.title.text = first["title.text"];
    layout.margin.t = first["margin.t"];
    drawnWidth = target.clientWidth;
    legendNames(target.clientWidth).forEach(function (name, index) {
      figure.data[index].name = name;
    });
  }
  // No mode bar: its buttons would be focusable inside a chart hidden from assistive
  // technology (the table below is the chart's text alternative).
  window.Plotly.newPlot(target, figure.data, layout, {
    displaylogo: false,
    displayModeBar: false,
    responsive: true
  }).then(function () {
    layout = target.layout;
    return settleTitle();
  }).then(function () {
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(rewrapTitle, 120);
    });
  });
})();
