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
GSREF_SRC       := $(MODEL_SRC) $(CLI_SRC) tools/gsref.c

.PHONY: quality quality-test

quality: $(GSREF) $(COSIM) | deps-report
	$(SYS_PY) scripts/quality_run.py --gsref $(GSREF) --cosim $(COSIM) --out $(QUALITY_DIR) \
	  --samples $(QUALITY_SAMPLES)
	$(SYS_PY) scripts/quality_plots.py $(QUALITY_DIR)

# The test proper (model only, every mode), then the planted biases.
quality-test: $(GSREF) | deps-report
	@$(SYS_PY) scripts/quality_run.py --gsref $(GSREF) --out $(BUILD)/quality-test \
	  --samples $(QUALITY_SAMPLES) --stats-only > $(BUILD)/quality-test.log || \
	  { cat $(BUILD)/quality-test.log; exit 1; }
	@tail -n 1 $(BUILD)/quality-test.log
	@CC="$(CC)" scripts/quality_mutants.sh $(BUILD)/quality-mutants "$(GSREF_SRC)" $(SYS_PY)

TEST_TARGETS += quality-test

AUDIO_DIR := $(BUILD)/audio
.PHONY: demo-audio
demo-audio: $(GSREF) $(COSIM) | deps-report
	$(SYS_PY) scripts/audio_demo.py --gsref $(GSREF) --cosim $(COSIM) --out $(AUDIO_DIR)
