// gs_periph - the gain_stage block as a memory-mapped peripheral of the SoC.
//
// Word registers (byte offset from the peripheral base):
//   0x00 DIN      W   push input x (low IN_W bits) with the current GAIN
//   0x04 GAIN     RW  gain code g (low G_W bits) used by the following pushes
//   0x08 DOUT     R   pop the oldest result y (sign-extended to 32 bits)
//   0x0C LAST_OVF R   bit 0: ovf of the result popped by the last DOUT read
//   0x10 STATUS   R   [0] result ready, [1] LAST_OVF, [2] in-flight full,
//                     [3] push error, [4] pop error (sticky, write 1 to clear),
//                     [15:8] results ready, [23:16] samples in flight
//   0x14 OVF_CNT  R   results with ovf = 1 since reset; a write clears it
//   0x18 CFG0     R   {IN_W, IN_F, G_W, G_F}, a byte each
//   0x1C CFG1     R   {OUT_W, OUT_F, ROUND, OVERFLOW}, a byte each
//   0x20 INFO     R   {16'h6753, DEPTH}
//   0x24 OVF_HIST R   ovf of the last 32 results popped, bit 0 the newest
//
// The bus is answered in the cycle of the access (bus_ready is combinational,
// as for the RAM) unless the access must wait: a push while the holding
// register is still full, or a DOUT read whose result is still in the pipeline.
//
// "In flight" counts samples pushed and not yet popped; at most DEPTH may be in
// flight, so every result finds room in the output FIFO and the block never
// stalls the bus for long. A push beyond that is dropped and sets the push
// error; a DOUT read with nothing in flight returns 0 and sets the pop error;
// a DOUT read while results are still in the pipeline waits for them.
module gs_periph #(
  parameter integer IN_W     = 16,
  parameter integer IN_F     = 15,
  parameter integer G_W      = 16,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,
  parameter integer OVERFLOW = 0,
  parameter integer DEPTH    = 16
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        bus_valid,
  input  wire [5:2]  bus_addr,
  input  wire [31:0] bus_wdata,
  input  wire [3:0]  bus_wstrb,
  output wire        bus_ready,
  output wire [31:0] bus_rdata
);
  localparam integer LVL_W = $clog2(DEPTH) + 1;

  localparam [3:0] R_DIN = 4'd0, R_GAIN = 4'd1, R_DOUT = 4'd2, R_LAST_OVF = 4'd3,
                   R_STATUS = 4'd4, R_OVF_CNT = 4'd5, R_CFG0 = 4'd6, R_CFG1 = 4'd7,
                   R_INFO = 4'd8, R_OVF_HIST = 4'd9;

  // ---- the block and its output FIFO ----
  reg              hold_valid_q;   // s_valid: a pushed sample not yet taken
  reg  [IN_W-1:0]  hold_x_q;
  reg  [G_W-1:0]   hold_g_q;
  wire             s_ready;
  wire             m_valid;
  wire [OUT_W-1:0] m_data;
  wire             m_ovf;
  wire             fifo_full;
  wire             fifo_empty;
  wire [LVL_W:0]   fifo_level;
  wire             fifo_rd;
  wire [OUT_W:0]   fifo_rd_data;   // {ovf, y}

  gain_stage #(
    .IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W), .OUT_F(OUT_F),
    .ROUND(ROUND), .OVERFLOW(OVERFLOW)
  ) u_gain_stage (
    .clk(clk), .rst(rst),
    .s_valid(hold_valid_q), .s_ready(s_ready), .s_data(hold_x_q), .s_gain(hold_g_q),
    .m_valid(m_valid), .m_ready(!fifo_full), .m_data(m_data), .m_ovf(m_ovf)
  );

  soc_fifo #(.W(OUT_W + 1), .DEPTH(DEPTH)) u_fifo (
    .clk(clk), .rst(rst),
    .wr_en(m_valid), .wr_data({m_ovf, m_data}),
    .rd_en(fifo_rd), .rd_data(fifo_rd_data),
    .full(fifo_full), .empty(fifo_empty), .level(fifo_level)
  );

  // ---- register file ----
  reg  [G_W-1:0]   gain_q;
  reg  [LVL_W-1:0] inflight_q;
  reg              err_push_q;
  reg              err_pop_q;
  reg              last_ovf_q;
  reg  [31:0]      ovf_cnt_q;
  reg  [31:0]      ovf_hist_q;

  wire is_wr    = |bus_wstrb;
  wire access   = bus_valid;
  wire inf_full = (inflight_q == DEPTH[LVL_W-1:0]);
  // The holding register is free at the next edge unless it keeps its sample.
  wire hold_free = !hold_valid_q || s_ready;

  wire do_push  = access && is_wr && bus_addr == R_DIN && !inf_full && hold_free;
  wire drop     = access && is_wr && bus_addr == R_DIN && inf_full;
  wire push_wait = access && is_wr && bus_addr == R_DIN && !inf_full && !hold_free;
  assign fifo_rd = access && !is_wr && bus_addr == R_DOUT && !fifo_empty;
  wire pop_err  = access && !is_wr && bus_addr == R_DOUT && fifo_empty &&
                  inflight_q == {LVL_W{1'b0}};
`ifdef SOC_SIM_PLUSARGS
  // Simulation only: +periph_fault=1 plants a fault (make soc-test-edges): a
  // DOUT read no longer waits for its result to leave the pipeline.
  reg fault_nowait;
  initial fault_nowait = $test$plusargs("periph_fault=1");
`else
  wire fault_nowait = 1'b0;
`endif
  wire pop_wait = access && !is_wr && bus_addr == R_DOUT && fifo_empty &&
                  inflight_q != {LVL_W{1'b0}} && !fault_nowait;

  // Zero- and sign-extension to the 32-bit bus (widths may be 32 already).
  wire [31:0] gain_ext;
  wire [31:0] y_ext;
  generate
    if (G_W < 32) begin : g_gain_ext
      assign gain_ext = {{(32 - G_W){1'b0}}, gain_q};
    end else begin : g_gain_full
      assign gain_ext = gain_q;
    end
    if (OUT_W < 32) begin : g_y_ext
      assign y_ext = {{(32 - OUT_W){fifo_rd_data[OUT_W-1]}}, fifo_rd_data[OUT_W-1:0]};
    end else begin : g_y_full
      assign y_ext = fifo_rd_data[OUT_W-1:0];
    end
  endgenerate

  wire [7:0] level8    = {{(7 - LVL_W){1'b0}}, fifo_level};
  wire [7:0] inflight8 = {{(8 - LVL_W){1'b0}}, inflight_q};
  // Pushed codes and gains keep their low bits only.
  wire unused_wdata = ^bus_wdata;

  wire [31:0] status = {8'd0, inflight8, level8, 3'd0, err_pop_q, err_push_q,
                        inf_full, last_ovf_q, !fifo_empty};

  reg [31:0] rd_mux;
  always @* begin
    case (bus_addr)
      R_GAIN:     rd_mux = gain_ext;
      R_LAST_OVF: rd_mux = {31'd0, last_ovf_q};
      R_STATUS:   rd_mux = status;
      R_OVF_CNT:  rd_mux = ovf_cnt_q;
      R_CFG0:     rd_mux = {IN_W[7:0], IN_F[7:0], G_W[7:0], G_F[7:0]};
      R_CFG1:     rd_mux = {OUT_W[7:0], OUT_F[7:0], ROUND[7:0], OVERFLOW[7:0]};
      R_INFO:     rd_mux = {16'h6753, DEPTH[15:0]};
      R_OVF_HIST: rd_mux = ovf_hist_q;
      R_DOUT:     rd_mux = y_ext;
      default:    rd_mux = 32'd0;
    endcase
  end

  assign bus_ready = bus_valid && !push_wait && !pop_wait;
  assign bus_rdata = (is_wr || pop_err) ? 32'd0 : rd_mux;

  always @(posedge clk) begin
    if (rst) begin
      gain_q       <= {G_W{1'b0}};
      hold_valid_q <= 1'b0;
      hold_x_q     <= {IN_W{1'b0}};
      hold_g_q     <= {G_W{1'b0}};
      inflight_q   <= {LVL_W{1'b0}};
      err_push_q   <= 1'b0;
      err_pop_q    <= 1'b0;
      last_ovf_q   <= 1'b0;
      ovf_cnt_q    <= 32'd0;
      ovf_hist_q   <= 32'd0;
    end else begin
      if (fifo_rd) begin
        last_ovf_q <= fifo_rd_data[OUT_W];
        ovf_hist_q <= {ovf_hist_q[30:0], fifo_rd_data[OUT_W]};
      end

      if (hold_valid_q && s_ready) hold_valid_q <= 1'b0;
      if (do_push) begin
        hold_valid_q <= 1'b1;
        hold_x_q     <= bus_wdata[IN_W-1:0];
        hold_g_q     <= gain_q;
      end
      // Pushes and pops are bus accesses, so they never happen together.
      if (do_push) inflight_q <= inflight_q + 1'b1;
      if (fifo_rd) inflight_q <= inflight_q - 1'b1;

      if (drop)    err_push_q <= 1'b1;
      if (pop_err) err_pop_q  <= 1'b1;
      if (m_valid && !fifo_full && m_ovf) ovf_cnt_q <= ovf_cnt_q + 32'd1;

      if (access && is_wr) begin
        case (bus_addr)
          R_GAIN: gain_q <= bus_wdata[G_W-1:0];
          R_STATUS: begin
            if (bus_wdata[3]) err_push_q <= 1'b0;
            if (bus_wdata[4]) err_pop_q  <= 1'b0;
          end
          R_OVF_CNT: ovf_cnt_q <= 32'd0;
          default: ;
        endcase
      end
    end
  end
endmodule
