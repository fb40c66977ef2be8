// contract_dut.vh - part of contract_tb: the design under proof (gs_dut: gain_stage
// with the parameters of contract_tb, flattened, its internal registers exposed as
// outputs) and the invariants that make the contract inductive. Restates the
// RTL's intermediate values (u, T, M, S: see the header of rtl/gain_stage.v) as
// functions of a stage's sample; the final result is checked against gs_spec.

  localparam integer W   = IN_W + G_W;
  localparam integer SH  = IN_F + G_F - OUT_F;
  localparam integer SHP = (SH > 0) ? SH : 1;
  localparam integer SW  = ((W > SH + 1) ? W : SH + 1) + 1;
  localparam integer LO  = (SW + 1) / 2;
  localparam integer HI  = SW - LO;
  localparam integer VW  = SW - IN_W;
  localparam [SW-1:0] ONE  = {{(SW-1){1'b0}}, 1'b1};
  localparam [SW-1:0] HALF = ONE << (SHP - 1);
  localparam [SW-1:0] FULL = (ONE << SHP) - ONE;
  // rounding bias for P >= 0 (x < 0) and P <= 0 (x >= 0), SPEC 3's table
  localparam [SW-1:0] BP = (SH <= 0) ? 0 : (ROUND == 1) ? FULL : (ROUND == 3 || ROUND == 6 ||
                           ROUND == 7) ? HALF : (ROUND == 4 || ROUND == 5) ? HALF - ONE : 0;
  localparam [SW-1:0] BN = (SH <= 0) ? 0 : (ROUND == 1 || ROUND == 2) ? FULL :
                           (ROUND == 3 || ROUND == 5 || ROUND == 7) ? HALF :
                           (ROUND == 4 || ROUND == 6) ? HALF - ONE : 0;

  wire             adv, skid_v_q, skid_ovf_q, xs1_q, ovf8_q;
  wire [LATENCY-2:0] valid_q;
  wire [OUT_W-1:0] skid_y_q, y9_d;
  wire [IN_W-1:0]  a1_q;
  wire [G_W-1:0]   b1_q, g1_q;
  wire [VW-1:0]    vh2_q, vh3_q;
  wire [W-1:0]     m2_q, m3_q, m4_q, m5_q;
  wire [LO-1:0]    ulo, tlo, slo;
  wire             uc, tc, sc;
  wire [HI-1:0]    uah, ubh, tah, tbh, sah, sbh;
  wire [SW-1:0]    u3, t5, s7;

  gs_dut dut (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(s_gain), .m_valid(m_valid), .m_ready(m_ready), .m_data(m_data), .m_ovf(m_ovf),
    .adv(adv), .valid_q(valid_q), .skid_v_q(skid_v_q), .skid_y_q(skid_y_q),
    .skid_ovf_q(skid_ovf_q), .y9_d(y9_d), .ovf8_q(ovf8_q), .a1_q(a1_q), .b1_q(b1_q),
    .g1_q(g1_q), .xs1_q(xs1_q), .vh2_q(vh2_q), .vh3_q(vh3_q),
    .\g_mul_dsp.m2_q (m2_q), .\g_mul_dsp.m3_q (m3_q), .\g_mul_dsp.m4_q (m4_q),
    .\g_mul_dsp.m5_q (m5_q),
    .\u_add_u.lo1_q (ulo), .\u_add_u.c1_q (uc), .\u_add_u.ah1_q (uah), .\u_add_u.bh1_q (ubh),
    .\u_add_u.sum2_q (u3),
    .\u_add_t.lo1_q (tlo), .\u_add_t.c1_q (tc), .\u_add_t.ah1_q (tah), .\u_add_t.bh1_q (tbh),
    .\u_add_t.sum2_q (t5),
    .\u_add_s.lo1_q (slo), .\u_add_s.c1_q (sc), .\u_add_s.ah1_q (sah), .\u_add_s.bh1_q (sbh),
    .\u_add_s.sum2_q (s7)
  );

  // what a gs_split_add's first stage holds: its sum, carry not yet added
  function [SW-1:0] mid(input [LO-1:0] lo, input c, input [HI-1:0] ah, input [HI-1:0] bh);
    mid = {ah, lo} + {bh, {LO{1'b0}}} + ({{(SW-1){1'b0}}, c} << LO);
  endfunction
  function [SW-1:0] f_u(input [IN_W-1:0] x, input [G_W-1:0] g);
    f_u = {{(SW-G_W){1'b0}}, g} + (x[IN_W-1] ? BP : BN + (ONE << IN_W));
  endfunction
  function [VW-1:0] f_vh(input [IN_W-1:0] x, input [G_W-1:0] g);
    f_vh = x[IN_W-1] ? {VW{1'b0}} : ~{{(VW-G_W){1'b0}}, g};
  endfunction
  function [SW-1:0] f_t(input [IN_W-1:0] x, input [G_W-1:0] g);
    f_t = f_u(x, g) + {f_vh(x, g), {IN_W{1'b0}}};
  endfunction
  function [W-1:0] f_m(input [IN_W-1:0] x, input [G_W-1:0] g);
    f_m = {{G_W{1'b0}}, ~x} * {{IN_W{1'b0}}, g};
  endfunction
  function [SW-1:0] f_s(input [IN_W-1:0] x, input [G_W-1:0] g);
    f_s = {{(SW-W){1'b0}}, f_m(x, g)} + f_t(x, g);
  endfunction

  // shadow samples of stages 1..8 (stage i at [i-1]), moving with adv
  reg  [8*IN_W-1:0] sx;
  reg  [8*G_W-1:0]  sg;
  always @(posedge clk) begin
    if (adv) begin
      sx <= {sx[7*IN_W-1:0], s_data};
      sg <= {sg[7*G_W-1:0], s_gain};
    end
  end
  function [IN_W-1:0] xs(input integer i); xs = sx[(i-1)*IN_W +: IN_W]; endfunction
  function [G_W-1:0]  gs(input integer i); gs = sg[(i-1)*G_W +: G_W]; endfunction

  wire [OUT_W-1:0] y8;
  wire             o8;
  wire signed [PW-1:0] p8 = -($signed({{(G_W + 1){sx[8*IN_W-1]}}, sx[7*IN_W +: IN_W]}) *
                              $signed({{(IN_W + 1){1'b0}}, sg[7*G_W +: G_W]}));
  gs_spec #(.PW(PW), .IN_F(IN_F), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F), .ROUND(ROUND),
            .OVERFLOW(OVERFLOW)) u_spec8 (.p(p8), .y(y8), .ovf(o8));

  // expected results of the head and skid registers, following the RTL's moves
  reg [OUT_W-1:0] f_hy, f_ky;
  reg             f_ho, f_ko;
  wire head_free = !m_valid || m_ready;
  always @(posedge clk) begin
    if (head_free) begin
      f_hy <= adv ? y8 : f_ky;
      f_ho <= adv ? o8 : f_ko;
    end
    if (adv) begin
      f_ky <= y8;
      f_ko <= o8;
    end
  end

  // entries from the output: 0 head, 1 skid, 2.. stage 8 down to stage 1; the
  // tracked sample is the valid entry with f_pos valid entries before it
  reg  [LATENCY:0] ev;
  reg  [4:0]       ecnt [0:LATENCY];
  integer j;
  always @* begin
    ev[0] = m_valid;
    ev[1] = skid_v_q;
    for (j = 2; j <= LATENCY; j = j + 1) ev[j] = valid_q[LATENCY - j];
    ecnt[0] = 5'd0;
    for (j = 1; j <= LATENCY; j = j + 1) ecnt[j] = ecnt[j-1] + {4'd0, ev[j-1]};
  end
  wire [4:0] nvalid = ecnt[LATENCY] + {4'd0, ev[LATENCY]};

  always @* begin
    if (!f_init) begin
      assert(f_in == nvalid);
      assert(!skid_v_q || m_valid);
      if (m_valid)  assert(m_data == f_hy && m_ovf == f_ho);
      if (skid_v_q) assert(skid_y_q == f_ky && skid_ovf_q == f_ko);
      if (valid_q[0]) assert(a1_q == ~xs(1) && b1_q == gs(1) && g1_q == gs(1) &&
                             xs1_q == xs(1) >> (IN_W - 1));
      if (valid_q[1]) assert(mid(ulo, uc, uah, ubh) == f_u(xs(2), gs(2)) &&
                             vh2_q == f_vh(xs(2), gs(2)) && m2_q == f_m(xs(2), gs(2)));
      if (valid_q[2]) assert(u3 == f_u(xs(3), gs(3)) && vh3_q == f_vh(xs(3), gs(3)) &&
                             m3_q == f_m(xs(3), gs(3)));
      if (valid_q[3]) assert(mid(tlo, tc, tah, tbh) == f_t(xs(4), gs(4)) &&
                             m4_q == f_m(xs(4), gs(4)));
      if (valid_q[4]) assert(t5 == f_t(xs(5), gs(5)) && m5_q == f_m(xs(5), gs(5)));
      if (valid_q[5]) assert(mid(slo, sc, sah, sbh) == f_s(xs(6), gs(6)));
      if (valid_q[6]) assert(s7 == f_s(xs(7), gs(7)));
      if (valid_q[7]) assert(y9_d == y8 && ovf8_q == o8);
      if (f_trk) begin
        if (m_valid && ecnt[0] == f_pos)  assert(f_hy == f_y && f_ho == f_ovf);
        if (skid_v_q && ecnt[1] == f_pos) assert(f_ky == f_y && f_ko == f_ovf);
        for (j = 1; j < LATENCY; j = j + 1)
          if (valid_q[j-1] && ecnt[LATENCY + 1 - j] == f_pos) assert(xs(j) == f_x && gs(j) == f_g);
        if (f_full) begin
          assert(!skid_v_q && f_age >= 1 && f_age <= LATENCY);
          if (f_age == LATENCY) assert(m_valid && f_pos == 5'd0);
          else assert(valid_q[f_age-1] && ecnt[LATENCY + 1 - f_age] == f_pos);
        end
      end
    end
  end
