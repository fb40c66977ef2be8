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
// Timing contract (LATENCY = 9, the same for every parameter set and USE_DSP):
//   A sample is taken on the clock edge k where s_valid && s_ready. With m_ready
//   high, its result is on m_data/m_ovf with m_valid high from just after edge
//   k+LATENCY-1 and leaves on edge k+LATENCY. One sample per clock in and out:
//   samples taken on edges k, k+1, ... leave on k+9, k+10, ...
//   Backpressure: the output register has a skid register beside it. When
//   m_ready is low the result in flight parks in the skid register, and only
//   then (skid full) do stages 1-8 stop (one clock enable, adv) and s_ready
//   fall. So adv and s_ready come straight from a flip-flop: no combinational
//   path from m_ready to s_ready or to the 350-odd clock enables (the UP5K
//   critical path otherwise). s_ready = !rst && !skid full.
//   rst (synchronous, active high) empties the pipeline: m_valid low after the
//   first reset edge until a new sample has gone through.
//
// USE_DSP (extra parameter, default 1): 1 writes the multiply as a*b with one
// register before and after it, so that yosys -dsp packs a 16x16 into one
// SB_MAC16 using its A/B input and output registers (UP5K; wider operands: four
// such 16x16 products, summed in the stages after); 0 builds a pipelined
// LUT multiplier (8 partial products, a 3-level adder tree) for parts with no
// DSP (HX8K). Both compute the same; only timing and resources differ.
//
// Arithmetic (all exact, modulo 2^SW where the final value fits SW bits):
//   -(g*x) = g*~x + g, and ~x read as unsigned is ~x + xm*2^IN_W (xm = sign of
//   ~x), so P = M + g - xm*(g << IN_W) with M = ~x_u * g an UNSIGNED product:
//   one SB_MAC16 for 16x16, and the negation costs no stage. Rounding adds a
//   bias chosen by ROUND (sign-dependent modes use the sign of P, which is
//   !sign(x) whenever P != 0; P = 0 rounds to 0 with any bias < 2^SH) and keeps
//   floor(S / 2^SH); half-even adds HALF and clears the result's LSB on an exact
//   tie (the dropped bits of S all zero). So S = M + T with
//   T = g + bias - xm*(g << IN_W), computed beside the multiply.
//   Overflow is checked on every upper bit of R = S >>> SH (or P << -SH): never
//   after bits have been dropped.
//
// Pipeline (register set ei is loaded on edge k+i-1 for a sample taken on
// edge k; u, T and S are each added by a gs_split_add, in two halves over two
// stages, so no carry chain is longer than about SW/2 bits, and in the
// multiplier about IN_W + 8 or 32):
//   e1  a1 = ~x, b1 = g (SB_MAC16 A/B registers), g1, xs1 (fabric copies)
//   e2  DSP: m = a1*b1 (SB_MAC16 output reg) | LUT: 8 partial products;
//       u = g + bias (+ 2^IN_W if x >= 0): low half; vh = x >= 0 ? ~g : 0
//   e3  u high half     | mult: delay / tree level 1 / (>16x16) a_lo*b, a_hi*b
//   e4  T low half      | mult: delay / tree level 2 / (>16x16) a*b low half
//   e5  T high half     | M (delay / tree level 3 / (>16x16) a*b high half)
//   e6  S = M + T, low half
//   e7  S high half
//   e8  tie fix, range check: R's low OUT_W bits, its sign, the overflow flag
//   e9  clip/wrap: output register (or the skid register)

