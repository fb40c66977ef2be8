// soc_top - PicoRV32 SoC around the gain_stage peripheral.
//
// Memory map (PicoRV32 native memory interface), the same in simulation and on
// the iCEBreaker (fw/link.ld):
//   0x0000_0000  ROM: ROM_WORDS x 32 bits of block RAM (EBR), loaded from
//                FW_HEX: code, read-only data and the load image of .data.
//                Read-only: a store here is a bus error.
//   0x0001_0000  SPRAM: 64 KiB, the UP5K's single-port RAM (two
//                SB_SPRAM256KA): .data, .bss, heap and stack (stack top
//                0x0002_0000). Undefined at power-up; fw/start.S fills it.
//                Neither memory has a wait state: both read at PicoRV32's
//                look-ahead address (mem_la_addr, valid the cycle before
//                mem_valid), so the word is there when mem_valid rises. The
//                SPRAM has one port, so it also writes at the look-ahead
//                address (mem_la_write: the store's mem_valid follows in the
//                next cycle, always): it reads or writes mem_la_addr on every
//                edge, and never needs mem_addr.
//                The registers below answer one cycle after mem_valid.
//   0x1000_0000  system registers:
//     +0x00 UART_DATA  W  send a byte (the access waits while the UART is busy)
//     +0x04 UART_STAT  R  bit 0: UART busy
//     +0x08 (reserved: reads 0; the firmware times itself with rdcycle)
//     +0x0C EXIT       W  exit code: ends a simulation; on the board it lights
//                         the green (code 0) or red LED. R: bit 0 = exited
//     +0x10 CLK_HZ     R  the clock frequency in Hz (parameter)
//     +0x14 UART_DIV   R  clock cycles per UART bit (parameter)
//   0x1000_0100  gain_stage peripheral (see gs_periph.v)
// A second gain_stage is a custom instruction (PCPI co-processor, gs_pcpi.v).
// Any other address (also past ROM_WORDS, or a store to the ROM) reads 0,
// ignores writes and sets bus_err.
//
// CPU_MUL selects the multiplier: 0 none (rv32i), 1 PicoRV32's sequential
// multiplier, 2 its single-cycle DSP multiplier (rv32im both).
module soc_top #(
  parameter integer ROM_WORDS  = 3072,
  parameter         FW_HEX     = "fw.hex",
  parameter integer CLK_HZ     = 12000000,
  parameter integer UART_DIV   = 104,
  parameter integer CPU_MUL    = 1,
  parameter integer IN_W       = 16,
  parameter integer IN_F       = 15,
  parameter integer G_W        = 16,
  parameter integer G_F        = 12,
  parameter integer OUT_W      = 16,
  parameter integer OUT_F      = 15,
  parameter integer ROUND      = 7,
  parameter integer OVERFLOW   = 0,
  parameter integer FIFO_DEPTH = 16,
  parameter integer PCPI_DEPTH = 8
) (
  input  wire        clk,
  input  wire        rst,
  output wire        uart_tx,
  output wire        exit_valid,
  output wire [31:0] exit_code,
  output wire        trap,
  output wire        bus_err
);
  localparam integer ROM_AW      = $clog2(ROM_WORDS);
  localparam [31:0]  SPRAM_BASE  = 32'h0001_0000;
  localparam [31:0]  STACK_TOP   = SPRAM_BASE + 32'h0001_0000;

  wire        mem_valid;
  wire        mem_instr;
  wire        mem_ready;
  wire [31:0] mem_addr;
  wire [31:0] mem_wdata;
  wire [3:0]  mem_wstrb;
  wire [31:0] mem_rdata;

  picorv32 #(
    .ENABLE_COUNTERS     (1),
    .ENABLE_COUNTERS64   (0),
    .ENABLE_REGS_DUALPORT(1),
    .BARREL_SHIFTER      (1),
    .TWO_CYCLE_COMPARE   (0),
    .TWO_CYCLE_ALU       (0),
    .COMPRESSED_ISA      (0),
    .CATCH_MISALIGN      (1),
    .CATCH_ILLINSN       (1),
    .ENABLE_MUL          (CPU_MUL == 1),
    .ENABLE_FAST_MUL     (CPU_MUL == 2),
    .ENABLE_DIV          (0),
    .ENABLE_IRQ          (0),
    .ENABLE_PCPI         (1),
    .PROGADDR_RESET      (32'h0000_0000),
    .STACKADDR           (STACK_TOP)
  ) u_cpu (
    .clk(clk), .resetn(!rst), .trap(trap),
    .mem_valid(mem_valid), .mem_instr(mem_instr), .mem_ready(mem_ready),
    .mem_addr(mem_addr), .mem_wdata(mem_wdata), .mem_wstrb(mem_wstrb),
    .mem_rdata(mem_rdata),
    .mem_la_read(la_read), .mem_la_write(la_write), .mem_la_addr(la_addr),
    .mem_la_wdata(la_wdata), .mem_la_wstrb(la_wstrb),
    .pcpi_valid(pcpi_valid), .pcpi_insn(pcpi_insn), .pcpi_rs1(pcpi_rs1),
    .pcpi_rs2(pcpi_rs2),
    .pcpi_wr(pcpi_wr), .pcpi_rd(pcpi_rd), .pcpi_wait(pcpi_wait), .pcpi_ready(pcpi_ready),
    .irq(32'd0), .eoi(eoi), .trace_valid(trace_valid), .trace_data(trace_data)
  );

  wire        pcpi_valid, pcpi_wr, pcpi_wait, pcpi_ready;
  wire [31:0] pcpi_insn, pcpi_rs1, pcpi_rs2, pcpi_rd;

  // Core outputs this SoC does not use (look-ahead bus, trace).
  wire        la_read, la_write, trace_valid;
  wire [31:0] la_addr, la_wdata, eoi;
  wire [3:0]  la_wstrb;
  wire [35:0] trace_data;
  wire unused_cpu = ^{la_addr[1:0], eoi, trace_valid, trace_data,
                      mem_instr, mem_addr[31:6], mem_addr[1:0]};

  // ---- gain_stage as a custom instruction ----
  gs_pcpi #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW), .DEPTH(PCPI_DEPTH)
  ) u_pcpi (
    .clk(clk), .rst(rst), .pcpi_valid(pcpi_valid), .pcpi_insn(pcpi_insn),
    .pcpi_rs1(pcpi_rs1), .pcpi_rs2(pcpi_rs2), .pcpi_wr(pcpi_wr), .pcpi_rd(pcpi_rd),
    .pcpi_wait(pcpi_wait), .pcpi_ready(pcpi_ready)
  );

  // ---- address decode ----
  // Every target is decoded from the look-ahead address and the result kept
  // in a flip-flop, loaded when the CPU loads mem_addr (on mem_la_read or
  // mem_la_write, and not trapped: PicoRV32's own condition), so the flags
  // always describe mem_addr: mem_ready and the peripheral's same-cycle
  // answer do not wait for an address comparison (that path had held the SoC
  // at 22 MHz with the SPRAM in).
  reg  rom_hit_q, sp_hit_q, sys_hit_q, gs_hit_q;
  wire la_rom   = la_addr[31:16] == 16'h0000 && !la_write &&
                  {18'd0, la_addr[15:2]} < ROM_WORDS;
  wire la_sp    = la_addr[31:16] == SPRAM_BASE[31:16];
  always @(posedge clk) begin
    if (rst) begin
      rom_hit_q <= 1'b0;
      sp_hit_q  <= 1'b0;
      sys_hit_q <= 1'b0;
      gs_hit_q  <= 1'b0;
    end else if ((la_read || la_write) && !trap) begin
      rom_hit_q <= la_rom;
      sp_hit_q  <= la_sp;
      sys_hit_q <= la_addr[31:8] == 24'h10_0000;
      gs_hit_q  <= la_addr[31:8] == 24'h10_0001;
    end
  end
  wire sel_rom  = mem_valid && rom_hit_q;
  wire sel_sp   = mem_valid && sp_hit_q;
  wire sel_sys  = mem_valid && sys_hit_q;
  wire sel_gs   = mem_valid && gs_hit_q;
  wire sel_none = mem_valid && !sel_rom && !sel_sp && !sel_sys && !sel_gs;

  // ---- memories ----
  wire [31:0] rom_rdata;
  wire [31:0] sp_rdata;

  soc_rom #(.WORDS(ROM_WORDS), .INIT_FILE(FW_HEX)) u_rom (
    .clk(clk), .raddr(la_addr[ROM_AW+1:2]), .rdata(rom_rdata)
  );

  soc_spram u_spram (
    .clk(clk), .addr(la_addr[15:2]),
    .wren(la_write && la_sp && !trap),   // a trapped CPU completes no store
    .wstrb(la_wstrb), .wdata(la_wdata), .rdata(sp_rdata)
  );

  // ---- system registers ----
  reg         sys_ack_q;
  reg  [31:0] sys_rdata_q;
  reg         exit_valid_q;
  reg  [31:0] exit_code_q;
  reg         none_ack_q;
  reg         bus_err_q;
  wire        uart_ready;
  wire        sys_access = sel_sys && !sys_ack_q;
  wire        sys_wr     = |mem_wstrb;
  wire [3:0]  sys_reg    = mem_addr[5:2];
  wire        uart_wr    = sys_access && sys_wr && sys_reg == 4'd0;
  // A UART write completes when the transmitter takes the byte.
  wire        sys_wait   = uart_wr && !uart_ready;

  uart_tx #(.CLK_DIV(UART_DIV)) u_uart (
    .clk(clk), .rst(rst), .in_valid(uart_wr), .in_ready(uart_ready),
    .in_data(mem_wdata[7:0]), .tx(uart_tx)
  );

  always @(posedge clk) begin
    if (rst) begin
      sys_ack_q    <= 1'b0;
      sys_rdata_q  <= 32'd0;
      exit_valid_q <= 1'b0;
      exit_code_q  <= 32'd0;
      none_ack_q   <= 1'b0;
      bus_err_q    <= 1'b0;
    end else begin
      sys_ack_q  <= sys_access && !sys_wait;
      none_ack_q <= sel_none && !none_ack_q;
      if (sel_none) bus_err_q <= 1'b1;
      if (sys_access && sys_wr && sys_reg == 4'd3) begin
        exit_valid_q <= 1'b1;
        exit_code_q  <= mem_wdata;
      end
      case (sys_reg)
        4'd1:    sys_rdata_q <= {31'd0, !uart_ready};
        4'd3:    sys_rdata_q <= {31'd0, exit_valid_q};
        4'd4:    sys_rdata_q <= CLK_HZ;
        4'd5:    sys_rdata_q <= UART_DIV;
        default: sys_rdata_q <= 32'd0;
      endcase
    end
  end


  // ---- gain_stage peripheral ----
  wire        gs_ready;
  wire [31:0] gs_rdata;

  gs_periph #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW), .DEPTH(FIFO_DEPTH)
  ) u_gs (
    .clk(clk), .rst(rst), .bus_valid(sel_gs), .bus_addr(mem_addr[5:2]),
    .bus_wdata(mem_wdata), .bus_wstrb(mem_wstrb),
    .bus_ready(gs_ready), .bus_rdata(gs_rdata)
  );

  // ---- read mux ----
  assign mem_ready = sel_rom || sel_sp || sys_ack_q || gs_ready || none_ack_q;
  assign mem_rdata = sel_rom   ? rom_rdata :
                     sel_sp    ? sp_rdata :
                     sys_ack_q ? sys_rdata_q :
                     gs_ready  ? gs_rdata : 32'd0;

  assign exit_valid = exit_valid_q;
  assign exit_code  = exit_code_q;
  assign bus_err    = bus_err_q;
endmodule
