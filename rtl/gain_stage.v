// gain_stage - fixed-point inverting gain stage y = Q(-(g * x)), SPEC.md 3 and 7.
//
// Parameters: formats sIN_W.IN_F (x), uG_W.G_F (g), sOUT_W.OUT_F (y); ROUND and
// OVERFLOW numbered like gs_round_t / gs_overflow_t in cmodel/gainstage.h:
//   ROUND    0 floor, 1 ceil, 2 zero, 3 half-up, 4 half-down, 5 half-zero,
//            6 half-away, 7 half-even
//   OVERFLOW 0 sat, 1 sat-sym, 2 wrap
// Defaults: the default profile (s16.15, u16.12, s16.15, half-even, sat).
// An illegal parameter set stops elaboration by instantiating the missing module
// gain_stage_illegal_parameters.
//
// Timing contract (LATENCY = 5):
//   A sample is taken on the clock edge k where s_valid && s_ready. With m_ready
//   high, its result is on m_data/m_ovf with m_valid high from just after edge
//   k+LATENCY-1 and leaves on edge k+LATENCY. One sample per clock in and out.
//   A back-to-back stream taken on edges k, k+1, ... leaves on k+5, k+6, ...
//   Under backpressure the whole pipeline stalls (one clock enable, adv), so a
//   result leaves exactly LATENCY *advancing* edges after it was taken;
//   s_ready = !rst && (!m_valid || m_ready) (combinational from m_ready).
//   rst (synchronous, active high) empties the pipeline: m_valid low after the
//   first reset edge until a new sample has gone through.
//
// Pipeline (at most one adder between two registers):
//   s1  a1 = ~x, b1 = g: the multiplier operands (SB_MAC16 A/B input registers
//       on the UP5K); fabric copies of g and of x's sign bit.
//   s2  m2 = a1 * b1, unsigned (SB_MAC16 output register); t2 = g - xm*(g << IN_W).
//       Why: -(g*x) = g*~x + g, and ~x read as unsigned is ~x + xm*2^IN_W
//       (xm = sign of ~x), so P = m2 + t2 exactly. The multiply stays unsigned
//       x unsigned, which yosys maps to one SB_MAC16 for 16x16, and the negation
//       costs no extra stage.
//   s3  p3 = m2 + t2 = -(g*x), W = IN_W + G_W bits signed (|P| < 2^(W-1)).
//   s4  SH > 0: s4 = P + bias, the bias picked by ROUND (and P's sign, or for
//       half-even P's bit SH), so that floor(s4 / 2^SH) is the rounded value.
//       SH <= 0: s4 = P (scaling up is exact, done in s5 as wiring).
//   s5  R = s4 >>> SH (or P << -SH), range check on all of R's upper bits (so
//       overflow is found before any bit is dropped), clip/wrap: m_data, m_ovf.

