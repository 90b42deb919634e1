// Recherche du guide : l’interface de Pagefind (pagefind-ui.js, écrite avec l’index dans
// pagefind/) montée en français dans la boîte de dialogue de l’en-tête.
// The header survives Material's instant navigation, so this runs once per full page load.
(function () {
  "use strict";
  var dialog = document.getElementById("recherche");
  var opener = document.querySelector(".recettes-recherche__ouvrir");
  if (!dialog || !opener) return;

  var NBSP = "\u00a0";
  var quoted = "«" + NBSP + "[SEARCH_TERM]" + NBSP + "»";
  var translations = {
    placeholder: "Rechercher dans le guide",
    clear_search: "Effacer",
    load_more: "Afficher plus de résultats",
    search_label: "Rechercher dans le guide",
    filters_label: "Filtres",
    zero_results: "Aucun résultat pour " + quoted,
    many_results: "[COUNT]" + NBSP + "résultats pour " + quoted,
    one_result: "[COUNT]" + NBSP + "résultat pour " + quoted,
    total_zero_results: "Aucun résultat",
    total_one_result: "[COUNT]" + NBSP + "résultat",
    total_many_results: "[COUNT]" + NBSP + "résultats",
    alt_search: "Aucun résultat pour " + quoted + ". Résultats pour «" + NBSP + "[DIFFERENT_TERM]" + NBSP + "» à la place",
    search_suggestion: "Aucun résultat pour " + quoted + ". Essayez l’une de ces recherches" + NBSP + ":",
    searching: "Recherche de " + quoted + "…",
    results_label: "Résultats de la recherche",
    keyboard_navigate: "naviguer",
    keyboard_select: "choisir",
    keyboard_clear: "effacer",
    keyboard_close: "fermer",
    keyboard_search: "rechercher",
    error_search: "La recherche a échoué",
    filter_selected_one: "[COUNT]" + NBSP + "sélectionné",
    filter_selected_many: "[COUNT]" + NBSP + "sélectionnés",
    input_hint: "Les résultats s’affichent pendant la saisie",
    loading: "Chargement…"
  };

  // The index holds apostrophes inside words as U+0027 (see recettes.site.search) and also
  // the word after an elision on its own: a typed « l’accueil » looks for « accueil », which
  // finds « l’accueil », « d’accueil » and « accueil ». Excerpts get the typographic one back.
  var ELISION = /(^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019\u02bc](?=\p{L})/giu;
  function processTerm(term) {
    return term.replace(ELISION, "$1").replace(/(\p{L})[\u2019\u02bc](?=\p{L})/gu, "$1'");
  }
  function typographic(text) {
    return (text || "").replace(/(\p{L})'(?=\p{L})/gu, "$1\u2019");
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function processResult(result) {
    var meta = result.meta || {};
    meta.title = typographic(meta.title);
    var summary = typographic(meta["résumé"]), place = typographic(meta["territoire"]);
    delete meta["résumé"];
    delete meta["territoire"];
    // Pagefind shows the page's own excerpt only when the first sub-result is the page itself:
    // that one carries the summary and territory; the heading that repeats the title goes.
    var url = meta.url || result.url;
    var subs = (result.sub_results || []).filter(function (sub) {
      return sub.url !== url && typographic(sub.title) !== meta.title;
    });
    subs.forEach(function (sub) {
      sub.title = typographic(sub.title);
      sub.excerpt = typographic(sub.excerpt);
    });
    if (summary || place) {
      result.excerpt = (place ? '<span class="recettes-resultat__territoire">' + escapeHtml(place) + "</span> " : "")
        + escapeHtml(summary || "");
    } else {
      result.excerpt = typographic(result.excerpt);
    }
    subs.unshift({ title: meta.title, url: url, excerpt: result.excerpt });
    result.sub_results = subs;
    return result;
  }

  window.RecettesRecherche = { terme: processTerm };  // what the box does to a typed query (tests)

  var bundle = new URL(dialog.getAttribute("data-bundle"), document.baseURI);
  // Pagefind's interface imports the index's API from here: assets/recettes/pagefind.js, which
  // fetches the filters only when « Filtrer les résultats » is pressed.
  var api = new URL(dialog.getAttribute("data-api") || dialog.getAttribute("data-bundle"), document.baseURI);
  var filtrer = dialog.querySelector(".recettes-recherche__filtrer");
  var filtresCharges = false;
  var mounted = false;
  function mount() {
    if (mounted || typeof PagefindUI === "undefined") return;
    mounted = true;
    var ui = new PagefindUI({
      element: "#recherche-pagefind",
      bundlePath: api.pathname,
      baseUrl: new URL("..", bundle).pathname,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true,
      translations: translations,
      processTerm: processTerm,
      processResult: processResult
    });
    // Pagefind's field has a title but no label (axe: label-title-only): the dialog's title is one.
    var input = dialog.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-labelledby", "recherche-titre");
    var drawer = dialog.querySelector(".pagefind-ui__drawer");
    if (!filtrer || !input || !drawer || !dialog.getAttribute("data-api")) return;
    drawer.parentNode.insertBefore(filtrer, drawer);  // under the field, above the results
    input.addEventListener("input", function () {
      if (!filtresCharges) filtrer.hidden = !input.value.trim();
    });
    filtrer.addEventListener("click", function () {
      filtrer.disabled = true;
      import(new URL("pagefind.js", api).href).then(function (module) {
        return module.chargerFiltres();
      }).then(function () {
        filtresCharges = true;
        filtrer.hidden = true;
        ui.triggerFilters({});  // the same query again: its answer now counts every filter
        focusFilters(0);
      }, function () {
        filtrer.disabled = false;
      });
    });
    function focusFilters(tries) {
      var first = dialog.querySelector(".pagefind-ui__filter-name");
      if (first) first.focus();
      else if (tries < 50) setTimeout(function () { focusFilters(tries + 1); }, 100);
      else input.focus();
    }
  }
  function open() {
    mount();
    if (!dialog.open) dialog.showModal();
    var input = dialog.querySelector("input");
    if (input) input.focus();
  }

  window.addEventListener("DOMContentLoaded", mount);
  opener.addEventListener("click", open);
  dialog.querySelector(".recettes-recherche__fermer").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
    else if (event.target.closest("a[href]")) dialog.close();  // a result: instant navigation follows it
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (dialog.open || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });
})();
