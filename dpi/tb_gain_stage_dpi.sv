// tb_gain_stage_dpi - a self-checking SystemVerilog testbench of gain_stage with the
// gainstage C model as its scoreboard (gainstage_pkg, DPI-C). Random samples and
// gains, random input gaps and output backpressure; every output is compared with
// the model, in order; none may be lost, duplicated or stuck.
// Plusargs: +n=N samples (default 2000), +seed=S, +stall=PCT (0..99, percent of
// cycles with an input gap / m_ready low; default 20).
// Ends with "tb_gain_stage_dpi: PASS ..." or $fatal after the first mismatches:
//   sample 17: x=-1234 g=19251: expected y=5800 ovf=0, got y=5801 ovf=0
// Time unit: the simulator's default (--timescale 1ns/1ps in mk/dpi.mk), like the RTL.

// Testbench processes use blocking assignments on purpose (drive and check in order).
/* verilator lint_off BLKSEQ */
module tb_gain_stage_dpi;
  import gainstage_pkg::*;

  parameter int IN_W = 16, IN_F = 15, G_W = 16, G_F = 12, OUT_W = 16, OUT_F = 15;
  parameter int ROUND = 7, OVERFLOW = 0;

  localparam int MAX_WAIT = 200;   // cycles a due result may be held back
  localparam int MAX_REPORT = 5;   // mismatches shown before stopping

  logic             clk = 1'b0;
  logic             rst = 1'b1;
  logic             s_valid = 1'b0;
  logic             s_ready;
  logic [IN_W-1:0]  s_data = '0;
  logic [G_W-1:0]   s_gain = '0;
  logic             m_valid;
  logic             m_ready = 1'b0;
  logic [OUT_W-1:0] m_data;
  logic             m_ovf;

  gain_stage #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW)
  ) u_dut (.*);

  always #5 clk = ~clk;

  chandle model;
  int     n = 2000, seed = 1, stall = 20;
  int     sent = 0, done = 0, errors = 0, idle = 0;
  bit     taken = 1'b0;                  // the sample on s_data was taken at the last edge
  // scoreboard: samples taken and not yet out, in order
  int     q_idx[$], q_x[$], q_y[$];
  int unsigned q_g[$];
  bit     q_ovf[$];

  initial begin
    void'($value$plusargs("n=%d", n));
    void'($value$plusargs("seed=%d", seed));
    void'($value$plusargs("stall=%d", stall));
    void'($urandom(seed));
    model = gs_dpi_new(gs_dpi_options(IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, ROUND, OVERFLOW));
    if (model == null) $fatal(1, "tb_gain_stage_dpi: %s", gs_dpi_error());
    repeat (3) @(negedge clk);
    rst = 1'b0;
  end

  // Drive between edges: a sample stays on s_data until taken (AXI-Stream).
  always @(negedge clk) begin
    if (!rst) begin
      if (taken || !s_valid) begin
        s_valid = sent < n && ($urandom % 100) >= stall;
        if (s_valid) begin
          s_data = IN_W'($urandom);
          s_gain = G_W'($urandom);
        end
      end
      m_ready = ($urandom % 100) >= stall;
    end
  end

  // Check at the edge: what both sides see as taken.
  always @(posedge clk) begin
    bit ovf;
    int y;
    taken = s_valid && s_ready;
    if (taken) begin
      y = gs_dpi_eval(model, int'($signed(s_data)), int'(s_gain), ovf);
      q_idx.push_back(sent);
      q_x.push_back(int'($signed(s_data)));
      q_g.push_back(int'(s_gain));
      q_y.push_back(y);
      q_ovf.push_back(ovf);
      sent++;
    end
    if (m_valid && m_ready) begin
      if (q_idx.size() == 0) $fatal(1, "tb_gain_stage_dpi: output %0d without a sample for it", done + 1);
      if (int'($signed(m_data)) != q_y[0] || m_ovf != q_ovf[0]) begin
        $display("sample %0d: x=%0d g=%0d: expected y=%0d ovf=%0d, got y=%0d ovf=%0d",
                 q_idx[0], q_x[0], q_g[0], q_y[0], q_ovf[0], int'($signed(m_data)), m_ovf);
        errors++;
        if (errors == MAX_REPORT) $fatal(1, "tb_gain_stage_dpi: FAIL, %0d mismatches", errors);
      end
      void'(q_idx.pop_front()); void'(q_x.pop_front()); void'(q_g.pop_front());
      void'(q_y.pop_front()); void'(q_ovf.pop_front());
      done++;
      idle = 0;
    end else if (!rst) begin
      idle++;
      if (idle > MAX_WAIT) $fatal(1, "tb_gain_stage_dpi: no output for %0d cycles (%0d of %0d out, %0d pending)",
                                   MAX_WAIT, done, n, q_idx.size());
    end
    if (done == n) begin
      repeat (16) begin  // nothing more may come out
        @(posedge clk);
        if (m_valid) $fatal(1, "tb_gain_stage_dpi: an output after all %0d samples were out", n);
      end
      if (errors != 0) $fatal(1, "tb_gain_stage_dpi: FAIL, %0d mismatches", errors);
      if (gs_dpi_error() != "") $fatal(1, "tb_gain_stage_dpi: model: %s", gs_dpi_error());
      $display("tb_gain_stage_dpi: PASS samples=%0d (%s)", n,
               gs_dpi_options(IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, ROUND, OVERFLOW));
      gs_dpi_free(model);
      $finish;
    end
  end
endmodule
