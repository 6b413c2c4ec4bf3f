#!/usr/bin/env bash
# Vendor the dashboard's front-end files and the country boundaries, ONCE, by a
# developer with npm registry access. The committed outputs are what ships;
# nothing is downloaded at run time.
#
#   scripts/vendor_assets.sh          # from the repository root
#
# Writes:
#   src/sitroom/serve/static/vendor/leaflet.{js,css}                 (Leaflet 1.9.4, BSD-2-Clause)
#   src/sitroom/serve/static/vendor/leaflet.markercluster.js, MarkerCluster*.css (1.5.3, MIT)
#   src/sitroom/data/world_110m.geojson  (world-atlas 2.0.2 countries-110m -> GeoJSON, 2 decimals)
#   src/sitroom/data/world_50m.geojson.gz (world-atlas 2.0.2 countries-50m -> GeoJSON, 2 decimals, gzip)
# world-atlas is Natural Earth (public domain) packaged under ISC; topojson-client (ISC)
# is used only here, to convert TopoJSON to GeoJSON, and is not shipped.
# Licences are recorded in src/sitroom/data/LICENSES.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent leaflet@1.9.4 leaflet.markercluster@1.5.3 world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null
for f in *.tgz; do mkdir -p "x/${f%.tgz}"; tar xzf "$f" -C "x/${f%.tgz}"; done

static="$repo/src/sitroom/serve/static/vendor"
mkdir -p "$static"
cp x/leaflet-1.9.4/package/dist/leaflet.js x/leaflet-1.9.4/package/dist/leaflet.css "$static/"
cp x/leaflet.markercluster-1.5.3/package/dist/leaflet.markercluster.js \
   x/leaflet.markercluster-1.5.3/package/dist/MarkerCluster.css \
   x/leaflet.markercluster-1.5.3/package/dist/MarkerCluster.Default.css "$static/"

cat > convert.js <<'JS'
// TopoJSON countries -> GeoJSON FeatureCollection with rounded coordinates.
const fs = require("fs");
const topojson = require("./x/topojson-client-3.1.0/package/dist/topojson-client.js");
const [src, dst] = process.argv.slice(2);
const topo = JSON.parse(fs.readFileSync(src, "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100];
fc.features = fc.features.filter((f) => f.geometry).map((f) => ({
  type: "Feature",
  properties: { name: f.properties.name, id: f.id || null },
  geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
}));
fs.writeFileSync(dst, JSON.stringify(fc));
JS
node convert.js x/world-atlas-2.0.2/package/countries-110m.json "$repo/src/sitroom/data/world_110m.geojson"
node convert.js x/world-atlas-2.0.2/package/countries-50m.json world_50m.geojson
gzip -9n -c world_50m.geojson > "$repo/src/sitroom/data/world_50m.geojson.gz"
echo "vendored into $static and $repo/src/sitroom/data" >&2
