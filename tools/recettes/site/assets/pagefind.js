// L’interface de recherche de Pagefind importe « pagefind.js » depuis ce dossier : ce module
// lui donne l’API de l’index (../../pagefind/pagefind.js) telle quelle, sauf ses filtres, qui
// ne sont téléchargés que lorsque la lectrice ou le lecteur demande à filtrer, ses
// préchargements, qui lisent la requête comme la recherche la lira, et ses lots, réunis dès
// que l’interface donne ses options.
//
// Pagefind's interface loads every filter of the index as soon as the search opens: at 10,000
// recipes that was 143 KB of the 362 KB a first query downloaded (benchmarks/search.py). Until
// ``chargerFiltres`` is called, ``filters`` answers that there is none, and searches fetch only
// the filters they are given; Pagefind's own code is unchanged.
import * as index from "../../pagefind/pagefind.js";
import { lots } from "../../pagefind/recettes-lots.js";

// A large handbook is indexed in lots, one Pagefind process each, to bound the build's memory
// (recettes.site.search.LOT_BYTES); the bundles of lots 2, 3… are merged into the first one
// here, with the interface's options. Pagefind's merged indexes share the first one's
// WebAssembly (fetched once) and their results are ranked together.
let reunis = null;

export async function options(choix) {
  await index.options(choix);
  if (!reunis) {
    const racine = new URL("../../pagefind/", import.meta.url);
    reunis = Promise.all(lots.map((lot) => index.mergeIndex(new URL(lot, racine).pathname, { ...choix })));
  }
  return reunis;
}
export const init = index.init;
export const destroy = index.destroy;
export const mergeIndex = index.mergeIndex;
export const search = index.search;
export const debouncedSearch = index.debouncedSearch;
// The interface preloads the index chunks of the query at every key typed, before its
// ``processTerm``: « e », then « en », « ene »… each fetched every chunk that may hold a word
// starting with them (591 KB of index for « energie » typed at 10,000 recipes, 63 KB for the
// word itself; « com… » still cost 151 KB with three letters, none with four), and
// « l’accueil » fetched the words in « l… ». Here the query is read as the
// search will read it (recherche.js, ``RecettesRecherche.terme``), and a word still shorter than
// ``PREFIXE_MIN`` letters is not preloaded: the search itself, once typing pauses, fetches what
// it needs.
const PREFIXE_MIN = 4;

export function preload(term, options) {
  const traiter = globalThis.RecettesRecherche && globalThis.RecettesRecherche.terme;
  const lu = traiter ? traiter(term) : term;
  const mots = lu.trim().split(/\s+/);
  if ([...mots[mots.length - 1]].length < PREFIXE_MIN) return Promise.resolve();
  return index.preload(lu, options);
}
export const createInstance = index.createInstance;

let demandes = false;

export async function filters() {
  return demandes ? index.filters() : {};
}

export async function chargerFiltres() {
  demandes = true;
  return index.filters();
}
