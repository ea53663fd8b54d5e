#!/usr/bin/env bash
# qalint benchmark: throughput on a generated corpus against ripgrep with a
# comparable phrase list, start-up latency on one small file, and macros.
#
#   bench/run.sh [BUILD_DIR=build]          (run from the repository root; `make bench`)
#
# Environment overrides:
#   QALINT=path          qalint binary            (default BUILD_DIR/qalint)
#   GEN=path             corpus generator         (default BUILD_DIR/qalint_gen_corpus)
#   CORPUS=dir           corpus folder            (default BUILD_DIR/bench-corpus)
#   CORPUS_MB=100        corpus size in MiB       CORPUS_SEED=1  generator seed
#   RUNS=3               runs of each corpus case (median wall time, max RSS)
#   SMALL_RUNS=10        runs of each small case  (median wall time)
#   RG_JOBS=2            ripgrep threads (-j)
#   QALINT_ARGS="..."    extra arguments for every `qalint check` (e.g. "--jobs 2")
#   NO_HYPERFINE=1       time the small cases with a plain loop even if hyperfine is installed
set -euo pipefail

die() {
    echo "bench: error: $*" >&2
    exit 2
}
note() { echo "bench: $*" >&2; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_arg=${1:-build}
[[ $# -le 1 ]] || die "usage: bench/run.sh [BUILD_DIR=build]"
[[ -d $build_arg ]] || die "build folder '$build_arg' not found; build first (make) or pass BUILD_DIR"
build_dir=$(cd "$build_arg" && pwd)
cd "$repo_root"

qalint=${QALINT:-$build_dir/qalint}
gen=${GEN:-$build_dir/qalint_gen_corpus}
corpus=${CORPUS:-$build_dir/bench-corpus}
corpus_mb=${CORPUS_MB:-100}
corpus_seed=${CORPUS_SEED:-1}
runs=${RUNS:-3}
small_runs=${SMALL_RUNS:-10}
rg_jobs=${RG_JOBS:-2}
read -r -a qalint_args <<<"${QALINT_ARGS:-}"
phrases=$repo_root/bench/phrases.txt

# --- prerequisites ------------------------------------------------------------

[[ -x $qalint ]] || die "qalint binary not found at $qalint
  build it first:  make            (or: cmake --build $build_arg --target qalint)
  or point to one: QALINT=/path/to/qalint bench/run.sh"
if ! /usr/bin/time -f '%e' true 2>/dev/null; then
    die "GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time"
fi
have_rg=1
command -v rg >/dev/null || {
    have_rg=0
    note "ripgrep (rg) not found: the comparison rows are skipped (apt-get install ripgrep)"
}
have_hyperfine=0
[[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine >/dev/null && have_hyperfine=1
[[ -f $phrases ]] || die "missing $phrases"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qalint-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- corpus -------------------------------------------------------------------

stamp="$corpus.params"
wanted="mb=$corpus_mb seed=$corpus_seed"
if [[ ! -d $corpus || ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
    [[ -x $gen ]] || die "corpus generator not found at $gen
  build it first:  cmake --build $build_arg --target qalint_gen_corpus
  or:              g++ -O2 -std=c++20 bench/gen_corpus.cpp -o $gen"
    note "generating a $corpus_mb MiB corpus (seed $corpus_seed) in $corpus ..."
    rm -rf "$corpus" "$corpus.tmp" "$stamp"
    # Generate aside and rename, so an interrupted run never leaves a half corpus behind.
    "$gen" "$corpus.tmp" "$corpus_mb" "$corpus_seed" >&2
    mv "$corpus.tmp" "$corpus"
    echo "$wanted" >"$stamp"
fi
corpus_files=$(find "$corpus" -type f | wc -l)
corpus_bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
[[ $corpus_files -gt 0 ]] || die "corpus $corpus is empty; delete it and run again"
# Warm the page cache so that neither tool pays for the first read from disk.
find "$corpus" -type f -exec cat {} + >/dev/null

# --- measuring ----------------------------------------------------------------

declare -A warned=()  # each failing command is reported once, not once per run

# measure OK_CODES CMD...: one run; sets m_wall (s), m_rss (KiB), m_status.
# Exit codes outside OK_CODES are reported (qalint exits 1 when it finds errors,
# rg exits 1 when nothing matched: both are fine), but never stop the script.
measure() {
    local ok=$1 start end
    shift
    m_status=0
    start=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || m_status=$?
    end=$(date +%s%N)
    m_wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
    # GNU time puts "Command exited with non-zero status N" before the numbers.
    m_rss=$(tail -n 1 "$tmp/time" | awk '{print $2 + 0}')
    if [[ " $ok " != *" $m_status "* && -z ${warned["$m_status $*"]:-} ]]; then
        warned["$m_status $*"]=1
        note "warning: exit status $m_status from: $*"
        sed -n '1,5s/^/bench:   | /p' "$tmp/stderr" >&2
    fi
}

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
max() { sort -g | tail -n 1; }

# repeat N OK_CODES CMD...: sets r_wall (median s), r_rss (max KiB), r_status (worst).
repeat() {
    local n=$1 ok=$2 i walls="" rsss="" worst=0
    shift 2
    for ((i = 0; i < n; i++)); do
        measure "$ok" "$@"
        walls+="$m_wall"$'\n'
        rsss+="$m_rss"$'\n'
        [[ " $ok " == *" $m_status "* ]] || worst=$m_status
    done
    r_wall=$(printf '%s' "$walls" | median)
    r_rss=$(printf '%s' "$rsss" | max)
    r_status=$worst
}

# latency N OK_CODES CMD...: like repeat, but the median wall time comes from
# hyperfine when it is installed (finer than a fork+date loop); RSS from one run.
latency() {
    local n=$1 ok=$2
    shift 2
    if ((have_hyperfine)); then
        local quoted="" arg
        for arg in "$@"; do quoted+="'${arg//\'/\'\\\'\'}' "; done
        if hyperfine --shell=none --ignore-failure --warmup 2 --runs "$n" --style none \
            --export-csv "$tmp/hf.csv" "$quoted" >/dev/null 2>"$tmp/hf.err"; then
            measure "$ok" "$@"
            r_rss=$m_rss
            r_status=$m_status
            [[ " $ok " == *" $m_status "* ]] && r_status=0
            # CSV: command,mean,stddev,median,user,system,min,max (command may hold commas).
            r_wall=$(tail -n 1 "$tmp/hf.csv" | awk -F, '{print $(NF - 4)}')
            return
        fi
        note "hyperfine failed ($(head -n 1 "$tmp/hf.err")); timing with a loop instead"
    fi
    repeat "$n" "$ok" "$@"
}

rows=()
legend=()
# row CASE TOOL INPUT_BYTES: formats the last r_* results as a table row
# (MiB/s only for the corpus, where it means something).
row() {
    local mibs="-" status="" wall rss
    if [[ $3 -gt 0 ]]; then
        mibs=$(awk -v b="$3" -v w="$r_wall" 'BEGIN {if (w > 0) printf "%.1f", b / 1048576 / w; else print "-"}')
    fi
    wall=$(awk -v w="$r_wall" 'BEGIN {if (w >= 1) printf "%.2f s", w; else printf "%.1f ms", w * 1000}')
    rss=$(awk -v k="$r_rss" 'BEGIN {printf "%.1f", k / 1024}')
    [[ $r_status == 0 ]] || status="  (exit $r_status, see warnings above)"
    rows+=("$(printf '%-28s %-8s %11s %9s %9s%s' "$1" "$2" "$wall" "$mibs" "$rss" "$status")")
}

bytes_of() { find "$@" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}'; }

# --- the cases ----------------------------------------------------------------

note "(a) qalint on the corpus, $runs run(s) ..."
repeat "$runs" "0 1" "$qalint" check "${qalint_args[@]}" --format json --output /dev/null "$corpus"
row "(a) corpus, --format json" qalint "$corpus_bytes"
qalint_wall=$r_wall

rg_wall=""
rg_pack_wall=""
qalint_subset_wall=""
if ((have_rg)); then
    note "(b) rg -j$rg_jobs -i -c -f bench/phrases.txt on the corpus, $runs run(s) ..."
    repeat "$runs" "0 1" rg -j"$rg_jobs" -i -c -f "$phrases" "$corpus"
    row "(b) corpus, $(grep -c . "$phrases") phrases" "rg -j$rg_jobs" "$corpus_bytes"
    legend+=("(b) rg -j$rg_jobs -i -c -f bench/phrases.txt CORPUS > /dev/null")
    rg_wall=$r_wall

    # The same search as qalint's rule pack: every pattern of every built-in
    # rule (not the `unless` ones), as `qalint rules show` prints them. rg has
    # no -w here: with -w its DFA for these patterns takes minutes and GBs.
    for id in $("$qalint" rules list | awk 'NR > 1 && $2 != "vocabulary" && $2 != "suppress" {print $1}'); do
        "$qalint" rules show "$id" | sed -n 's/^  \(regex \|phrase\): //p'
    done >"$tmp/pack-patterns.txt"
    pack_count=$(grep -c . "$tmp/pack-patterns.txt" || true)
    if ((pack_count > 0)); then
        # The pack's patterns no longer compile within rg's default regex size limit, and once
        # compiled they take rg about a minute per 1000 files (its DFA thrashes): this case runs on
        # the corpus's first 1000 files, once, with the limit raised, next to qalint on the same files.
        subset=$(find "$corpus" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort | sed -n 1p)
        subset_bytes=$(bytes_of "$subset")
        note "(a2) qalint on $(find "$subset" -type f | wc -l) corpus files, $runs run(s) ..."
        repeat "$runs" "0 1" "$qalint" check "${qalint_args[@]}" --format json --output /dev/null "$subset"
        row "(a2) 1000 files, json" qalint "$subset_bytes"
        qalint_subset_wall=$r_wall
        note "(b2) rg -j$rg_jobs -i -c --regex-size-limit 1G -f <the pack's $pack_count patterns> on the same files, 1 run ..."
        repeat 1 "0 1" rg -j"$rg_jobs" -i -c --regex-size-limit 1G -f "$tmp/pack-patterns.txt" "$subset"
        row "(b2) 1000 files, pack's" "rg -j$rg_jobs" "$subset_bytes"
        legend+=("(a2) qalint check --format json --output /dev/null SUBSET: the corpus's first folder")
        legend+=("(b2) rg -j$rg_jobs -i -c --regex-size-limit 1G -f PACK SUBSET > /dev/null: PACK = the $pack_count patterns of the built-in phrase, missing and response rules (qalint rules show; vocabularies are inside them)")
        rg_pack_wall=$r_wall
    else
        note "(b2) skipped: no patterns from '$qalint rules show'"
    fi
fi

small=$(find samples/ru -type f -name '*.txt' 2>/dev/null | LC_ALL=C sort | sed -n 1p)
if [[ -n $small ]]; then
    note "(c) one small file, $small_runs runs ..."
    legend+=("(c) small file: $small ($(bytes_of "$small") bytes)")
    latency "$small_runs" "0 1" "$qalint" check "${qalint_args[@]}" "$small"
    row "(c) 1 small file" qalint 0
    if ((have_rg)); then
        latency "$small_runs" "0 1" rg -i -c -f "$phrases" "$small"
        row "(c) 1 small file" rg 0
    fi
else
    note "(c) skipped: no samples/ru/*.txt"
fi

mapfile -t macro_files < <(find samples/macros -type f -name '*.md' 2>/dev/null | LC_ALL=C sort)
if ((${#macro_files[@]} > 0)); then
    note "(d) macros: 1 file and 20 files, $small_runs runs each ..."
    mkdir -p "$tmp/macros20"
    for ((i = 0; i < 20; i++)); do
        src=${macro_files[i % ${#macro_files[@]}]}
        cp "$src" "$tmp/macros20/$(printf '%02d' "$i")-$(basename "$src")"
    done
    one_macro=${macro_files[0]}
    legend+=("(d) 1 macro: $one_macro ($(bytes_of "$one_macro") bytes)")
    legend+=("(d) 20 macros: copies of samples/macros/*.md in one temporary folder ($(bytes_of "$tmp/macros20") bytes)")
    latency "$small_runs" "0 1" "$qalint" check "${qalint_args[@]}" "$one_macro"
    row "(d) 1 macro" qalint 0
    if ((have_rg)); then
        latency "$small_runs" "0 1" rg -i -c -f "$phrases" "$one_macro"
        row "(d) 1 macro" rg 0
    fi
    latency "$small_runs" "0 1" "$qalint" check "${qalint_args[@]}" "$tmp/macros20"
    row "(d) 20 macros" qalint 0
    if ((have_rg)); then
        latency "$small_runs" "0 1" rg -i -c -f "$phrases" "$tmp/macros20"
        row "(d) 20 macros" rg 0
    fi
else
    note "(d) skipped: no samples/macros/*.md"
fi

# --- report -------------------------------------------------------------------

echo
echo "qalint benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPU(s), $(uname -sm)"
echo "qalint:  $qalint  ($("$qalint" --version 2>/dev/null | sed -n 1p || true))"
((have_rg)) && echo "rg:      $(rg --version | sed -n 1p)"
echo "corpus:  $corpus — $corpus_files files, $corpus_bytes bytes ($(awk -v b="$corpus_bytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB), seed $corpus_seed"
echo "timing:  corpus cases median of $runs; small cases median of $small_runs$( ((have_hyperfine)) && echo " (hyperfine)")"
echo
printf '%-28s %-8s %11s %9s %9s\n' "case" "tool" "wall" "MiB/s" "RSS MiB"
printf '%-28s %-8s %11s %9s %9s\n' "----" "----" "----" "-----" "-------"
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "(a) qalint check ${QALINT_ARGS:+$QALINT_ARGS }--format json --output /dev/null CORPUS" "${legend[@]}"
# ratio LABEL RG_WALL: throughput of qalint against one rg case.
ratio() {
    awk -v label="$1" -v q="${3:-$qalint_wall}" -v r="$2" 'BEGIN {
        if (q <= 0 || r <= 0) { printf "throughput qalint/rg, %s: n/a\n", label; exit }
        ratio = r / q   # throughput ratio = inverse of the wall-time ratio
        printf "throughput qalint/rg, %s: %.2f", label, ratio
        if (ratio < 1) printf "  (rg is %.1fx faster)\n", 1 / ratio
        else printf "  (qalint is %.1fx faster)\n", ratio
    }'
}
[[ -n $rg_wall || -n $rg_pack_wall ]] && echo
[[ -n $rg_wall ]] && ratio "(a)/(b) 86 phrases" "$rg_wall"
[[ -n $rg_pack_wall ]] && ratio "(a2)/(b2) the pack's patterns, 1000 files" "$rg_pack_wall" "$qalint_subset_wall"
true
