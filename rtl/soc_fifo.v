// soc_fifo - small synchronous show-ahead FIFO: DEPTH entries (a power of two)
// of W bits in a plain synchronous RAM (block RAM on iCE40), plus one output
// register that holds the oldest entry.
//
// rd_data is the oldest entry whenever !empty, so a reader takes it in the
// cycle it asks (rd_en pops it); the RAM refills the output register on the
// next edge. An entry written on edge e can be read from edge e+2 on. The
// capacity is DEPTH + 1; full refers to the RAM part.
module soc_fifo #(
  parameter integer W     = 17,
  parameter integer DEPTH = 16
) (
  input  wire                   clk,
  input  wire                   rst,
  input  wire                   wr_en,
  input  wire [W-1:0]           wr_data,
  input  wire                   rd_en,
  output reg  [W-1:0]           rd_data,
  output wire                   full,
  output wire                   empty,
  output wire [$clog2(DEPTH)+1:0] level
);
  localparam integer AW = $clog2(DEPTH);

  reg [W-1:0]  mem [0:DEPTH-1];
  reg [AW:0]   wr_ptr_q;
  reg [AW:0]   rd_ptr_q;
  reg          head_v_q;   // rd_data holds an entry

  wire [AW:0] mem_level = wr_ptr_q - rd_ptr_q;
  wire        mem_empty = (wr_ptr_q == rd_ptr_q);
  // The output register (re)loads when it is free or being read.
  wire        load = !mem_empty && (!head_v_q || rd_en);

  assign level = {1'b0, mem_level} + {{(AW+1){1'b0}}, head_v_q};
  assign empty = !head_v_q;
  assign full  = (wr_ptr_q == {~rd_ptr_q[AW], rd_ptr_q[AW-1:0]});

  always @(posedge clk) begin
    if (wr_en && !full) mem[wr_ptr_q[AW-1:0]] <= wr_data;
    if (load) rd_data <= mem[rd_ptr_q[AW-1:0]];
  end

  always @(posedge clk) begin
    if (rst) begin
      wr_ptr_q <= {(AW+1){1'b0}};
      rd_ptr_q <= {(AW+1){1'b0}};
      head_v_q <= 1'b0;
    end else begin
      if (wr_en && !full) wr_ptr_q <= wr_ptr_q + 1'b1;
      if (load) rd_ptr_q <= rd_ptr_q + 1'b1;
      if (load) head_v_q <= 1'b1;
      else if (rd_en) head_v_q <= 1'b0;
    end
  end
endmodule
