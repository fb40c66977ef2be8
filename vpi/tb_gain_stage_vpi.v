// tb_gain_stage_vpi - the Icarus Verilog example: gain_stage checked against the
// gainstage C model through VPI ($gs_config / $gs_eval of vpi/gs_vpi.c).
// Random samples and gains, random input gaps and output backpressure; every
// output compared in order. Plusargs: +n=N (default 2000), +seed=S, +stall=PCT.
// A wrong output ends the run with $fatal (vvp exit status 1) after lines like
//   sample 17: x=-1234 g=19251: expected y=5800 ovf=0, got y=5801 ovf=0
module tb_gain_stage_vpi;
  parameter integer IN_W = 16, IN_F = 15, G_W = 16, G_F = 12, OUT_W = 16, OUT_F = 15;
  parameter integer ROUND = 7, OVERFLOW = 0;
  localparam integer QN = 64, MAX_WAIT = 200, MAX_REPORT = 5;

  reg clk = 1'b0, rst = 1'b1, s_valid = 1'b0, m_ready = 1'b0;
  reg [IN_W-1:0] s_data = {IN_W{1'b0}};
  reg [G_W-1:0] s_gain = {G_W{1'b0}};
  wire s_ready, m_valid, m_ovf;
  wire [OUT_W-1:0] m_data;

  gain_stage #(.IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
               .ROUND(ROUND), .OVERFLOW(OVERFLOW)) u_dut (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(s_gain), .m_valid(m_valid), .m_ready(m_ready), .m_data(m_data), .m_ovf(m_ovf));

  always #5 clk = ~clk;

  // scoreboard ring: index, x, g and the model's 64-bit {ovf, y} of each taken sample
  integer q_i [0:QN-1];
  reg signed [31:0] q_x [0:QN-1];
  reg [31:0] q_g [0:QN-1];
  reg [63:0] q_r [0:QN-1];
  integer head = 0, count = 0;
  integer n = 2000, seed = 1, stall = 20, sent = 0, done = 0, errors = 0, idle = 0, k;
  reg taken = 1'b0;
  reg signed [31:0] got_y, exp_y;

  initial begin
    if (!$value$plusargs("n=%d", n)) n = 2000;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("stall=%d", stall)) stall = 20;
    if ($gs_config(IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, ROUND, OVERFLOW) != 0)
      $fatal(1, "tb_gain_stage_vpi: the model refuses this parameter set");
    repeat (3) @(negedge clk);
    rst = 1'b0;
  end

  always @(negedge clk) if (!rst) begin
    if (taken || !s_valid) begin
      s_valid = sent < n && ($unsigned($random(seed)) % 100) >= stall;
      if (s_valid) begin
        s_data = $random(seed);
        s_gain = $random(seed);
      end
    end
    m_ready = ($unsigned($random(seed)) % 100) >= stall;
  end

  always @(posedge clk) begin
    taken = s_valid && s_ready;
    if (m_valid && m_ready) begin
      if (count == 0) $fatal(1, "tb_gain_stage_vpi: output %0d without a sample for it", done + 1);
      got_y = $signed(m_data);
      exp_y = q_r[head][31:0];
      if (got_y != exp_y || m_ovf != q_r[head][32]) begin
        $display("sample %0d: x=%0d g=%0d: expected y=%0d ovf=%0d, got y=%0d ovf=%0d",
                 q_i[head], q_x[head], q_g[head], exp_y, q_r[head][32], got_y, m_ovf);
        errors = errors + 1;
        if (errors == MAX_REPORT) $fatal(1, "tb_gain_stage_vpi: FAIL, %0d mismatches", errors);
      end
      head = (head + 1) % QN;
      count = count - 1;
      done = done + 1;
      idle = 0;
    end else if (!rst) begin
      idle = idle + 1;
      if (idle > MAX_WAIT) $fatal(1, "tb_gain_stage_vpi: no output for %0d cycles", MAX_WAIT);
    end
    if (taken) begin  // after the pop: the ring never holds more than QN
      k = (head + count) % QN;
      q_i[k] = sent;
      q_x[k] = $signed(s_data);
      q_g[k] = s_gain;
      q_r[k] = $gs_eval(s_data, s_gain);
      count = count + 1;
      sent = sent + 1;
    end
    if (done == n) begin
      repeat (16) @(posedge clk) if (m_valid) $fatal(1, "tb_gain_stage_vpi: an extra output");
      if (errors != 0) $fatal(1, "tb_gain_stage_vpi: FAIL, %0d mismatches", errors);
      $display("tb_gain_stage_vpi: PASS samples=%0d", n);
      $finish;
    end
  end
endmodule
