// cosim_top - Verilator top for the cosim harness: gain_stage with its ports
// passed through, plus its LATENCY as a constant output so that the harness
// checks the latency the RTL documents (not one it guessed).
// With COSIM_NETLIST defined the DUT is a post-synthesis netlist that has no
// parameters (and no LATENCY): the parameters here only size the ports, and
// latency reads as all ones ("unknown": the harness measures it).
// LANES instances of gain_stage side by side, each an independent stream with
// its own handshakes; lane l's ports are bits [l*W +: W] of the wide ones
// (cosim --lanes N: one model evaluates N samples per clock).
// exp_valid/exp_data/exp_ovf: the C model's expected result of lane 0, driven by
// the harness only in traced one-lane runs so that the waveform shows it beside
// m_data (see the GTKWave save file, sim/gtkw.c); nothing reads them. At full
// rate exp_valid marks the cycle the result is due; under stalls, that one is
// outstanding.

// COSIM_XPARAMS: cosim --param NAME=VALUE, as ",.NAME(VALUE)..." (or nothing).
`ifndef COSIM_XPARAMS
`define COSIM_XPARAMS
`endif

module cosim_top #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer LANES    = 1
) (
  input  wire                   clk,
  input  wire                   rst,
  input  wire [LANES-1:0]       s_valid,
  output wire [LANES-1:0]       s_ready,
  input  wire [LANES*IN_W-1:0]  s_data,
  input  wire [LANES*G_W-1:0]   s_gain,
  output wire [LANES-1:0]       m_valid,
  input  wire [LANES-1:0]       m_ready,
  output wire [LANES*OUT_W-1:0] m_data,
  output wire [LANES-1:0]       m_ovf,
  output wire [31:0]            latency,
  /* verilator lint_off UNUSED */
  /* verilator coverage_off */
  input  wire                   exp_valid,
  input  wire [OUT_W-1:0]       exp_data,
  input  wire                   exp_ovf
  /* verilator coverage_on */
  /* verilator lint_on UNUSED */
);

  genvar l;
  generate
    for (l = 0; l < LANES; l = l + 1) begin : g_lane
`ifdef COSIM_NETLIST
      gain_stage u_dut (
`else
      gain_stage #(
        .IN_W    (IN_W),
        .IN_F    (IN_F),
        .G_W     (G_W),
        .G_F     (G_F),
        .OUT_W   (OUT_W),
        .OUT_F   (OUT_F),
        .ROUND   (ROUND),
        .OVERFLOW(OVERFLOW)
        `COSIM_XPARAMS
      ) u_dut (
`endif
        .clk    (clk),
        .rst    (rst),
        .s_valid(s_valid[l]),
        .s_ready(s_ready[l]),
        .s_data (s_data[l*IN_W +: IN_W]),
        .s_gain (s_gain[l*G_W +: G_W]),
        .m_valid(m_valid[l]),
        .m_ready(m_ready[l]),
        .m_data (m_data[l*OUT_W +: OUT_W]),
        .m_ovf  (m_ovf[l])
      );
    end
  endgenerate

`ifdef COSIM_NETLIST
  assign latency = 32'hffff_ffff;
  // The formats only size the ports of a netlist.
  localparam integer UNUSED_PARAMS = IN_F + G_F + OUT_F + ROUND + OVERFLOW;
`else
  assign latency = g_lane[0].u_dut.LATENCY;
`endif

endmodule
