/* Carte des recettes : un marqueur par recette située, filtre par thématique.
   Script de tout le site, minuscule : il ne charge Leaflet que sur une page qui a une carte, et
   recommence après chaque navigation instantanée de Material (document$).
   La liste à côté de la carte est écrite dans la page : elle reste utilisable sans tuiles ni script. */
(function () {
  "use strict";
  var loading = null;

  function load(assets) {
    if (window.L) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = assets + "leaflet/leaflet.css";
        document.head.appendChild(css);
        var js = document.createElement("script");
        js.src = assets + "leaflet/leaflet.js";
        js.onload = resolve;
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }
    return loading;
  }

  function init() {
    var box = document.getElementById("carte-recettes");
    if (!box || box.dataset.ready !== undefined) { return; }
    load(box.dataset.assets).then(function () { draw(box); }, function () {
      box.classList.add("carte-erreur");
      box.dataset.ready = "erreur";
    });
  }

  function draw(box) {
    var select = document.getElementById("carte-thematique");
    var items = Array.prototype.slice.call(document.querySelectorAll("#carte-liste li"));
    var links = {};
    items.forEach(function (item) { links[item.dataset.slug] = item.querySelector("a"); });
    var markers = [];
    L.Icon.Default.imagePath = box.dataset.assets + "leaflet/images/";
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false }).setView([48.2, -3.0], 7);
    // Leaflet's controls speak English: the handbook's are in French.
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/" title="Bibliothèque de cartes interactives">Leaflet</a>');
    map.on("popupopen", function (event) {
      var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", "Fermer"); close.title = "Fermer"; }
    });
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18 }).addTo(map);
    var layer = L.featureGroup().addTo(map);

    function wanted(themes) {
      var theme = select ? select.value : "";
      return !theme || themes.indexOf(theme) >= 0;
    }

    function apply() {
      markers.forEach(function (marker) {
        if (wanted(marker.themes)) { layer.addLayer(marker); } else { layer.removeLayer(marker); }
      });
      items.forEach(function (item) { item.hidden = !wanted((item.dataset.themes || "").split(" ")); });
      box.dataset.visible = String(layer.getLayers().length);
    }

    fetch(box.dataset.geojson)
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        data.features.forEach(function (feature) {
          var p = feature.properties, c = feature.geometry.coordinates;
          var marker = L.marker([c[1], c[0]], { title: p.title, alt: p.title, riseOnHover: true });
          var link = document.createElement("a");
          link.href = links[p.slug] ? links[p.slug].getAttribute("href") : p.url;
          link.textContent = p.title;
          marker.bindPopup(link);
          marker.themes = p.themes || [];
          markers.push(marker);
        });
        apply();
        if (markers.length) { map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 11 }); }
        box.dataset.ready = String(markers.length);
      })
      .catch(function () {
        box.classList.add("carte-erreur");
        box.dataset.ready = "erreur";
      });

    if (select) { select.addEventListener("change", apply); }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
