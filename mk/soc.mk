# mk/soc.mk - the PicoRV32 SoC: firmware, Verilator simulation, the UART
# compare tool and the iCEBreaker bitstream.
#
#   make soc-sim        firmware + SoC under Verilator, UART log checked by gscompare
#   make soc-test-gscompare  planted corruptions of a capture are caught
#   make soc-bench      cycles per sample (rv32i, rv32im) and SoC resources/Fmax
#   make bitstream      build/soc/icebreaker.bin (firmware swapped in by icebram)
#   make prog           flash it with iceprog
#   make fw-board       only the board firmware (then make bitstream re-uses P&R)

SOC       := $(BUILD)/soc
GSCOMPARE := $(BUILD)/bin/gscompare
BIN2HEX   := $(BUILD)/bin/bin2hex

# ---- firmware ----
FW_CC        := riscv64-unknown-elf-gcc
FW_OBJCOPY   := riscv64-unknown-elf-objcopy
FW_MEM_WORDS := 3072
FW_FLAGS     := $(WARN) -ffreestanding -ffunction-sections -fdata-sections -mabi=ilp32 \
                --specs=picolibc.specs -Icmodel -Ifw
FW_LDFLAGS   := -nostartfiles -T fw/link.ld -Wl,--defsym=__ram_size=$(shell echo $$((4 * $(FW_MEM_WORDS)))) \
                -Wl,--gc-sections -Wl,--no-warn-rwx-segments
FW_DEPS      := mk/soc.mk fw/main.c fw/start.S fw/soc.h fw/link.ld $(MODEL_SRC) $(MODEL_HDR)
FW_NRANDOM_SIM   := 160
FW_NRANDOM_BOARD := 2000

