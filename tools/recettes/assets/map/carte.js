/* Carte des recettes : les recettes (lieu d’origine) et leurs reproductions, filtre par thématique,
   contours des départements et des régions fournis avec le paquet (la carte reste lisible sans tuiles).

   Script de tout le site, minuscule : il ne charge Leaflet que sur une page qui a une carte.
   La navigation instantanée de Material (navigation.instant) remplace le contenu de la page sans
   la recharger, et retire de <head> tout ce qui n’est pas dans la page suivante. D’où trois règles :
   - ce qui dépend de la page est déclaré par la page (la feuille de style de Leaflet est un <link>
     du contenu, les adresses des données sont des liens <a href>, que Material rend absolus) ;
   - les adresses des fichiers du script viennent de l’adresse du script lui-même, jamais de la page
     où l’on se trouve ;
   - chaque nouvelle page (document$) défait la carte précédente (map.remove) et dessine la sienne.
   La liste à côté de la carte est écrite dans la page : elle reste utilisable sans tuiles ni script. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src$="carte/carte.js"]');
  var ASSETS = script && script.src ? new URL(".", script.src).href : null;
  var loading = null;
  var current = null;  // {box, map}: the map drawn on the page shown now

  function load() {
    if (window.L) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var js = document.createElement("script");
        js.src = ASSETS + "leaflet/leaflet.js";
        js.onload = resolve;
        js.onerror = function () { loading = null; reject(new Error("leaflet")); };
        document.head.appendChild(js);  // removed by the next instant navigation: L stays
      });
    }
    return loading;
  }

  function teardown() {
    if (current && !document.body.contains(current.box)) {
      current.map.remove();
      current = null;
    }
  }

  function init() {
    teardown();
    var box = document.getElementById("carte-recettes");
    if (!box || box.dataset.ready !== undefined || box.dataset.drawing || !ASSETS) { return; }
    box.dataset.drawing = "1";  // a second document$ for the same page does nothing
    load().then(function () { draw(box); }, function () { failed(box); });
  }

  function failed(box) {
    box.classList.add("carte-erreur");
    box.dataset.ready = "erreur";
  }

  function href(id) {
    var link = document.getElementById(id);
    return link ? link.href : null;  // absolute: resolved by the browser (and by Material)
  }

  /* The same shapes as the legend written in the page: a round pin for a recipe where it was
     born, a square one for a reproduction, so they differ without colour. */
  var SHAPES = {
    recipe: '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
      + '<circle cx="12" cy="12" r="8.5"/><circle class="carte-marqueur__coeur" cx="12" cy="12" r="3"/></svg>',
    reproduction: '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
      + '<rect x="4" y="4" width="16" height="16" rx="1.5"/><rect class="carte-marqueur__coeur" x="9.5" y="9.5" width="5" height="5"/></svg>'
  };

  function icon(kind) {
    return L.divIcon({ className: "carte-marqueur carte-marqueur--" + kind, html: SHAPES[kind],
                       iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10], tooltipAnchor: [12, 0] });
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) { el.className = className; }
    return el;
  }

  function link(url, label) {
    var a = text("a", label);
    a.href = url;
    return a;
  }

  function draw(box) {
    delete box.dataset.drawing;
    var select = document.getElementById("carte-thematique");
    var items = Array.prototype.slice.call(document.querySelectorAll("#carte-liste li"));
    var pages = {};  // slug -> address of its page, as written in the list (relative to this site)
    items.forEach(function (item) {
      var a = item.querySelector("a");
      if (a && item.dataset.slug) { pages[item.dataset.slug] = a.href; }
    });
    var root = new URL(box.dataset.racine || "../", location.href).href;
    var published = box.dataset.site || "";
    function local(url) {  // the site's own addresses, on the host that serves this page
      return url && published && url.indexOf(published) === 0 ? root + url.slice(published.length) : url;
    }

    L.Icon.Default.imagePath = ASSETS + "leaflet/images/";
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false }).setView([48.2, -3.0], 7);
    current = { box: box, map: map };
    // Leaflet's controls speak English: the handbook's are in French.
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/" title="Bibliothèque de cartes interactives">Leaflet</a>');
    map.on("popupopen", function (event) {
      var element = event.popup.getElement();
      var close = element && element.querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", "Fermer"); close.title = "Fermer"; }
    });
    box.addEventListener("keydown", function (event) {  // Leaflet closes on Échap only when the map itself has the focus
      if (event.key === "Escape" && box.querySelector(".leaflet-popup")) { map.closePopup(); event.stopPropagation(); }
    });

    var tiles = L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18 }).addTo(map);
    var failedTiles = 0;
    tiles.on("tileerror", function () {
      failedTiles += 1;
      if (box.dataset.tuiles !== "absentes") {
        box.dataset.tuiles = "absentes";
        box.classList.add("carte--sans-tuiles");
        var note = document.getElementById("carte-sans-tuiles");
        if (note) { note.hidden = false; }
      }
    });
    tiles.on("tileload", function () { box.dataset.tuiles = box.dataset.tuiles || "chargees"; });

    function distance() { box.classList.toggle("carte--loin", map.getZoom() < 7); }
    map.on("zoomend", distance);
    distance();
    map.attributionControl.addAttribution("Contours\u00a0: Natural Earth");

    map.createPane("carte-lieux").style.zIndex = 550;  // place names under the markers, over the outlines

    var outlines = L.featureGroup().addTo(map);
    var lines = L.featureGroup().addTo(map);
    var layer = L.featureGroup().addTo(map);
    var places = L.layerGroup().addTo(map);
    var markers = [];

    function wanted(themes) {
      var theme = select ? select.value : "";
      return !theme || themes.indexOf(theme) >= 0;
    }

    function apply() {
      markers.forEach(function (marker) {
        var show = wanted(marker.themes);
        if (show) { layer.addLayer(marker); } else { layer.removeLayer(marker); }
        if (marker.line) { if (show) { lines.addLayer(marker.line); } else { lines.removeLayer(marker.line); } }
      });
      items.forEach(function (item) { item.hidden = !wanted((item.dataset.themes || "").split(" ")); });
      // One label per place shown (many recipes share a commune's centre), drawn when tiles are missing.
      places.clearLayers();
      var named = {};
      layer.getLayers().forEach(function (m) {
        var at = m.getLatLng(), key = at.lat.toFixed(4) + "," + at.lng.toFixed(4);
        if (!m.place || named[key]) { return; }
        named[key] = true;
        places.addLayer(L.tooltip({ permanent: true, direction: "right", offset: [10, 0], interactive: false,
                                    className: "carte-lieu", pane: "carte-lieux" }).setLatLng(at).setContent(m.place));
      });
      var shown = layer.getLayers();
      box.dataset.visible = String(shown.length);
      box.dataset.reproductions = String(shown.filter(function (m) { return m.kind === "reproduction"; }).length);
    }

    function outline(data) {
      L.geoJSON(data, {
        interactive: false,
        style: function (feature) {
          return feature.properties.niveau === "region"
            ? { className: "carte-contour carte-contour--region", weight: 2, fill: false }
            : { className: "carte-contour carte-contour--departement", weight: 1, fillOpacity: 0.35 };
        },
        onEachFeature: function (feature, shape) {
          if (feature.properties.niveau !== "region") {
            shape.bindTooltip(feature.properties.nom, { permanent: true, direction: "center",
                                                         className: "carte-contour-nom", interactive: false });
          }
        }
      }).addTo(outlines);
      outlines.bringToBack();
      box.dataset.contours = String(data.features.length);
    }

    function marker(feature, origins) {
      var p = feature.properties, c = feature.geometry.coordinates;
      var kind = p.kind === "reproduction" ? "reproduction" : "recipe";
      var origin = kind === "reproduction" ? origins[p.recipe] : null;
      var place = p.territory || "";
      var label = kind === "recipe"
        ? p.title + (place ? " — " + place : "") + " (recette, lieu d’origine)"
        : p.title + (place ? " — reproduite à " + place : " (reproduction)");
      var m = L.marker([c[1], c[0]], { icon: icon(kind), title: label, keyboard: true, riseOnHover: true });
      m.kind = kind;
      m.place = place;
      m.themes = p.themes || (origin && origin.properties.themes) || [];
      var popup = document.createElement("div");
      popup.appendChild(text("p", kind === "recipe" ? "Recette" : "Reproduction", "carte-popup__genre"));
      popup.appendChild(link(kind === "recipe" ? (pages[p.slug] || local(p.url)) : local(p.url), p.title));
      if (place) { popup.appendChild(text("p", place, "carte-popup__lieu")); }
      if (kind === "reproduction" && p.recipe) {
        var from = document.createElement("p");
        from.appendChild(document.createTextNode("Reproduit\u00a0: "));
        from.appendChild(link(pages[p.recipe] || (origin ? local(origin.properties.url) : root + "recettes/" + encodeURIComponent(p.recipe) + "/"),
                              origin ? origin.properties.title : p.recipe));
        popup.appendChild(from);
        if (origin) {
          var o = origin.geometry.coordinates;
          m.line = L.polyline([[o[1], o[0]], [c[1], c[0]]], { className: "carte-filiation", weight: 2, dashArray: "4 6", interactive: false });
        }
      }
      m.bindPopup(popup);
      // Opened from the keyboard (Entrée on the marker): the focus goes into the popup, and back
      // to the marker when it closes (Échap, or its button).
      var fromKeyboard = false;
      m.on("popupopen", function () {
        fromKeyboard = m.getElement() === document.activeElement;
        var first = popup.querySelector("a");
        if (fromKeyboard && first) { first.focus(); }
      });
      m.on("popupclose", function () {
        if (fromKeyboard && m.getElement()) { m.getElement().focus(); }
        fromKeyboard = false;
      });
      m.bindTooltip(place || p.title, { direction: "right", className: "carte-etiquette" });
      m.on("add", function () {
        var element = m.getElement();
        if (element) { element.setAttribute("aria-label", label); }
      });
      return m;
    }

    // The list beside the map holds what the map shows: each recipe's reproductions go under it.
    function list(features) {
      var byRecipe = {};
      items.forEach(function (item) { byRecipe[item.dataset.slug] = item; });
      features.forEach(function (f) {
        var p = f.properties, item = byRecipe[p.recipe];
        if (p.kind !== "reproduction" || !item) { return; }
        var sub = item.querySelector("ul.carte-liste__reproductions");
        if (!sub) {
          sub = document.createElement("ul");
          sub.className = "carte-liste__reproductions";
          sub.setAttribute("aria-label", "Reproductions");
          item.appendChild(sub);
        }
        var li = document.createElement("li");
        li.appendChild(document.createTextNode("Reproduction\u00a0: "));
        li.appendChild(link(local(p.url), p.title));
        if (p.territory) { li.appendChild(document.createTextNode(" — " + p.territory)); }
        sub.appendChild(li);
      });
    }

    function json(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
    }

    json(ASSETS + "contours/france.geojson").then(outline, function () { box.dataset.contours = "erreur"; });

    var source = href("carte-donnees");
    (source ? json(source) : Promise.reject(new Error("source"))).then(function (data) {
      if (current === null || current.box !== box) { return; }  // the reader has left the page
      var origins = {};
      data.features.forEach(function (f) {
        if (f.properties.kind !== "reproduction" && f.properties.slug) { origins[f.properties.slug] = f; }
      });
      data.features.forEach(function (f) {
        if (f.geometry && f.geometry.type === "Point") { markers.push(marker(f, origins)); }
      });
      list(data.features);
      apply();
      if (markers.length) { map.fitBounds(layer.getBounds(), { paddingTopLeft: [30, 30], paddingBottomRight: [100, 30], maxZoom: 11 }); }
      box.dataset.ready = String(markers.length);
    }).catch(function () { failed(box); });

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
