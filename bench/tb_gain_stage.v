// tb_gain_stage - the Icarus Verilog peer of cosim: random samples into
// rtl/gain_stage.v, every output checked against the C model through VPI
// ($gs_config / $gs_eval from vpi/gs_vpi.c), the same checks as cosim:
//   - no stall (+stall=0): s_ready always high, m_valid high exactly LATENCY
//     cycles after each sample and never otherwise, data and ovf exact;
//   - +stall=P: random s_valid gaps and m_ready backpressure with probability P;
//     results in order, none lost or duplicated, m_valid/m_data/m_ovf held
//     while stalled, and a bounded wait (no deadlock).
// Plusargs: +n=N samples (default 100000), +seed=S, +stall=P (0..1).
// Ends with one line "tb_gain_stage: PASS|FAIL samples=.. cycles=.. mismatches=.."
// and $fatal on failure (vvp exit status 1).
`timescale 1ns / 1ps

module tb_gain_stage;
  parameter integer IN_W     = 16;
  parameter integer IN_F     = 15;
  parameter integer G_W      = 16;
  parameter integer G_F      = 12;
  parameter integer OUT_W    = 16;
  parameter integer OUT_F    = 15;
  parameter integer ROUND    = 7;
  parameter integer OVERFLOW = 0;
  // The RTL's documented LATENCY: set by the build (-P) from the RTL's text,
  // so that a design whose real latency differs from its documentation fails.
  parameter integer LATENCY  = 0;

  localparam integer QN         = 64;   // scoreboard depth (> LATENCY)
  localparam integer MAX_WAIT   = 1000; // cycles a due result may be held back
  localparam integer MAX_REPORT = 10;

  reg              clk = 1'b0;
  reg              rst = 1'b1;
  reg              s_valid = 1'b0;
  wire             s_ready;
  reg  [IN_W-1:0]  s_data = {IN_W{1'b0}};
  reg  [G_W-1:0]   s_gain = {G_W{1'b0}};
  wire             m_valid;
  reg              m_ready = 1'b1;
  wire [OUT_W-1:0] m_data;
  wire             m_ovf;

  gain_stage #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW)
  ) u_dut (
    .clk(clk), .rst(rst),
    .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data), .s_gain(s_gain),
    .m_valid(m_valid), .m_ready(m_ready), .m_data(m_data), .m_ovf(m_ovf)
  );

  always #5 clk = ~clk;

  // Scoreboard: samples taken and not yet out, in order.
  reg [OUT_W-1:0] q_y   [0:QN-1];
  reg             q_ovf [0:QN-1];
  reg [IN_W-1:0]  q_x   [0:QN-1];
  reg [G_W-1:0]   q_g   [0:QN-1];
  reg [63:0]      q_t   [0:QN-1];     // cycle (negedge number) when driven
  integer         q_head = 0;
  integer         q_count = 0;

  integer    n_samples;
  integer    seed;
  real       stall;
  integer    stall_pm;                // stall probability, per 65536
  integer    sent = 0;
  integer    done = 0;
  integer    errors = 0;
  reg [63:0] cyc = 64'd0;
  reg [63:0] ref_r;
  reg signed [63:0] v_exp, v_got;
  reg        held = 1'b0;             // last cycle: m_valid && !m_ready
  reg [OUT_W-1:0] held_y;
  reg        held_ovf;
  integer    head_wait = 0;
  integer    r;
  integer    tail;
  reg        s_fire, m_fire;
  real       t_start, t_end;

  task report(input [8*80-1:0] what);
    begin
      errors = errors + 1;
      if (errors <= MAX_REPORT) begin
        $display("tb_gain_stage: cycle %0d: %0s", cyc, what);
      end
    end
  endtask

  initial begin
    if (!$value$plusargs("n=%d", n_samples)) n_samples = 100000;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("stall=%f", stall)) stall = 0.0;
    stall_pm = $rtoi(stall * 65536.0);
    if (LATENCY < 1) begin
      $display("tb_gain_stage: FAIL parameter LATENCY not set (iverilog -Ptb_gain_stage.LATENCY=N)");
      $fatal(1);
    end
    if ($gs_config(IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, ROUND, OVERFLOW) != 0) begin
      $display("tb_gain_stage: FAIL bad configuration");
      $fatal(1);
    end
    repeat (3) @(negedge clk);
    rst = 1'b0;
  end

  // Check what the last rising edge produced, then drive the next cycle.
  always @(negedge clk) begin
    if (!rst) begin
      cyc = cyc + 1;
      // ---- outputs ----
      if (held && !(m_valid && m_data == held_y && m_ovf == held_ovf)) begin
        report("output changed while m_valid was high and m_ready low");
      end
      if (q_count > 0 && stall_pm == 0 && !m_valid && cyc >= q_t[q_head] + LATENCY) begin
        $display("tb_gain_stage: sample %0d x=%0d g=%0d: m_valid low %0d cycles after it was taken",
                 done, $signed(q_x[q_head]), q_g[q_head], LATENCY);
        report("missing result");
      end
      if (m_valid) begin
        if (q_count == 0) begin
          report("m_valid high with no sample in flight");
        end else if (stall_pm == 0 && cyc != q_t[q_head] + LATENCY) begin
          $display("tb_gain_stage: sample %0d: result after %0d cycles, LATENCY is %0d",
                   done, cyc - q_t[q_head], LATENCY);
          report("wrong latency");
        end else if (m_data != q_y[q_head] || m_ovf != q_ovf[q_head]) begin
          v_exp = $signed(q_y[q_head]);   // 64-bit: the difference must not wrap
          v_got = $signed(m_data);
          $display("tb_gain_stage: sample %0d x=%0d g=%0d: expected %0d ovf %0d, got %0d ovf %0d (%0d LSB)",
                   done, $signed(q_x[q_head]), q_g[q_head], v_exp, q_ovf[q_head],
                   v_got, m_ovf, v_got - v_exp);
          report("mismatch");
        end
      end
      if (q_count > 0) begin
        head_wait = head_wait + 1;
        if (head_wait > MAX_WAIT + LATENCY) report("deadlock: a result waits too long");
      end
      // ---- inputs for the coming edge ----
      if (stall_pm == 0) begin
        m_ready = 1'b1;
        s_valid = (sent < n_samples);
      end else begin
        r = $random(seed);
        m_ready = (r[15:0] >= stall_pm);
        s_valid = (sent < n_samples) && (r[31:16] >= stall_pm);
      end
      r = $random(seed);
      s_data = r[IN_W-1:0];
      r = $random(seed);
      s_gain = r[G_W-1:0];
      #1;   // let s_ready settle (combinational from m_ready)
      if (stall_pm == 0 && s_valid && !s_ready) report("s_ready low with m_ready high");
      s_fire = s_valid && s_ready;
      m_fire = m_valid && m_ready;
      held = m_valid && !m_ready;
      held_y = m_data;
      held_ovf = m_ovf;
      if (m_fire && q_count > 0) begin
        q_head = (q_head + 1) % QN;
        q_count = q_count - 1;
        done = done + 1;
        head_wait = 0;
      end
      if (s_fire) begin
        if (q_count == QN) begin
          report("more samples in flight than the scoreboard holds");
        end else begin
          ref_r = $gs_eval(s_data, s_gain);
          tail = (q_head + q_count) % QN;
          q_y[tail] = ref_r[OUT_W-1:0];
          q_ovf[tail] = ref_r[32];
          q_x[tail] = s_data;
          q_g[tail] = s_gain;
          q_t[tail] = cyc;
          q_count = q_count + 1;
          sent = sent + 1;
        end
      end
      if ((done >= n_samples && q_count == 0) || errors >= MAX_REPORT) begin
        finish_run;
      end
    end
  end

  task finish_run;
    begin
      if (errors == 0 && done == n_samples) begin
        $display("tb_gain_stage: PASS samples=%0d cycles=%0d mismatches=0 stall=%0.3f",
                 done, cyc, stall);
        $finish;
      end else begin
        $display("tb_gain_stage: FAIL samples=%0d cycles=%0d mismatches=%0d stall=%0.3f",
                 done, cyc, errors, stall);
        $fatal(1);
      end
    end
  endtask

  // Simulation limit: a hung design must not hang the benchmark.
  initial begin
    #1;
    wait (!rst);
    while (1) begin
      @(negedge clk);
      if (cyc > 64'd8 * n_samples + 64'd10000) begin
        report("cycle limit reached");
        finish_run;
      end
    end
  end
endmodule
