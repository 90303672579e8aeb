/* tebiki default theme behaviour. Plain script (no modules), so it also runs
   when the site is opened from disk (file://). Everything on the page works
   without it; it only adds comfort. */
(function () {
  "use strict";

  // Open the question a link points at.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.tagName === "DETAILS") el.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
