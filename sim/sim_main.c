/* sim_main.c - main of the per-configuration simulator that `cosim` builds and
 * runs (build/cosim/<key>/cosim-sim); same command line as cosim. */
#include "harness.h"

int main(int argc, char **argv)
{
    cosim_opts_t o;
    int r = cosim_opts_parse(&o, argc, argv);
    if (r != 0)
        return r > 0 ? 0 : 2;
    return cosim_run(&o);
}
