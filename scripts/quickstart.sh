#!/usr/bin/env bash
# Set up a fresh machine and run the main job on the embedded default store:
# 1. `watchline demo`: the motivating case end to end on SYNTHETIC data (border
#    encounters, a partner notice, a smuggling network, designation, adjudication,
#    case activity, the report) in its own store under $WATCHLINE_HOME/demo;
# 2. load the real UN, OFAC and OpenSanctions lists from ../shared/data (with the delta
#    series), screen OpenSanctions' UN benchmark people and a sample of its synthetic
#    negatives, and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
DATA="${WATCHLINE_SHARED_DATA:-../shared/data}"
WL=.venv/bin/watchline
export WATCHLINE_HOME="${WATCHLINE_HOME:-$HOME/.watchline}"
echo "== demo (synthetic data): $WATCHLINE_HOME/demo"
WATCHLINE_SHARED_DATA="$DATA" $WL demo
echo "== store: $WATCHLINE_HOME"
$WL lists load --format un-xml "$DATA/lists/un/UN_consolidated.xml" --name un
$WL lists load --format ofac-sdn "$DATA/lists/ofac-sdn" --name ofac
$WL lists load --format ftm "$DATA/lists/opensanctions-ftm/delta-t2/base-t1.entities.ftm.json" --name opensanctions
$WL lists update opensanctions "$DATA/lists/opensanctions-ftm/delta-t2"
$WL lists show
out="$WATCHLINE_HOME/quickstart"
mkdir -p "$out"
$WL screen --input "$DATA/benchmarks/yente-candidates/positives_un_untreated.csv" --output "$out/un-positives.jsonl"
head -n 1001 "$DATA/benchmarks/yente-candidates/negatives_global.csv" > "$out/negatives-sample.csv"
$WL screen --input "$out/negatives-sample.csv" --output "$out/negatives.jsonl"
$WL screen --name "Саддам Хусейн" --birth-date 1937
