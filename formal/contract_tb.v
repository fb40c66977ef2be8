// contract_tb - proof (a): gain_stage's AXI4-Stream contract (SPEC.md 7 and the
// header of rtl/gain_stage.v), for all time, at small widths. Every input is
// free in every cycle except rst, which is high in the first cycle.
//   - m_valid low after reset until a sample has been taken (no output without a
//     sample inside: also no sample duplicated);
//   - while m_valid && !m_ready, m_valid, m_data and m_ovf hold;
//   - at most LATENCY + 1 samples inside (stages 1-8, head, skid);
//   - one sample chosen by the solver (f_pick) leaves as the f_pos-th output after
//     it was taken, with the result SPEC section 3 gives (gs_spec): no sample lost,
//     duplicated or reordered; with m_ready high from its taking on it leaves
//     exactly LATENCY edges later.
// USE_DSP = 1 (the handshake and the adds are the same with the LUT multiplier).
// k-induction needs the design's reachable states described: the invariants
// in formal/contract_dut.vh relate the pipeline's registers (exposed as
// ports of gs_dut by formal/run.sh: yosys `expose`, the RTL stays as it is) to
// shadow copies of the samples in each stage. They are asserted (so proved),
// never assumed.

module contract_tb #(
  parameter integer IN_W     = 4,
  parameter integer IN_F     = 2,
  parameter integer G_W      = 3,
  parameter integer G_F      = 1,
  parameter integer OUT_W    = 3,
  parameter integer OUT_F    = 1,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer LATENCY  = 9     // the documented one (scripts/gs_rtl.py)
) (
  input wire             clk,
  input wire             rst,
  input wire             s_valid,
  input wire [IN_W-1:0]  s_data,
  input wire [G_W-1:0]   s_gain,
  input wire             m_ready,
  input wire             f_pick       // the solver's choice of the tracked sample
);

  wire             s_ready, m_valid, m_ovf;
  wire [OUT_W-1:0] m_data;

  `include "contract_dut.vh"

  // its result as SPEC section 3 gives it: P = -(g*x), exact
  localparam integer PW = IN_W + G_W + 1;
  wire signed [PW-1:0] f_p = -($signed({{(G_W + 1){f_x[IN_W-1]}}, f_x}) *
                               $signed({{(IN_W + 1){1'b0}}, f_g}));
  wire [OUT_W-1:0] f_y;
  wire             f_ovf;
  gs_spec #(.PW(PW), .IN_F(IN_F), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F), .ROUND(ROUND),
            .OVERFLOW(OVERFLOW)) u_spec (.p(f_p), .y(f_y), .ovf(f_ovf));

  reg f_init = 1'b1;       // first cycle
  always @(posedge clk) f_init <= 1'b0;
  always @* if (f_init) assume(rst);

  wire in_hs  = s_valid && s_ready;
  wire out_hs = m_valid && m_ready;

  // samples inside: taken and not yet delivered
  reg [4:0] f_in;
  always @(posedge clk) begin
    if (rst) f_in <= 5'd0;
    else     f_in <= f_in + {4'd0, in_hs} - {4'd0, out_hs};
  end

  // the tracked sample
  reg             f_trk;         // inside
  reg [4:0]       f_pos;         // outputs still to go before it
  reg [4:0]       f_age;         // edges since it was taken (saturates)
  reg             f_full;        // m_ready high in every cycle since it was taken
  reg [IN_W-1:0]  f_x;           // its sample
  reg [G_W-1:0]   f_g;
  always @(posedge clk) begin
    if (rst) begin
      f_trk <= 1'b0;
    end else if (!f_trk && in_hs && f_pick) begin
      f_trk  <= 1'b1;
      f_pos  <= f_in - {4'd0, out_hs};
      f_age  <= 5'd1;
      f_full <= m_ready;
      f_x    <= s_data;
      f_g    <= s_gain;
    end else if (f_trk) begin
      if (out_hs) begin
        if (f_pos == 5'd0) f_trk <= 1'b0;
        else               f_pos <= f_pos - 5'd1;
      end
      if (f_age != 5'd31) f_age <= f_age + 5'd1;
      f_full <= f_full && m_ready;
    end
  end

  always @(posedge clk) begin
    if (!f_init) begin
      // hold while stalled (not across a reset edge)
      if ($past(m_valid && !m_ready && !rst)) begin
        assert(m_valid);
        assert(m_data == $past(m_data));
        assert(m_ovf == $past(m_ovf));
      end
    end
  end

  always @* begin
    if (!f_init) begin
      assert(!m_valid || f_in != 5'd0);
      assert(f_in <= LATENCY + 1);
      if (f_trk) begin
        assert(f_pos < f_in);
        if (out_hs && f_pos == 5'd0) begin
          assert(m_data == f_y);
          assert(m_ovf == f_ovf);
          if (f_full) assert(f_age == LATENCY);
        end
        if (f_full && m_ready && f_age == LATENCY) assert(m_valid && f_pos == 5'd0);
      end
    end
  end

endmodule