module gain_stage #(
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

  localparam integer LATENCY = 9;

  function integer max_int(input integer a, input integer b);
    max_int = (a > b) ? a : b;
  endfunction

  localparam integer W   = IN_W + G_W;              // product width
  localparam integer SH  = IN_F + G_F - OUT_F;      // right shift (SPEC 3 s)
  localparam integer K   = (SH < 0) ? -SH : 0;      // left shift when SH <= 0
  localparam integer SHP = (SH > 0) ? SH : 1;       // SH, kept legal for SH <= 0
  // S = P + bias must not overflow (|P| < 2^(W-1), bias < 2^SH); one spare bit
  // in SW and EW keeps every sign-extension count >= 1.
  localparam integer SW  = max_int(W, SH + 1) + 1;
  localparam integer UW  = max_int(G_W, SHP) + 1;   // bias constants
  localparam integer VW  = SW - IN_W;               // T's bits from IN_W up
  localparam integer RW  = (SH > 0) ? SW - SH : SW + K;  // R = S >>> SH or S << K
  localparam integer EW  = max_int(RW, OUT_W) + 1;  // R sign-extended
  // LUT multiplier: g in 8 chunks of CH bits (CH*8 >= G_W).
  localparam integer CH  = (G_W + 7) / 8;
  localparam integer L1W = IN_W + 2 * CH;           // a * (2 chunks)
  localparam integer L2W = IN_W + 4 * CH;           // a * (4 chunks)

  localparam ILLEGAL = (IN_W < 2) || (IN_W > 32) || (G_W < 1) || (G_W > 32) ||
                       (OUT_W < 2) || (OUT_W > 32) || (IN_F < 0) || (IN_F > 62) ||
                       (G_F < 0) || (G_F > 62) || (OUT_F < 0) || (OUT_F > 62) ||
                       (SH < -62) || (SH > 62) || (ROUND < 0) || (ROUND > 7) ||
                       (OVERFLOW < 0) || (OVERFLOW > 2) || (USE_DSP < 0) || (USE_DSP > 1);
  generate
    if (ILLEGAL) begin : g_illegal
      gain_stage_illegal_parameters u_illegal ();
    end
  endgenerate

  // Rounding bias (UW bits), by the sign of P: BIAS_POS for P >= 0 (x < 0),
  // BIAS_NEG for P <= 0 (x >= 0). Zero when SH <= 0 (no rounding).
  localparam [UW-1:0] ONE    = {{(UW-1){1'b0}}, 1'b1};
  localparam [UW-1:0] HALF   = ONE << (SHP - 1);
  localparam [UW-1:0] HALFM1 = HALF - ONE;
  localparam [UW-1:0] FULLM1 = (ONE << SHP) - ONE;
  localparam [UW-1:0] ZERO   = {UW{1'b0}};
  localparam [UW-1:0] BIAS_POS = (SH <= 0)   ? ZERO :
                                 (ROUND == 1) ? FULLM1 :
                                 (ROUND == 3) ? HALF :
                                 (ROUND == 4) ? HALFM1 :
                                 (ROUND == 5) ? HALFM1 :
                                 (ROUND == 6) ? HALF :
                                 (ROUND == 7) ? HALF : ZERO;
  localparam [UW-1:0] BIAS_NEG = (SH <= 0)   ? ZERO :
                                 (ROUND == 1) ? FULLM1 :
                                 (ROUND == 2) ? FULLM1 :
                                 (ROUND == 3) ? HALF :
                                 (ROUND == 4) ? HALFM1 :
                                 (ROUND == 5) ? HALF :
                                 (ROUND == 6) ? HALFM1 :
                                 (ROUND == 7) ? HALF : ZERO;

  // ---- handshake: stages 1-8 advance together unless the skid is full ----
  reg  [LATENCY-2:0] valid_q;   // stages 1..8
  reg                skid_v_q;  // the skid register holds a result
  wire               adv = !skid_v_q;

  assign s_ready = adv && !rst;

  always @(posedge clk) begin
    if (rst) begin
      valid_q <= {(LATENCY-1){1'b0}};
    end else if (adv) begin
      valid_q <= {valid_q[LATENCY-3:0], s_valid};
    end
  end

  // ---- e1: operands ----
  reg [IN_W-1:0] a1_q;   // ~x: multiplier operand only (DSP input register)
  reg [G_W-1:0]  b1_q;   // g: multiplier operand only (DSP input register)
  reg [G_W-1:0]  g1_q;   // g for T, kept apart from b1_q
  reg            xs1_q;  // sign of x: P >= 0, and xm = !xs1_q

  always @(posedge clk) begin
    if (adv) begin
      a1_q  <= ~s_data;
      b1_q  <= s_gain;
      g1_q  <= s_gain;
      xs1_q <= s_data[IN_W-1];
    end
  end

  // ---- T = u + (vh << IN_W), everything modulo 2^SW ----
  // -(g << IN_W) = (~g << IN_W) + (1 << IN_W), so with x >= 0 (xm = 1):
  // u = g + bias + (1 << IN_W) and vh = ~g (no adder); with x < 0: u = g + bias,
  // vh = 0. e2/e3: u = g + bias; e4/e5: T = u + (vh << IN_W) (gs_split_add).
  localparam [SW-1:0] BIASX_POS = {{(SW-UW){1'b0}}, BIAS_POS};   // SW > UW
  localparam [SW-1:0] BIASX_NEG = {{(SW-UW){1'b0}}, BIAS_NEG} +
                                  ({{(SW-1){1'b0}}, 1'b1} << IN_W);
  wire [SW-1:0] g1_sw = {{(SW-G_W){1'b0}}, g1_q};   // SW > G_W
  // Selections by a data bit (the sign here, the overflow flag in e9) are written
  // with masks: the same logic and the same iCE40 LUTs, and the C++ made of
  // them by Verilator has no branch, which random data would mispredict
  // (issue 9). Here b ^ (mask & (a ^ b)): fewer operations on the 64-bit
  // constants, which 8-lane models feel. vh2_q keeps its ?: form: yosys maps it
  // to a flip-flop reset (a mask costs a LUT), and the cosim build's
  // if-conversion setting removes its branch.
  wire [SW-1:0] bias1 = BIASX_NEG ^ ({SW{xs1_q}} & (BIASX_POS ^ BIASX_NEG));
  wire [VW-1:0] g1_v  = {{(VW-G_W){1'b0}}, g1_q};   // VW > G_W
  reg  [VW-1:0] vh2_q;
  reg  [VW-1:0] vh3_q;
  wire [SW-1:0] u3;

  gs_split_add #(.W(SW)) u_add_u (
    .clk(clk), .en(adv), .a_i(g1_sw), .b_i(bias1), .sum_o(u3)
  );

  always @(posedge clk) begin
    if (adv) begin
      vh2_q <= xs1_q ? {VW{1'b0}} : ~g1_v;
      vh3_q <= vh2_q;
    end
  end

  wire [SW-1:0] tb3 = {vh3_q, {IN_W{1'b0}}};
  wire [SW-1:0] t5;

  gs_split_add #(.W(SW)) u_add_t (
    .clk(clk), .en(adv), .a_i(u3), .b_i(tb3), .sum_o(t5)
  );

  // ---- M = a1 * b1, unsigned, ready in m5 ----
  wire [W-1:0] m5;

  generate
    if (USE_DSP == 1 && IN_W <= 16 && G_W <= 16) begin : g_mul_dsp
      // Register right after the multiply (SB_MAC16 output register), then
      // plain delays with the clock enable (yosys 0.23 ice40_dsp needs the
      // enable: a multiply followed by two plain registers confuses it).
      reg [W-1:0] m2_q;
      reg [W-1:0] m3_q;
      reg [W-1:0] m4_q;
      reg [W-1:0] m5_q;

      always @(posedge clk) begin
        if (adv) begin
          m2_q <= a1_q * b1_q;
          m3_q <= m2_q;
          m4_q <= m3_q;
          m5_q <= m4_q;
        end
      end
      assign m5 = m5_q;
    end
    // (separate ifs, not else-if: keeps the block names flat in netlists)
    if (USE_DSP == 1 && (IN_W > 16 || G_W > 16)) begin : g_mul_dsp4
      // Wider than 16x16: four 16x16 products, each registered right after its
      // multiply, so every SB_MAC16 keeps its input and output registers (left
      // to yosys, the partial sums would sit between the DSPs and the register).
      // Halves of an operand narrower than 32 bits are zero-padded; yosys
      // removes the products that are constant zero.
      /* verilator lint_off UNUSEDSIGNAL */
      wire [32:0] a33 = {{(33-IN_W){1'b0}}, a1_q};   // spare top bit: count >= 1
      wire [32:0] b33 = {{(33-G_W){1'b0}}, b1_q};
      /* verilator lint_on UNUSEDSIGNAL */
      wire [31:0] a32 = a33[31:0];
      wire [31:0] b32 = b33[31:0];
      reg  [31:0] p00_q;   // a[15:0]  * b[15:0],  weight 1
      reg  [31:0] p01_q;   // a[15:0]  * b[31:16], weight 2^16
      reg  [31:0] p10_q;   // a[31:16] * b[15:0],  weight 2^16
      reg  [31:0] p11_q;   // a[31:16] * b[31:16], weight 2^32
      reg  [47:0] x1_q;    // a[15:0]  * b
      reg  [47:0] x2_q;    // a[31:16] * b
      reg  [23:0] lo4_q;   // (a*b)[39:16]
      reg         c4_q;
      reg  [15:0] ll4_q;   // (a*b)[15:0]
      reg  [7:0]  x1h4_q;
      reg  [23:0] x2h4_q;
      reg  [W-1:0] m5_q;
      /* verilator lint_off UNUSEDSIGNAL */
      wire [24:0] hi5 = {x2h4_q, 1'b1} + {16'd0, x1h4_q, c4_q};  // carry in via bit 0
      wire [63:0] m_all = {hi5[24:1], lo4_q, ll4_q};
      /* verilator lint_on UNUSEDSIGNAL */

      always @(posedge clk) begin
        if (adv) begin
          p00_q  <= a32[15:0] * b32[15:0];
          p01_q  <= a32[15:0] * b32[31:16];
          p10_q  <= a32[31:16] * b32[15:0];
          p11_q  <= a32[31:16] * b32[31:16];
          // x < 2^48, so (x >> 16) fits 32 bits: no carry is lost
          x1_q   <= {p01_q + {16'd0, p00_q[31:16]}, p00_q[15:0]};
          x2_q   <= {p11_q + {16'd0, p10_q[31:16]}, p10_q[15:0]};
          // a*b = x1 + (x2 << 16): bits 16..39, then 40..63
          {c4_q, lo4_q} <= {1'b0, x1_q[39:16]} + {1'b0, x2_q[23:0]};
          ll4_q  <= x1_q[15:0];
          x1h4_q <= x1_q[47:40];
          x2h4_q <= x2_q[47:24];
          m5_q   <= m_all[W-1:0];
        end
      end
      assign m5 = m5_q;
    end
    if (USE_DSP == 0) begin : g_mul_lut
      // pp[j] = a * chunk j of g (IN_W+CH bits), weight 2^(CH*j).
      /* verilator lint_off UNUSEDSIGNAL */
      wire [8*CH:0] b_pad = {{(8*CH-G_W+1){1'b0}}, b1_q};  // spare top bit
      /* verilator lint_on UNUSEDSIGNAL */
      localparam integer PW = IN_W + CH;  // partial product width
      reg  [8*PW-1:0]  pp2_q;             // 8 x PW: pp[j] at [PW*j +: PW]
      reg  [4*L1W-1:0] l13_q;             // 4 x L1W
      reg  [2*L2W-1:0] l24_q;             // 2 x L2W
      reg  [W-1:0]     m5_q;
      genvar j;

      // Each level adds a node's upper part to its right neighbour; the low
      // CH (2CH, 4CH) bits pass through, so the carry chains stay short. No
      // sum overflows: a level-n node is a times n chunks of g.
      for (j = 0; j < 8; j = j + 1) begin : g_pp
        always @(posedge clk) begin
          if (adv) begin
            pp2_q[PW*j +: PW] <= a1_q * b_pad[CH*j +: CH];
          end
        end
      end
      for (j = 0; j < 4; j = j + 1) begin : g_l1
        wire [PW-1:0] lo = pp2_q[PW*(2*j) +: PW];
        wire [PW-1:0] hi = pp2_q[PW*(2*j+1) +: PW];
        always @(posedge clk) begin
          if (adv) begin
            l13_q[L1W*j +: L1W] <= {hi + {{CH{1'b0}}, lo[PW-1:CH]}, lo[CH-1:0]};
          end
        end
      end
      for (j = 0; j < 2; j = j + 1) begin : g_l2
        wire [L1W-1:0] lo = l13_q[L1W*(2*j) +: L1W];
        wire [L1W-1:0] hi = l13_q[L1W*(2*j+1) +: L1W];
        always @(posedge clk) begin
          if (adv) begin
            l24_q[L2W*j +: L2W] <= {hi + {{(2*CH){1'b0}}, lo[L1W-1:2*CH]}, lo[2*CH-1:0]};
          end
        end
      end

      // a * b < 2^W, so the bits above W are zero: drop them.
      wire [L2W-1:0] l3_lo = l24_q[0 +: L2W];
      wire [L2W-1:0] l3_hi = l24_q[L2W +: L2W];
      /* verilator lint_off UNUSEDSIGNAL */
      wire [L2W+4*CH-1:0] m_top = {l3_hi + {{(4*CH){1'b0}}, l3_lo[L2W-1:4*CH]},
                                   l3_lo[4*CH-1:0]};
      /* verilator lint_on UNUSEDSIGNAL */

      always @(posedge clk) begin
        if (adv) begin
          m5_q <= m_top[W-1:0];
        end
      end
      assign m5 = m5_q;
    end
  endgenerate

  // ---- S = M + T: e6 low half, e7 high half ----
  wire [SW-1:0] m5_ext = {{(SW-W){1'b0}}, m5};
  wire [SW-1:0] s7;

  gs_split_add #(.W(SW)) u_add_s (
    .clk(clk), .en(adv), .a_i(m5_ext), .b_i(t5), .sum_o(s7)
  );

  // ---- e8: scale, tie fix, overflow check ----
  wire [RW-1:0] r8;
  wire          tie8;

  generate
    if (SH > 0) begin : g_shr
      assign r8   = s7[SW-1:SH];
      // half-even: S = P + HALF has its dropped bits all zero exactly on a tie;
      // half-up took it to the odd side then, so clear the LSB.
      assign tie8 = (ROUND == 7) && !(|s7[SH-1:0]);
    end else if (K > 0) begin : g_shl
      assign r8   = {s7, {K{1'b0}}};
      assign tie8 = 1'b0;
    end else begin : g_same
      assign r8   = s7;
      assign tie8 = 1'b0;
    end
  endgenerate

  // Clearing the LSB of an odd R never moves it across the sat range bounds
  // (both are even / odd the right way), but can make it -2^(OUT_W-1), which
  // sat-sym clips: the checks below use the fixed value.
  wire [EW-1:0]     r8_ext   = {{(EW-RW){r8[RW-1]}}, r8[RW-1:1], r8[0] && !tie8};
  wire [EW-OUT_W:0] r8_hi    = r8_ext[EW-1:OUT_W-1];  // must all equal the sign
  wire              r8_neg   = r8_ext[EW-1];
  wire              r8_fits  = (&r8_hi) || !(|r8_hi);
  // R = -2^(OUT_W-1): in range, but clipped (and flagged) by sat-sym.
  wire              r8_min   = r8_fits && r8_ext[OUT_W-1] && !(|r8_ext[OUT_W-2:0]);
  wire              ovf8_d   = !r8_fits || ((OVERFLOW == 1) && r8_min);
  reg  [OUT_W-1:0]  r8_q;
  reg               neg8_q;
  reg               ovf8_q;

  always @(posedge clk) begin
    if (adv) begin
      r8_q   <= r8_ext[OUT_W-1:0];
      neg8_q <= r8_neg;
      ovf8_q <= ovf8_d;
    end
  end

  // ---- e9: clip or wrap ----
  wire [OUT_W-1:0]  max_code = {1'b0, {(OUT_W-1){1'b1}}};
  // -2^(OUT_W-1), or -(2^(OUT_W-1)-1) for sat-sym
  wire [OUT_W-1:0]  min_code = ~max_code | {{(OUT_W-1){1'b0}}, OVERFLOW == 1};
  wire [OUT_W-1:0]  neg9_m   = {OUT_W{neg8_q}};
  wire [OUT_W-1:0]  rail9    = (min_code & neg9_m) | (max_code & ~neg9_m);
  wire [OUT_W-1:0]  clip9_m  = {OUT_W{ovf8_q && (OVERFLOW != 2)}};
  wire [OUT_W-1:0]  y9_d     = (rail9 & clip9_m) | (r8_q & ~clip9_m);

  // ---- output register (head) and skid register ----
  reg  [OUT_W-1:0]  y_q;
  reg               ovf_q;
  reg               head_v_q;
  reg  [OUT_W-1:0]  skid_y_q;
  reg               skid_ovf_q;
  wire              head_free = !head_v_q || m_ready;
  wire              in_v      = valid_q[LATENCY-2];   // stage 8 offers a result

  always @(posedge clk) begin
    if (rst) begin
      head_v_q <= 1'b0;
      skid_v_q <= 1'b0;
    end else if (adv) begin
      // skid empty: stage 8's result goes to the head, or parks in the skid
      if (head_free) begin
        head_v_q <= in_v;
      end else if (in_v) begin
        skid_v_q <= 1'b1;
      end
    end else if (head_free) begin
      // skid full (stages 1-8 frozen): it moves to the head
      head_v_q <= 1'b1;
      skid_v_q <= 1'b0;
    end
  end

  always @(posedge clk) begin
    if (head_free) begin
      y_q   <= adv ? y9_d : skid_y_q;
      ovf_q <= adv ? ovf8_q : skid_ovf_q;
    end
    if (adv) begin
      skid_y_q   <= y9_d;
      skid_ovf_q <= ovf8_q;
    end
  end

  assign m_valid = head_v_q;
  assign m_data  = y_q;
  assign m_ovf   = ovf_q;

endmodule
