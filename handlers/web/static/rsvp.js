// Shows the event's time in the guest's own time zone when it differs from the event's.
(function () {
  "use strict";
  var el = document.getElementById("local-time");
  if (!el || !window.Intl) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === el.dataset.zone) { return; }
  var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
  var lang = document.documentElement.lang || "en";
  var day = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long" });
  var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  el.textContent = el.dataset.label + ": " + day.format(start) + ", " +
    time.format(start) + "–" + time.format(end) + " (" + zone + ")";
  el.hidden = false;
})();