# $(call fw_build,NAME,ARCH,NRANDOM): $(SOC)/fw_NAME.elf and .hex. The model is
# built -O2 (it is what we time), the rest -Os (it has to fit the block RAM).
define fw_build
$(SOC)/fw_$(1).elf: $(FW_DEPS) | deps-soc
	@mkdir -p $(SOC)/obj_$(1)
	$(FW_CC) $(FW_FLAGS) $(FW_ARCH_$(2)) -Os -DFW_ISA='"$(2)$(if $(filter rv32im,$(2)),-nodiv)"' -DFW_NRANDOM=$(3) \
	  -c fw/main.c -o $(SOC)/obj_$(1)/main.o
	@for src in $(MODEL_SRC); do \
	  $(FW_CC) $(FW_FLAGS) $(FW_ARCH_$(2)) -O2 -c $$$$src -o $(SOC)/obj_$(1)/$$$$(basename $$$$src .c).o \
	  || exit 1; done
	$(FW_CC) $(FW_FLAGS) $(FW_ARCH_$(2)) $(FW_LDFLAGS) -o $$@ fw/start.S $(SOC)/obj_$(1)/*.o
	@riscv64-unknown-elf-size $$@ | tail -1 | \
	  awk '{printf "fw: %s: %d bytes of code, %d of bss (RAM %d)\n", "$(1)", $$$$1, $$$$3, 4*$(FW_MEM_WORDS)}'
endef
# The core has PicoRV32's multiplier but no divider (it would cost LCs for
# nothing: the model never divides), hence -mno-div: gcc calls libgcc instead.
FW_ARCH_rv32i  := -march=rv32i
FW_ARCH_rv32im := -march=rv32im -mno-div
$(eval $(call fw_build,rv32im_sim,rv32im,$(FW_NRANDOM_SIM)))
$(eval $(call fw_build,rv32i_sim,rv32i,$(FW_NRANDOM_SIM)))
$(eval $(call fw_build,board,rv32im,$(FW_NRANDOM_BOARD)))

$(SOC)/fw_%.hex: $(SOC)/fw_%.elf $(BIN2HEX)
	$(FW_OBJCOPY) -O binary $< $(SOC)/fw_$*.bin
	$(BIN2HEX) $(SOC)/fw_$*.bin $(FW_MEM_WORDS) $@

$(BIN2HEX): fw/bin2hex.c | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) fw/bin2hex.c -o $@

# ---- the compare tool ----
$(GSCOMPARE): tools/gscompare.c $(MODEL_SRC) $(MODEL_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Icmodel tools/gscompare.c $(MODEL_SRC) -o $@
gscompare: $(GSCOMPARE)

# ---- SoC under Verilator ----
PICORV32_DIR = $$(python3 -c "import pythondata_cpu_picorv32 as p; print(p.data_location)")
SOC_RTL      := rtl/soc_top.v rtl/soc_ram.v rtl/soc_fifo.v rtl/uart_tx.v rtl/gs_periph.v \
                rtl/gain_stage.v
SOC_SIM_UART_DIV := 4
# The CPU of the board build: RV32IM with PicoRV32's sequential multiplier
# (see README, "The soft core").
SOC_CPU_MUL  := 1
SOC_TB       := $(SOC)/vl/Vsoc_top
SOC_MAX_CYCLES := 20000000

$(SOC_TB): $(SOC_RTL) sim/soc/soc_tb.cpp sim/soc/soc.vlt | deps-soc
	@mkdir -p $(SOC)/vl
	verilator --cc --exe --build -j 2 -Wall -Wno-fatal --Mdir $(SOC)/vl -o Vsoc_top \
	  --top-module soc_top -DSOC_SIM_PLUSARGS \
	  -GUART_DIV=$(SOC_SIM_UART_DIV) -GMEM_WORDS=$(FW_MEM_WORDS) -GCPU_MUL=$(SOC_CPU_MUL) \
	  -CFLAGS "-O1 -DSOC_UART_DIV=$(SOC_SIM_UART_DIV)" \
	  sim/soc/soc.vlt $(PICORV32_DIR)/picorv32.v $(SOC_RTL) $(CURDIR)/sim/soc/soc_tb.cpp \
	  > $(SOC)/vl/build.log 2>&1 || { tail -30 $(SOC)/vl/build.log; exit 1; }

SOC_LINT_RTL := $(SOC_RTL) rtl/icebreaker_top.v
soc-lint: | deps-soc
	verilator --lint-only -Wall --top-module icebreaker_top sim/soc/soc.vlt \
	  $(PICORV32_DIR)/picorv32.v $(SOC_LINT_RTL)
	@for f in rtl/soc_ram.v rtl/soc_fifo.v rtl/uart_tx.v; do \
	  iverilog -g2005 -o /dev/null $$f || exit 1; done
	@echo "soc-lint: SoC RTL clean under verilator -Wall, Icarus -g2005 parses it"

# Run one firmware: $(call soc_run,FW_NAME,LOG)
define soc_run
	$(SOC_TB) +fw=$(SOC)/fw_$(1).hex --log $(2) --max-cycles $(SOC_MAX_CYCLES) --quiet
	$(GSCOMPARE) $(2)
endef

$(SOC)/uart.log: $(SOC_TB) $(SOC)/fw_rv32im_sim.hex $(GSCOMPARE)
	$(call soc_run,rv32im_sim,$@.tmp)
	@mv $@.tmp $@
$(SOC)/uart_rv32i.log: $(SOC_TB) $(SOC)/fw_rv32i_sim.hex $(GSCOMPARE)
	$(call soc_run,rv32i_sim,$@.tmp)
	@mv $@.tmp $@

.PHONY: soc-sim soc-lint soc-test-gscompare soc-bench gscompare fw-board bitstream prog
soc-sim: $(SOC)/uart.log $(SOC)/uart_rv32i.log
	@grep -h "^GS1 END" $^ | sed 's/^/soc-sim: /'

soc-test-gscompare: $(GSCOMPARE) $(SOC)/uart.log
	sim/soc/test_gscompare.sh $(GSCOMPARE) $(SOC)/uart.log $(SOC)/gscompare_test

fw-board: $(SOC)/fw_board.hex

TEST_TARGETS += soc-lint soc-sim soc-test-gscompare
