// datapath_tb - proof (b): gain_stage's datapath after the product, at full
// width, against SPEC section 3 (gs_spec), at full rate (m_ready high). The
// multiplier is not proved here (bit-blasting a >= 12-bit product does not
// finish; exhaustive simulation covers the 16x16 one): formal/run.sh cuts the
// product register m5 free (yosys cutpoint) and this bench ties it to a free
// product q = g*x of the sample by the identity of arithmetic
//   ~x_u * g = g*(2^IN_W - 1) - g*x - [x < 0] * g * 2^IN_W   (x_u: x read unsigned)
// with q as free as the true product allows: zero exactly when g or x is,
// otherwise of x's sign, |q| <= (2^G_W - 1) * 2^(IN_W-1), and the multiplier's
// output above an unsigned W-bit number (0 <= ~x_u * g < 2^W). The spec then takes
// P = -q. With m_ready high every state is fixed by the last LATENCY + 1 inputs,
// so k-induction needs no invariants.

module datapath_tb #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer LATENCY  = 9
) (
  input wire                    clk,
  input wire                    rst,
  input wire                    s_valid,
  input wire [IN_W-1:0]         s_data,
  input wire [G_W-1:0]          s_gain,
  input wire signed [IN_W+G_W:0] s_prod   // the free product g*x of the sample offered
);

  localparam integer W  = IN_W + G_W;
  localparam integer QW = W + 1;
  wire             s_ready, m_valid, m_ovf, adv;
  wire [OUT_W-1:0] m_data;
  wire [W-1:0]     m5;

  gs_dut dut (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(s_gain), .m_valid(m_valid), .m_ready(1'b1), .m_data(m_data), .m_ovf(m_ovf),
    .adv(adv), .m5(m5)
  );

  reg f_init = 1'b1;
  always @(posedge clk) f_init <= 1'b0;
  always @* if (f_init) assume(rst);

  // what the product may be
  wire signed [QW-1:0] x_s  = {{(G_W + 1){s_data[IN_W-1]}}, s_data};
  wire signed [QW-1:0] qmax = $signed({1'b0, {G_W{1'b1}}, {(IN_W - 1){1'b0}}});
  localparam integer EW = W + 4;
  wire signed [EW-1:0] g_e  = $signed({{(EW-G_W){1'b0}}, s_gain});
  wire signed [EW-1:0] m_in = (g_e <<< IN_W) - g_e - s_prod - (x_s < 0 ? g_e <<< IN_W : 0);
  always @* begin
    assume(m_in >= 0 && m_in < ($signed({{(EW-1){1'b0}}, 1'b1}) <<< W));
    if (s_data == 0 || s_gain == 0) assume(s_prod == 0);
    else if (x_s < 0) assume(s_prod < 0 && s_prod >= -qmax);
    else              assume(s_prod > 0 && s_prod <= qmax);
  end

  // shadows of stages 1..LATENCY (stage i at [i-1]), moving with adv
  reg [LATENCY*IN_W-1:0] sx;
  reg [LATENCY*G_W-1:0]  sg;
  reg [LATENCY*QW-1:0]   sq;
  reg [LATENCY*OUT_W-1:0] sy;
  reg [LATENCY-1:0]      so;
  wire [OUT_W-1:0] y_in;
  wire             o_in;
  gs_spec #(.PW(QW), .IN_F(IN_F), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F), .ROUND(ROUND),
            .OVERFLOW(OVERFLOW)) u_spec (.p(-s_prod), .y(y_in), .ovf(o_in));
  always @(posedge clk) begin
    if (adv) begin
      sx <= {sx[(LATENCY-1)*IN_W-1:0], s_data};
      sg <= {sg[(LATENCY-1)*G_W-1:0], s_gain};
      sq <= {sq[(LATENCY-1)*QW-1:0], s_prod};
      sy <= {sy[(LATENCY-1)*OUT_W-1:0], y_in};
      so <= {so[LATENCY-2:0], o_in};
    end
  end

  // the multiplier's output for the sample in stage 5
  wire [IN_W-1:0]  x5 = sx[4*IN_W +: IN_W];
  wire [W-1:0]     g5 = {{IN_W{1'b0}}, sg[4*G_W +: G_W]};
  wire [W-1:0]     q5 = sq[4*QW +: W];
  wire [W-1:0]     m5_d = (g5 << IN_W) - g5 - q5 - (x5[IN_W-1] ? g5 << IN_W : {W{1'b0}});
  always @* if (!f_init) assume(m5 == m5_d);

  always @* begin
    if (!f_init && m_valid) begin
      assert(m_data == sy[(LATENCY-1)*OUT_W +: OUT_W]);
      assert(m_ovf == so[LATENCY-1]);
    end
  end

endmodule