module gain_stage #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0
) (
  input  wire             clk,
  input  wire             rst,
  input  wire             s_valid,
  output wire             s_ready,
  input  wire [IN_W-1:0]  s_data,
  input  wire [G_W-1:0]   s_gain,
  output wire             m_valid,
  input  wire             m_ready,
  output wire [OUT_W-1:0] m_data,
  output wire             m_ovf
);

  localparam integer LATENCY = 5;

  function integer max_int(input integer a, input integer b);
    max_int = (a > b) ? a : b;
  endfunction

  localparam integer W   = IN_W + G_W;              // product width
  localparam integer SH  = IN_F + G_F - OUT_F;      // right shift (SPEC 3 s)
  localparam integer K   = (SH < 0) ? -SH : 0;      // left shift when SH <= 0
  localparam integer SHP = (SH > 0) ? SH : 1;       // SH, kept legal for SH <= 0
  // s4 width: P + bias must not overflow (P < 2^(W-1), bias < 2^SH).
  // One spare bit in SW and EW keeps every sign-extension count >= 1.
  localparam integer SW  = max_int(W, SH + 1) + 1;
  // Width of R: s4 >>> SH, or P << K.
  localparam integer RW  = (SH > 0) ? SW - SH : SW + K;
  localparam integer EW  = max_int(RW, OUT_W) + 1;  // R sign-extended

  localparam ILLEGAL = (IN_W < 2) || (IN_W > 32) || (G_W < 1) || (G_W > 32) ||
                       (OUT_W < 2) || (OUT_W > 32) || (IN_F < 0) || (IN_F > 62) ||
                       (G_F < 0) || (G_F > 62) || (OUT_F < 0) || (OUT_F > 62) ||
                       (SH < -62) || (SH > 62) || (ROUND < 0) || (ROUND > 7) ||
                       (OVERFLOW < 0) || (OVERFLOW > 2);
  generate
    if (ILLEGAL) begin : g_illegal
      gain_stage_illegal_parameters u_illegal ();
    end
  endgenerate

  // Rounding bias constants (SW bits): s4 = P + (sel ? BIAS1 : BIAS0).
  localparam [SW-1:0] ONE    = {{(SW-1){1'b0}}, 1'b1};
  localparam [SW-1:0] HALF   = ONE << (SHP - 1);
  localparam [SW-1:0] HALFM1 = HALF - ONE;
  localparam [SW-1:0] FULLM1 = (ONE << SHP) - ONE;
  localparam [SW-1:0] ZERO   = {SW{1'b0}};
  localparam [SW-1:0] BIAS0  = (ROUND == 1) ? FULLM1 :
                               (ROUND == 3) ? HALF :
                               (ROUND == 4) ? HALFM1 :
                               (ROUND == 5) ? HALFM1 :
                               (ROUND == 6) ? HALF :
                               (ROUND == 7) ? HALFM1 : ZERO;
  localparam [SW-1:0] BIAS1  = (ROUND == 1) ? FULLM1 :
                               (ROUND == 2) ? FULLM1 :
                               (ROUND == 3) ? HALF :
                               (ROUND == 4) ? HALFM1 :
                               (ROUND == 5) ? HALF :
                               (ROUND == 6) ? HALFM1 :
                               (ROUND == 7) ? HALF : ZERO;

  // ---- handshake: one clock enable for the whole pipeline ----
  reg  [LATENCY-1:0] valid_q;
  wire               adv = !valid_q[LATENCY-1] || m_ready;

  assign s_ready = adv && !rst;
  assign m_valid = valid_q[LATENCY-1];

  always @(posedge clk) begin
    if (rst) begin
      valid_q <= {LATENCY{1'b0}};
    end else if (adv) begin
      valid_q <= {valid_q[LATENCY-2:0], s_valid};
    end
  end

  // ---- s1: operands ----
  reg [IN_W-1:0] a1_q;   // ~x: multiplier operand only (DSP input register)
  reg [G_W-1:0]  b1_q;   // g: multiplier operand only (DSP input register)
  reg [G_W-1:0]  g1_q;   // g for the correction term, kept apart from b1_q
  reg            xs1_q;  // sign of x (xm = !xs1_q)

  always @(posedge clk) begin
    if (adv) begin
      a1_q  <= ~s_data;
      b1_q  <= s_gain;
      g1_q  <= s_gain;
      xs1_q <= s_data[IN_W-1];
    end
  end

  // ---- s2: unsigned product and correction ----
  wire [W-1:0] g1_ext  = {{IN_W{1'b0}}, g1_q};
  wire [W-1:0] g1_high = g1_ext << IN_W;
  wire [W-1:0] t2_d    = xs1_q ? g1_ext : g1_ext - g1_high;
  wire [W-1:0] m2_d    = a1_q * b1_q;
  reg  [W-1:0] m2_q;
  reg  [W-1:0] t2_q;

  always @(posedge clk) begin
    if (adv) begin
      m2_q <= m2_d;
      t2_q <= t2_d;
    end
  end

  // ---- s3: P = -(g*x) ----
  reg [W-1:0] p3_q;

  always @(posedge clk) begin
    if (adv) begin
      p3_q <= m2_q + t2_q;
    end
  end

  // ---- s4: rounding bias, then keep R's bits only ----
  wire [SW-1:0] p3_ext = {{(SW-W){p3_q[W-1]}}, p3_q};
  reg  [RW-1:0] r4_q;
  wire [RW-1:0] r4_d;

  generate
    if (SH > 0) begin : g_round
      // sel: P < 0 for the sign-dependent modes, P's bit SH (the LSB that
      // floor keeps) for half-even; the constant modes ignore it.
      wire          sel = (ROUND == 7) ? p3_ext[SHP] : p3_ext[SW-1];
      // The low SH bits are the dropped fraction: only their carry matters.
      /* verilator lint_off UNUSEDSIGNAL */
      wire [SW-1:0] s4  = p3_ext + (sel ? BIAS1 : BIAS0);
      /* verilator lint_on UNUSEDSIGNAL */
      assign r4_d = s4[SW-1:SH];
    end else if (K > 0) begin : g_shl
      assign r4_d = {p3_ext, {K{1'b0}}};
    end else begin : g_same
      assign r4_d = p3_ext;
    end
  endgenerate

  always @(posedge clk) begin
    if (adv) begin
      r4_q <= r4_d;
    end
  end

  // ---- s5: overflow, output ----
  wire [RW-1:0]      r5       = r4_q;
  wire [EW-1:0]      r5_ext   = {{(EW-RW){r5[RW-1]}}, r5};
  wire [EW-OUT_W:0]  r5_hi    = r5_ext[EW-1:OUT_W-1];  // must all equal the sign
  wire               r5_neg   = r5_ext[EW-1];
  wire               r5_fits  = (&r5_hi) || !(|r5_hi);
  // R = -2^(OUT_W-1): in range, but clipped (and flagged) by sat-sym.
  wire               r5_min   = r5_fits && r5_ext[OUT_W-1] && !(|r5_ext[OUT_W-2:0]);
  wire               ovf5_d   = !r5_fits || ((OVERFLOW == 1) && r5_min);
  wire [OUT_W-1:0]   max_code = {1'b0, {(OUT_W-1){1'b1}}};
  // -2^(OUT_W-1), or -(2^(OUT_W-1)-1) for sat-sym
  wire [OUT_W-1:0]   min_code = ~max_code | {{(OUT_W-1){1'b0}}, OVERFLOW == 1};
  wire [OUT_W-1:0]   y5_d     = (!ovf5_d || (OVERFLOW == 2)) ? r5_ext[OUT_W-1:0] :
                                r5_neg ? min_code : max_code;
  reg  [OUT_W-1:0]   y5_q;
  reg                ovf5_q;

  always @(posedge clk) begin
    if (adv) begin
      y5_q   <= y5_d;
      ovf5_q <= ovf5_d;
    end
  end

  assign m_data = y5_q;
  assign m_ovf  = ovf5_q;

endmodule
