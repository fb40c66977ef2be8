// gain_stage_synth_top - pin-frugal wrapper for synthesis reports only.
// The block's 50+ data pins do not fit the UP5K SG48 package, so operands come
// from a serial shift register and results leave through a parallel-in,
// serial-out register: every m_data/m_ovf bit reaches a pin, so yosys cannot
// prune the block, and every block port is driven and read by a flip-flop, so
// nextpnr's Fmax is register to register. Not for use on a board.
module gain_stage_synth_top #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer USE_DSP  = 1
) (
  input  wire clk,
  input  wire rst_pin,
  input  wire sin_pin,      // operand bits, shifted in one per clock
  input  wire valid_pin,    // s_valid, registered
  input  wire ready_pin,    // m_ready, registered
  output wire s_ready_pin,
  output wire m_valid_pin,
  output wire sout_pin      // results, shifted out
);

  reg                    rst_q;
  reg                    s_valid_q;
  reg                    m_ready_q;
  reg [IN_W+G_W-1:0]     in_q;
  reg [OUT_W:0]          out_q;
  reg                    s_ready_q;
  reg                    m_valid_q;

  wire                   s_ready;
  wire                   m_valid;
  wire [OUT_W-1:0]       m_data;
  wire                   m_ovf;

  always @(posedge clk) begin
    rst_q     <= rst_pin;
    s_valid_q <= valid_pin;
    m_ready_q <= ready_pin;
    in_q      <= {in_q[IN_W+G_W-2:0], sin_pin};
    s_ready_q <= s_ready;
    m_valid_q <= m_valid;
    if (m_valid && m_ready_q) begin
      out_q <= {m_ovf, m_data};
    end else begin
      out_q <= {1'b0, out_q[OUT_W:1]};
    end
  end

  // GS_NETLIST: the block is an already synthesized netlist (no parameters),
  // so the placed design holds exactly the netlist that cosim checks.
`ifdef GS_NETLIST
  gain_stage u_gain_stage (
`else
  gain_stage #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F),
    .OUT_W(OUT_W), .OUT_F(OUT_F), .ROUND(ROUND), .OVERFLOW(OVERFLOW),
    .USE_DSP(USE_DSP)
  ) u_gain_stage (
`endif
    .clk     (clk),
    .rst     (rst_q),
    .s_valid (s_valid_q),
    .s_ready (s_ready),
    .s_data  (in_q[IN_W+G_W-1:G_W]),
    .s_gain  (in_q[G_W-1:0]),
    .m_valid (m_valid),
    .m_ready (m_ready_q),
    .m_data  (m_data),
    .m_ovf   (m_ovf)
  );

  assign s_ready_pin = s_ready_q;
  assign m_valid_pin = m_valid_q;
  assign sout_pin    = out_q[0];

endmodule
