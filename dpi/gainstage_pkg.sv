// gainstage_pkg - the gainstage C model for SystemVerilog testbenches (DPI-C).
// Compile with dpi/gs_dpi.c and link libgainstage (see README, "SystemVerilog DPI-C").
//
//   chandle st = gainstage_pkg::gs_dpi_new("--profile libfixmath --rf 47k --rin 10k");
//   if (st == null) $fatal(1, "%s", gainstage_pkg::gs_dpi_error());
//   y = gainstage_pkg::gs_dpi_eval(st, x, g, ovf);  // x, y sign-extended to int
//
// Options are gsref's (SPEC section 6); errors are the tools' messages.
package gainstage_pkg;
  // A stage from gsref's options; null on a bad option (then see gs_dpi_error).
  import "DPI-C" function chandle gs_dpi_new(input string options);
  // The last error ("" if none), e.g. "--round 'up': unknown rounding mode (...)".
  import "DPI-C" function string gs_dpi_error();
  import "DPI-C" function void gs_dpi_free(input chandle st);
  // y = Q(-(g * x)) of the stage's formats and modes, ovf = 1 if it clipped.
  // An out-of-format x or g gives 0 and sets gs_dpi_error.
  import "DPI-C" function int gs_dpi_eval(input chandle st, input int x, input int unsigned g,
                                          output bit ovf);
  // The stage's own gain code (from --gain, --rf/--rin or --gain-code).
  import "DPI-C" function int unsigned gs_dpi_gain_code(input chandle st);
  // gsref's options for a gain_stage parameter set (ROUND, OVERFLOW numbered as in the RTL).
  import "DPI-C" function string gs_dpi_options(input int in_w, input int in_f, input int g_w,
                                                input int g_f, input int out_w, input int out_f,
                                                input int round, input int overflow);
endpackage
