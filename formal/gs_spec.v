// gs_spec - SPEC.md section 3 written out for the formal proofs, apart from the
// RTL's arithmetic: from the exact product P = -(g*x) (scale 2^-(IN_F+G_F)) to
// y and ovf. R = floor(P / 2^s) plus a rounding step decided by the remainder
// r = P - floor(P / 2^s) * 2^s against half = 2^(s-1), as the rounding table
// reads; then the range check and the overflow mode. Combinational.

module gs_spec #(
  parameter integer PW       = 64,   // width of p (signed)
  parameter integer IN_F     = 15,
  parameter integer G_F      = 12,
  parameter integer OUT_W    = 16,
  parameter integer OUT_F    = 15,
  parameter integer ROUND    = 7,    // numbered as gs_round_t
  parameter integer OVERFLOW = 0     // numbered as gs_overflow_t
) (
  input  wire signed [PW-1:0] p,
  output reg  [OUT_W-1:0]     y,
  output reg                  ovf
);

  localparam integer S  = IN_F + G_F - OUT_F;
  localparam integer XW = PW + 66;                // room for P * 2^62 and a carry
  localparam integer SP = (S > 0) ? S : 1;
  localparam integer K  = (S < 0) ? -S : 0;

  reg signed [XW-1:0] px, q, rem, half, r, lo, hi;
  reg                 up;

  always @* begin
    px   = {{(XW-PW){p[PW-1]}}, p};
    lo   = -(({{(XW-1){1'b0}}, 1'b1}) <<< (OUT_W - 1));
    hi   = (({{(XW-1){1'b0}}, 1'b1}) <<< (OUT_W - 1)) - 1;
    up   = 1'b0;
    q    = px;
    rem  = 0;
    half = ({{(XW-1){1'b0}}, 1'b1}) <<< (SP - 1);
    if (S > 0) begin
      q   = px >>> SP;                            // floor(P / 2^s)
      rem = px - (q <<< SP);                      // 0 <= rem < 2^s
      case (ROUND)
        0: up = 1'b0;                                             // floor
        1: up = rem != 0;                                         // ceil
        2: up = (rem != 0) && (px < 0);                           // zero
        3: up = rem >= half;                                      // half-up
        4: up = rem > half;                                       // half-down
        5: up = (rem > half) || ((rem == half) && (px < 0));      // half-zero
        6: up = (rem > half) || ((rem == half) && (px > 0));      // half-away
        default: up = (rem > half) || ((rem == half) && q[0]);    // half-even
      endcase
      r = q + (up ? 1 : 0);
    end else begin
      r = px <<< K;                            // exact
    end
    ovf = (r < lo) || (r > hi) || ((OVERFLOW == 1) && (r == lo));
    if (!ovf || OVERFLOW == 2) begin
      y = r[OUT_W-1:0];                           // in range, or wrapped
    end else if (r < 0) begin
      y = (OVERFLOW == 1) ? lo[OUT_W-1:0] + 1'b1 : lo[OUT_W-1:0];
    end else begin
      y = hi[OUT_W-1:0];
    end
  end

endmodule
