# mk/report.mk - what a person looks at (issue 13): numeric quality plots, the audio
# demo, coverage rendered as HTML, and one report page tested in a browser.
#
#   make quality        every rounding mode, model and RTL: transfer curves, error
#                       statistics against theory (a test), SQNR; build/quality/
#   make quality-test   the statistical test on the model alone, and its planted
#                       biases (part of `make test`)
#   make demo-audio     a sine sweep and a spoken phrase through gsref and cosim at a
#                       clipping gain, as WAV; build/audio/
#   make report         build/report/index.html from the latest results
#   make report-test    the report rendered in headless Chromium (part of `make test`)
#
# Plotting runs under Debian's python3 ($(SYS_PY), python3-matplotlib); the other
# scripts need the standard library only and run under it too.

QUALITY_DIR     := $(BUILD)/quality
QUALITY_SAMPLES ?= 40000
QUALITY_TEST_SAMPLES ?= 20000
GSREF_SRC       := $(MODEL_SRC) $(CLI_SRC) tools/gsref.c

.PHONY: quality quality-test

quality: $(GSREF) $(COSIM) | deps-report
	$(SYS_PY) scripts/quality_run.py --gsref $(GSREF) --cosim $(COSIM) --out $(QUALITY_DIR) \
	  --samples $(QUALITY_SAMPLES)
	$(SYS_PY) scripts/quality_plots.py $(QUALITY_DIR)

# The test proper (model only, every mode), then the planted biases.
quality-test: $(GSREF) | deps-report
	@$(SYS_PY) scripts/quality_run.py --gsref $(GSREF) --out $(BUILD)/quality-test \
	  --samples $(QUALITY_TEST_SAMPLES) --stats-only > $(BUILD)/quality-test.log || \
	  { cat $(BUILD)/quality-test.log; exit 1; }
	@tail -n 1 $(BUILD)/quality-test.log
	@CC="$(CC)" scripts/quality_mutants.sh $(BUILD)/quality-mutants "$(GSREF_SRC)" $(SYS_PY)

TEST_TARGETS += quality-test

AUDIO_DIR := $(BUILD)/audio
.PHONY: demo-audio
demo-audio: $(GSREF) $(COSIM) | deps-report
	$(SYS_PY) scripts/audio_demo.py --gsref $(GSREF) --cosim $(COSIM) --out $(AUDIO_DIR)

# Coverage jobs merged with any other coverage data under build/ (cosim-coverage's,
# the regression's), rendered by genhtml; cosim's functional bins summed over the
# jobs and the regression's logs.
COVERAGE_DIR := $(BUILD)/coverage-report
.PHONY: coverage-report
coverage-report: $(COSIM) | deps-report
	$(SYS_PY) scripts/coverage_report.py --cosim $(COSIM) --out $(COVERAGE_DIR) \
	  --extra-dat $(wildcard $(BUILD)/coverage/*.dat $(BUILD)/regress/*.dat $(BUILD)/regress/*/*.dat) \
	  --logs '$(BUILD)/regress/logs/*.log'

# The page. REPORT_JUNIT: the regression's JUnit file (make regress), else the smoke
# regression's (make regress-smoke); when neither exists, that smoke regression is run
# first (regress/suites.py, the same driver and JUnit writer as every regression).
REPORT_DIR   := $(BUILD)/report
REPORT_JUNIT ?= $(firstword $(wildcard $(BUILD)/regress/junit.xml $(BUILD)/regress-smoke/junit.xml))
.PHONY: report report-test
report: $(COSIM) | deps-report
ifneq ($(REPORT_JUNIT),)
	$(SYS_PY) scripts/report_html.py --build $(BUILD) --out $(REPORT_DIR) \
	  --junit $(REPORT_JUNIT) --junit-cmd "make regress ($(REPORT_JUNIT))"
else
	@echo "report: no $(BUILD)/regress/junit.xml (make regress): the smoke regression stands in"
	$(regress_run) --suite smoke --out $(BUILD)/regress-smoke
	$(SYS_PY) scripts/report_html.py --build $(BUILD) --out $(REPORT_DIR) \
	  --junit $(BUILD)/regress-smoke/junit.xml \
	  --junit-cmd "make regress-smoke (no make regress output)"
endif

# make test's check of the page: the smoke regression with one planted failure (cosim
# told a wrong LATENCY: gsregress exits 1, and the JUnit must name exactly that job
# failed), the model-only quality figures of quality-test, the audio demo; rendered in
# Chromium.
REPORT_TEST := $(BUILD)/report-test
REPORT_PLANTED := smoke/planted-wrong-latency
report-test: quality-test demo-audio $(COSIM) | deps-report
	@mkdir -p $(REPORT_TEST)
	@$(REGRESS_PY) regress/gsregress.py --cosim $(COSIM) --jobs $(JOBS) --suite smoke \
	  --plant-latency --out $(REPORT_TEST)/regress > $(REPORT_TEST).log 2>&1; \
	  rc=$$?; [ $$rc -eq 1 ] || { cat $(REPORT_TEST).log; \
	  echo "report-test: the smoke regression with a planted failure exited $$rc, not 1"; exit 1; }
	@$(REGRESS_PY) regress/junit_cases.py --failed $(REPORT_PLANTED) $(REPORT_TEST)/regress/junit.xml
	@$(SYS_PY) scripts/quality_plots.py $(BUILD)/quality-test >> $(REPORT_TEST).log
	@$(SYS_PY) scripts/report_html.py --build $(BUILD) --out $(REPORT_TEST)/page \
	  --junit $(REPORT_TEST)/regress/junit.xml --junit-cmd "make report-test (smoke regression, one failure planted)" \
	  --quality $(BUILD)/quality-test >> $(REPORT_TEST).log
	@$(SYS_PY) scripts/report_browser_test.py --page $(REPORT_TEST)/page/index.html \
	  --junit $(REPORT_TEST)/regress/junit.xml --shot $(REPORT_TEST)/screenshot.png \
	  --min-images 3 --min-audio 6

TEST_TARGETS += report-test
