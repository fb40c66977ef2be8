// gs_split_add - the pipelined split add of gain_stage: sum_o = a_i + b_i
// (modulo 2^W), two register stages, no carry chain longer than about W/2 bits.
//
// Stage 1 (registers 1_q) adds the low LO bits and keeps their carry and the
// operands' high halves; stage 2 adds the high halves with that carry and
// registers the whole sum. So sum_o is a_i + b_i of two en-cycles before. Both
// stages load only when en is high (gain_stage's pipeline clock enable); no reset
// (data path only, valid bits are kept by the caller).

module gs_split_add #(
  parameter integer W  = 34,            // operand and sum width (>= 2)
  parameter integer LO = (W + 1) / 2    // low half (1 .. W-1)
) (
  input  wire         clk,
  input  wire         en,
  input  wire [W-1:0] a_i,
  input  wire [W-1:0] b_i,
  output wire [W-1:0] sum_o
);

  localparam integer HI = W - LO;

  reg  [LO-1:0] lo1_q;     // (a + b) low half
  reg           c1_q;      // its carry out
  reg  [HI-1:0] ah1_q;     // a high half
  reg  [HI-1:0] bh1_q;     // b high half
  reg  [W-1:0]  sum2_q;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [HI:0]   hi_d = {ah1_q, 1'b1} + {bh1_q, c1_q};   // carry in via bit 0
  /* verilator lint_on UNUSEDSIGNAL */

  always @(posedge clk) begin
    if (en) begin
      {c1_q, lo1_q} <= {1'b0, a_i[LO-1:0]} + {1'b0, b_i[LO-1:0]};
      ah1_q         <= a_i[W-1:LO];
      bh1_q         <= b_i[W-1:LO];
      sum2_q        <= {hi_d[HI:1], lo1_q};
    end
  end

  assign sum_o = sum2_q;

endmodule
