/*
 * fw_check.h - the numbered checks of the SoC's test firmwares
 * (hw_edges_test.c, mem_test.c): main() declares `unsigned c = 0;`, each
 * CHECK counts, and the first that fails returns its number, which becomes
 * the firmware's exit code (soc_tb prints it).
 */
#ifndef FW_CHECK_H
#define FW_CHECK_H

#define CHECK(cond)   \
    do {              \
        c++;          \
        if (!(cond))  \
            return c; \
    } while (0)

#endif
