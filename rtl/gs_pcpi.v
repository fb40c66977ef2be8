// gs_pcpi - gain_stage as a PicoRV32 custom instruction (PCPI co-processor).
//
// Instructions: opcode custom-0 (0001011), R-type, funct7 0 = one sample,
// funct7 1 = two 16-bit lanes in a word (only when IN_W <= 16 and OUT_W <= 16).
//   funct3 1  gs.put  rs1, rs2      push x = rs1 with gain g = rs2
//   funct3 2  gs.get  rd            pop the oldest result: rd = y (sign-extended)
//   funct3 3  gs.xfer rd, rs1, rs2  push, then pop the oldest result
//   funct3 4  gs.ovf  rd            rd = ovf of the last 32 popped results,
//                                   bit 0 the newest
//   funct3 0  gs.stat rd, rs1       rd = {8'd0, in flight, ready results, 6'd0,
//                                   pop error, push error}; clears the error
//                                   bits set in rs1[1:0]
// Lanes (funct7 1): rs1 = {x_hi, x_lo}, lane k in bits 16k+IN_W-1:16k; rd =
// {y_hi, y_lo}, each sign-extended to 16 bits; x_lo enters first, so its ovf
// lands in the history before x_hi's. Other encodings are not claimed: the
// CPU traps on them as illegal instructions.
//
// Decoupled issue and collect: the 9-cycle pipeline runs behind the CPU.
// gs.xfer pushes sample i and returns the oldest result in flight, which in a
// loop (4 gs.put; gs.xfer for x4..x(n-1); 4 gs.get) is sample i-4's, pushed
// about 50 cycles earlier (a push is ready to pop 11 cycles later). With
// nothing in flight, gs.xfer returns its own sample's result (a synchronous
// call, about 15 cycles).
// Backpressure: an instruction holds pcpi_ready low and pcpi_wait high until
// its push has entered and its results are there; the push happens once (in
// the first cycle it can) even when the pop waits. At most DEPTH samples may
// be in flight (pushed, not popped), so every result finds room and the unit
// never deadlocks the CPU: a push beyond that is dropped and sets the push
// error; a pop with nothing in flight returns 0 and sets the pop error.
// pcpi_ready is combinational, but only from this unit's flip-flops (the
// decoded instruction, flags kept for the counters) and pcpi_valid, so an
// instruction that need not wait takes 4 CPU cycles and the SoC keeps 24 MHz.
module gs_pcpi #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer DEPTH    = 8
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        pcpi_valid,
  input  wire [31:0] pcpi_insn,
  input  wire [31:0] pcpi_rs1,
  input  wire [31:0] pcpi_rs2,
  output wire        pcpi_wr,
  output reg  [31:0] pcpi_rd,
  output wire        pcpi_wait,
  output wire        pcpi_ready
);
  localparam integer AW    = $clog2(DEPTH);
  localparam         LANES = (IN_W <= 16) && (OUT_W <= 16);
  localparam integer ROOM1 = DEPTH - 1;   // most in flight before a push of 1
  localparam integer ROOM2 = DEPTH - 2;   // ... of 2

  // ---- decode, one cycle ahead ----
  // PicoRV32 latches pcpi_insn when it decodes the instruction and raises
  // pcpi_valid two cycles later, so the decode can be registered: pcpi_ready
  // then depends on a handful of flip-flops only (it feeds the CPU's state
  // machine; computed from the instruction and the counters it cost the SoC a
  // third of its Fmax).
  wire [2:0] f3   = pcpi_insn[14:12];
  wire [6:0] f7   = pcpi_insn[31:25];
  reg        is_gs_q, pair_q, op_push_q, op_pop_q, op_rd_q;
  reg  [2:0] f3_q;
  always @(posedge clk) begin
    is_gs_q   <= pcpi_insn[6:0] == 7'b0001011 && f3 <= 3'd4 &&
                 (f7 == 7'd0 || (f7 == 7'd1 && LANES != 0));
    pair_q    <= f7 == 7'd1;
    op_push_q <= f3 == 3'd1 || f3 == 3'd3;
    op_pop_q  <= f3 == 3'd2 || f3 == 3'd3;
    op_rd_q   <= f3 != 3'd1;
    f3_q      <= f3;
  end
  wire        ours = pcpi_valid && is_gs_q;
  wire [AW:0] n_op = pair_q ? 2 : 1;   // samples pushed / popped

  // ---- input slots: slot 0 feeds gain_stage, slot 1 the second lane ----
  reg  [1:0]      in_v_q;
  reg  [IN_W-1:0] in_x0_q, in_x1_q;
  reg  [G_W-1:0]  in_g_q;
  wire            s_ready;
  wire            m_valid;
  wire [OUT_W-1:0] m_data;
  wire            m_ovf;

  gain_stage #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW)
  ) u_gain_stage (
    .clk(clk), .rst(rst),
    .s_valid(in_v_q[0]), .s_ready(s_ready), .s_data(in_x0_q), .s_gain(in_g_q),
    .m_valid(m_valid), .m_ready(1'b1), .m_data(m_data), .m_ovf(m_ovf)
  );

  // ---- results: a small register FIFO, its head(s) readable at once ----
  reg [OUT_W:0] res_q [0:DEPTH-1];    // {ovf, y}
  reg [AW:0]    wp_q, rp_q;
  reg [AW:0]    level_q;              // results ready (wp - rp, kept as a register)
  reg [AW:0]    inflight_q;           // pushed and not yet popped
  reg           pushed_q;             // this instruction's push is done
  reg           err_push_q, err_pop_q;
  reg [31:0]    ovf_hist_q;
  // Registered comparisons of the counters, for pcpi_ready.
  reg           has1_q, has2_q;       // level_q >= 1, >= 2
  reg           ge1_q, ge2_q;         // inflight_q >= 1, >= 2
  reg           room1_q, room2_q;     // room to push 1, 2 more

  wire [OUT_W:0] head0 = res_q[rp_q[AW-1:0]];
  wire [OUT_W:0] head1 = res_q[rp_q[AW-1:0] + 1'b1];

  // ---- the instruction's progress ----
  wire push_need = ours && op_push_q && !pushed_q;
  wire push_room = pair_q ? room2_q : room1_q;
  wire push_fire = push_need && push_room && !in_v_q[0];
  wire push_drop = push_need && !push_room;
  wire push_done = !op_push_q || pushed_q || !push_room || !in_v_q[0];
`ifdef SOC_SIM_PLUSARGS
  // Simulation only: +pcpi_fault=1 plants a fault (make soc-test-faults, -edges):
  // a pop no longer waits for its result to leave the pipeline.
  reg fault_nowait;
  initial fault_nowait = $test$plusargs("pcpi_fault=1");
`else
  wire fault_nowait = 1'b0;
`endif
  // A pop with too few samples in flight is an error, unless the same
  // instruction pushes them (gs.xfer: pushed, or dropped with the unit full).
  wire pop_short = !op_push_q && !(pair_q ? ge2_q : ge1_q);
  wire pop_have  = (pair_q ? has2_q : has1_q) || fault_nowait;
  wire pop_err   = ours && op_pop_q && pop_short;
  wire pop_done  = !op_pop_q || pop_short || pop_have;
  assign pcpi_ready = ours && push_done && pop_done;
  assign pcpi_wait  = ours && !pcpi_ready;
  assign pcpi_wr    = pcpi_ready && op_rd_q;
  wire pop_fire  = pcpi_ready && op_pop_q && !pop_short;

  // Results sign-extended to 32 bits; the second lane's input (the widths may
  // be 32 already; lanes exist only for IN_W, OUT_W <= 16).
  wire [31:0]     y0, y1;
  wire [IN_W-1:0] x_hi;
  generate
    if (OUT_W < 32) begin : g_y_ext
      assign y0 = {{(32 - OUT_W){head0[OUT_W-1]}}, head0[OUT_W-1:0]};
      assign y1 = {{(32 - OUT_W){head1[OUT_W-1]}}, head1[OUT_W-1:0]};
    end else begin : g_y_full
      assign y0 = head0[OUT_W-1:0];
      assign y1 = head1[OUT_W-1:0];
    end
    if (IN_W <= 16) begin : g_lanes
      assign x_hi = pcpi_rs1[16 +: IN_W];
    end else begin : g_no_lanes
      assign x_hi = pcpi_rs1[IN_W-1:0];
    end
  endgenerate
  // The instruction bits and operand bits this unit does not look at.
  wire unused_pcpi = ^{pcpi_insn[24:15], pcpi_insn[11:7], pcpi_rs1, pcpi_rs2, y1[31:16]};
  wire [31:0] status = {8'd0, {(8 - AW - 1){1'b0}}, inflight_q,
                        {(8 - AW - 1){1'b0}}, level_q, 6'd0, err_pop_q, err_push_q};

  always @* begin
    case (f3_q)
      3'd0:    pcpi_rd = status;
      3'd4:    pcpi_rd = ovf_hist_q;
      default: pcpi_rd = pop_short ? 32'd0 : pair_q ? {y1[15:0], y0[15:0]} : y0;
    endcase
  end

  // Output: results go into the FIFO as they leave the pipeline (never full:
  // at most DEPTH in flight).
  always @(posedge clk) begin
    if (m_valid) res_q[wp_q[AW-1:0]] <= {m_ovf, m_data};
  end

  wire [AW:0] n_pop  = pop_fire ? n_op : {(AW+1){1'b0}};
  wire [AW:0] n_push = push_fire ? n_op : {(AW+1){1'b0}};
  wire [AW:0] level_d    = level_q + {{AW{1'b0}}, m_valid} - n_pop;
  wire [AW:0] inflight_d = inflight_q + n_push - n_pop;

  always @(posedge clk) begin
    if (rst) begin
      in_v_q     <= 2'b00;
      in_x0_q    <= {IN_W{1'b0}};
      in_x1_q    <= {IN_W{1'b0}};
      in_g_q     <= {G_W{1'b0}};
      wp_q       <= {(AW+1){1'b0}};
      rp_q       <= {(AW+1){1'b0}};
      level_q    <= {(AW+1){1'b0}};
      inflight_q <= {(AW+1){1'b0}};
      pushed_q   <= 1'b0;
      has1_q     <= 1'b0;
      has2_q     <= 1'b0;
      ge1_q      <= 1'b0;
      ge2_q      <= 1'b0;
      room1_q    <= 1'b1;
      room2_q    <= 1'b1;
      err_push_q <= 1'b0;
      err_pop_q  <= 1'b0;
      ovf_hist_q <= 32'd0;
    end else begin
      // slot 0 drains into gain_stage; slot 1 moves up
      if (in_v_q[0] && s_ready) begin
        in_v_q  <= {1'b0, in_v_q[1]};
        in_x0_q <= in_x1_q;
      end
      if (push_fire) begin
        in_v_q  <= {pair_q, 1'b1};
        in_x0_q <= pcpi_rs1[IN_W-1:0];
        in_x1_q <= x_hi;
        in_g_q  <= pcpi_rs2[G_W-1:0];
      end
      pushed_q <= push_need && (push_fire || push_drop) && !pcpi_ready ? 1'b1 :
                  pcpi_ready ? 1'b0 : pushed_q;

      if (m_valid) wp_q <= wp_q + 1'b1;
      level_q    <= level_d;
      inflight_q <= inflight_d;
      has1_q     <= level_d >= 1;
      has2_q     <= level_d >= 2;
      ge1_q      <= inflight_d >= 1;
      ge2_q      <= inflight_d >= 2;
      room1_q    <= inflight_d <= ROOM1[AW:0];
      room2_q    <= inflight_d <= ROOM2[AW:0];
      rp_q       <= rp_q + n_pop;
      if (pop_fire)
        ovf_hist_q <= pair_q ? {ovf_hist_q[29:0], head0[OUT_W], head1[OUT_W]}
                           : {ovf_hist_q[30:0], head0[OUT_W]};

      if (push_drop) err_push_q <= 1'b1;
      if (pop_err)   err_pop_q  <= 1'b1;
      if (pcpi_ready && f3_q == 3'd0) begin
        if (pcpi_rs1[0]) err_push_q <= 1'b0;
        if (pcpi_rs1[1]) err_pop_q  <= 1'b0;
      end
    end
  end
endmodule
