#!/usr/bin/env bash
# Replaces the bundled model price map (LiteLLM's model_prices_and_context_window.json) with a newer copy, from a
# file or a URL, after checking that it is JSON whose entries carry prices. Rebuild the gateway afterwards.
#
# Usage: scripts/refresh-prices.sh <path-or-url>
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:?usage: scripts/refresh-prices.sh <path-or-url to model_prices_and_context_window.json>}
target=gateway-service/src/main/resources/pricing/model_prices_and_context_window.json
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [[ "$source" =~ ^https?:// ]]; then curl -fsSL "$source" -o "$tmp"; else cp "$source" "$tmp"; fi
python3 - "$tmp" <<'PY'
import json, sys
prices = json.load(open(sys.argv[1]))
priced = [name for name, entry in prices.items() if isinstance(entry, dict) and "input_cost_per_token" in entry]
if len(priced) < 100:
    sys.exit(f"only {len(priced)} priced models: not a price map")
print(f"{len(priced)} priced models")
PY
cp "$tmp" "$target"
echo "updated $target"
