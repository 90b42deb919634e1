#!/usr/bin/env bash
# Vendor Leaflet from the npm registry into the package (no CDN at run time).
# Usage: tools/scripts/vendor-leaflet.sh [VERSION]   (default 1.9.4); then commit the result.
set -euo pipefail
VERSION="${1:-1.9.4}"
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
DEST="$HERE/tools/recettes/assets/map/leaflet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "leaflet@$VERSION" >/dev/null && tar xzf "leaflet-$VERSION.tgz")
rm -rf "$DEST"
mkdir -p "$DEST/images"
cp "$WORK/package/dist/leaflet.js" "$WORK/package/dist/leaflet.css" "$WORK/package/LICENSE" "$DEST/"
cp "$WORK/package/dist/images/"*.png "$DEST/images/"
echo "$VERSION" > "$DEST/VERSION"
(cd "$DEST" && sha256sum leaflet.js leaflet.css images/*.png > SHA256SUMS)
echo "Leaflet $VERSION vendored in ${DEST#"$HERE"/}"
