# qalint — `make demo` and `make test` are all a new user needs.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

# Debian packages qalint builds with (the compiler too: a fresh Debian has none).
DEB_PACKAGES := g++ make cmake ninja-build pkg-config git ca-certificates \
	libre2-dev libcli11-dev libfmt-dev doctest-dev libyaml-cpp-dev \
	nlohmann-json3-dev libutf8proc-dev libstemmer-dev libuchardet-dev libgumbo-dev
BENCH_PACKAGES := ripgrep time hyperfine
PREFIX ?= /usr/local

.PHONY: all build qalint deps bench-deps demo test bench eval format clean install fuzz fuzz-deps

all: build

# Everything: qalint, its tests, the rule-pack tool and the bench's corpus generator.
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# qalint alone (what demo, install, eval and the GitHub Action need): about half the steps of build.
qalint: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target qalint

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

# Installs only what is missing; running it twice does nothing the second time.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "All build dependencies are installed."; fi

bench-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BENCH_PACKAGES)"

# Findings in the samples are the point of the demo, so they do not fail it.
demo: deps
	@$(MAKE) --no-print-directory qalint
	@echo; echo "== qalint check samples/ =="; echo
	@$(BUILD)/qalint check samples/ || [ $$? -eq 1 ]

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure

bench: deps bench-deps
	@$(MAKE) --no-print-directory $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target qalint qalint_gen_corpus
	bench/run.sh $(BUILD)

# The rule pack against a coach's labels: make eval LABELLED=DIR, where DIR holds label sets
# (*.csv, *.tsv, */labels.csv, */labels.tsv; see README "Calibrate against your coaches").
# The project ships none: the sets are a team's own.
eval: qalint
	@if [ -z "$(LABELLED)" ]; then echo "make eval: say where the label sets are: make eval LABELLED=DIR" >&2; exit 2; fi; \
	if [ ! -d "$(LABELLED)" ]; then echo "make eval: $(LABELLED): no such folder" >&2; exit 2; fi; \
	sets=$$(ls $(LABELLED)/*.csv $(LABELLED)/*.tsv $(LABELLED)/*/labels.csv $(LABELLED)/*/labels.tsv 2>/dev/null); \
	if [ -z "$$sets" ]; then echo "make eval: $(LABELLED): no *.csv, *.tsv or */labels.csv label sets in it" >&2; exit 2; fi; \
	$(BUILD)/qalint eval $(EVAL_FLAGS) $$sets

# Puts qalint on PATH (for the pre-commit hook): make install [PREFIX=~/.local]
install: qalint
	install -Dm755 $(BUILD)/qalint $(DESTDIR)$(PREFIX)/bin/qalint

# Fuzzing, apart from `make test`: every fuzz/fuzz_*.cpp built with clang, libFuzzer, ASan and UBSan
# in a build folder of its own, then run FUZZ_SECONDS each (make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=fuzz_regex).
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_PACKAGES)"

fuzz: deps fuzz-deps
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
		-DQALINT_FUZZ=ON -DQALINT_WERROR=OFF $(FUZZ_CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i $$(find src tests bench cmake -name '*.cpp' -o -name '*.hpp')

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
