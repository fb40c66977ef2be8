// soc_fifo - small synchronous FIFO, DEPTH entries (a power of two) of W bits.
//
// The read data is registered: rd_data shows the entry popped by the last
// rd_en, which keeps the storage a plain synchronous RAM (block RAM on iCE40).
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
  output wire [$clog2(DEPTH):0] level
);
  localparam integer AW = $clog2(DEPTH);

  reg [W-1:0]  mem [0:DEPTH-1];
  reg [AW:0]   wr_ptr_q;
  reg [AW:0]   rd_ptr_q;

  assign level = wr_ptr_q - rd_ptr_q;
  assign empty = (wr_ptr_q == rd_ptr_q);
  assign full  = (wr_ptr_q == {~rd_ptr_q[AW], rd_ptr_q[AW-1:0]});

  always @(posedge clk) begin
    if (wr_en && !full) mem[wr_ptr_q[AW-1:0]] <= wr_data;
    if (rd_en && !empty) rd_data <= mem[rd_ptr_q[AW-1:0]];
  end

  always @(posedge clk) begin
    if (rst) begin
      wr_ptr_q <= {(AW+1){1'b0}};
      rd_ptr_q <= {(AW+1){1'b0}};
    end else begin
      if (wr_en && !full)  wr_ptr_q <= wr_ptr_q + 1'b1;
      if (rd_en && !empty) rd_ptr_q <= rd_ptr_q + 1'b1;
    end
  end
endmodule
