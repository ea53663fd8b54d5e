#!/bin/sh
# fuzz/run.sh BUILD SECONDS [TARGET ...]: runs each fuzz target (all of BUILD's fuzz_* by default)
# for SECONDS, on a corpus in BUILD/fuzz-corpus/TARGET seeded from fuzz/corpus/TARGET, with
# fuzz/TARGET.dict when there is one. A crash, leak, sanitizer report, timeout or memory blow-up
# stops that target and leaves its input in BUILD/fuzz-findings/; the exit status is then 1.
set -u
build=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-$(cd "$build/fuzz" && ls fuzz_* 2>/dev/null | grep -v '[.]')}
[ -n "$targets" ] || { echo "fuzz/run.sh: no fuzz targets in $build" >&2; exit 2; }
mkdir -p "$build/fuzz-findings"
failed=""
for target in $targets; do
    corpus="$build/fuzz-corpus/$target"
    mkdir -p "$corpus"
    seeds="$here/corpus/$target"
    [ -d "$seeds" ] || seeds=""
    dict=""
    [ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"
    echo "== $target: $seconds s"
    # rss_limit: a rule file or a labels file that makes memory grow without end is a finding.
    if ! "$build/fuzz/$target" "$corpus" $seeds $dict -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$target-" 2>"$build/$target.log"; then
        failed="$failed $target"
        tail -40 "$build/$target.log"
    else
        grep -E "stat::number_of_executed_units|cov:" "$build/$target.log" | tail -2
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in$failed (inputs in $build/fuzz-findings/)"
    exit 1
fi
echo "fuzz: no findings"
