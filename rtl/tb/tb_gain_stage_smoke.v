// tb_gain_stage_smoke - Icarus smoke test of gain_stage (not the real checker,
// which is sim/'s Verilator harness against the C model).
// Reads VEC (hex lines "x g y ovf", from scripts/rtl_smoke_vectors.py), feeds
// them with random input gaps and output backpressure (probability STALL/256),
// and checks values, order, count, stability while stalled and, with STALL = 0,
// the exact LATENCY. Ends with "PASS n" or "FAIL ..." and $finish; bounded.
`timescale 1ns / 1ps
module tb_gain_stage_smoke;
  parameter integer IN_W = 16, IN_F = 15, G_W = 16, G_F = 12, OUT_W = 16, OUT_F = 15;
  parameter integer ROUND = 7, OVERFLOW = 0, USE_DSP = 1, N = 100, STALL = 0, SEED = 1;
  parameter VEC = "build/rtl_smoke/vec.hex";
  localparam integer LAT = 9;

  reg clk = 1'b0, rst = 1'b1, s_valid = 1'b0, m_ready = 1'b0;
  reg  [IN_W-1:0]  s_data = 0;
  reg  [G_W-1:0]   s_gain = 0;
  wire             s_ready, m_valid, m_ovf;
  wire [OUT_W-1:0] m_data;

  gain_stage #(.IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W),
               .OUT_F(OUT_F), .ROUND(ROUND), .OVERFLOW(OVERFLOW), .USE_DSP(USE_DSP)) dut (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(s_gain), .m_valid(m_valid), .m_ready(m_ready), .m_data(m_data), .m_ovf(m_ovf));

  reg [31:0] vx [0:N-1];
  reg [31:0] vg [0:N-1];
  reg [31:0] vy [0:N-1];
  reg [31:0] vo [0:N-1];
  integer fd, i, nin, nout, cyc, errors, seed, taken_at [0:N-1];
  reg [OUT_W-1:0] held_data;
  reg held_ovf, held, stuck;

  always #5 clk = ~clk;

  initial begin
    fd = $fopen(VEC, "r");
    if (fd == 0) begin $display("FAIL cannot open %0s", VEC); $finish; end
    for (i = 0; i < N; i = i + 1)
      if ($fscanf(fd, "%h %h %h %h\n", vx[i], vg[i], vy[i], vo[i]) != 4) begin
        $display("FAIL %0s: line %0d unreadable", VEC, i + 1); $finish;
      end
    $fclose(fd);
    seed = SEED; stuck = 1'b0; nin = 0; nout = 0; cyc = 0; errors = 0; held = 1'b0;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
  end

  // Drive between edges (#1 after the edge), check on the edge.
  always @(posedge clk) begin
    cyc = cyc + 1;
    if (rst) begin
      if (m_valid) begin $display("FAIL m_valid during reset"); errors = errors + 1; end
    end else begin
      stuck = s_valid && !s_ready;  // presented but not taken on this edge
      if (s_valid && s_ready) begin taken_at[nin] = cyc; nin = nin + 1; end
      if (held && !(m_valid && m_data == held_data && m_ovf == held_ovf)) begin
        $display("FAIL cycle %0d: output changed while stalled", cyc); errors = errors + 1;
      end
      held = m_valid && !m_ready; held_data = m_data; held_ovf = m_ovf;
      if (m_valid && m_ready) begin
        if (nout >= nin) begin
          $display("FAIL cycle %0d: result without a sample", cyc); errors = errors + 1;
        end else if (m_data !== vy[nout][OUT_W-1:0] || m_ovf !== vo[nout][0]) begin
          $display("FAIL sample %0d x=%h g=%h: expected %h ovf %0d, got %h ovf %0d",
                   nout, vx[nout][IN_W-1:0], vg[nout][G_W-1:0], vy[nout][OUT_W-1:0],
                   vo[nout][0], m_data, m_ovf);
          errors = errors + 1;
        end else if (STALL == 0 && cyc - taken_at[nout] != LAT) begin
          $display("FAIL sample %0d left %0d edges after it was taken, LATENCY %0d",
                   nout, cyc - taken_at[nout], LAT);
          errors = errors + 1;
        end
        nout = nout + 1;
      end
      if (errors >= 10 || nout == N || cyc > 20 * N + 100) begin
        if (errors == 0 && nout == N) $display("PASS %0d", N);
        else if (errors == 0) $display("FAIL timeout: %0d of %0d results", nout, N);
        $finish;
      end
    end
    #1;
    if (!rst) begin
      if (!stuck) begin  // AXI: a presented sample stays until taken
        s_valid = (nin < N) && ($unsigned($random(seed)) % 256 >= STALL);
        if (s_valid) begin s_data = vx[nin][IN_W-1:0]; s_gain = vg[nin][G_W-1:0]; end
      end
      m_ready = ($unsigned($random(seed)) % 256 >= STALL);
    end
  end
endmodule
