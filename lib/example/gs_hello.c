/*
 * gs_hello.c - a program outside the gainstage tree, built only with
 *     cc gs_hello.c $(pkg-config --cflags --libs gainstage)
 * Usage: gs_hello [tool options] -- x...   prints "y ovf" per input code, like gsref;
 * a bad option prints the library's message and exits 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gainstage.h>
#include <gs_model.h>

int main(int argc, char **argv)
{
    int nopt = 1;
    while (nopt < argc && strcmp(argv[nopt], "--") != 0)
        nopt++;
    char err[256];
    gs_model_t *st = gs_model_new(nopt - 1, (const char *const *)argv + 1, err, sizeof err);
    if (!st) {
        fprintf(stderr, "gs_hello: %s\n", err);
        return 2;
    }
    for (int i = nopt + 1; i < argc; i++) {
        int64_t x = strtoll(argv[i], NULL, 0);
        if (gs_model_check_in(st, &x, 1, err, sizeof err) != 1) {
            fprintf(stderr, "gs_hello: %s\n", err);
            gs_model_free(st);
            return 2;
        }
        int32_t x32 = (int32_t)x, y;
        uint8_t ovf;
        gs_model_eval(st, &x32, NULL, &y, &ovf, 1);
        printf("%ld %u\n", (long)y, ovf);
    }
    /* the plain gainstage.h API through the same library */
    gs_config_t c;
    bool ovf;
    gs_config_default(&c); /* 0.5 * 2.0 = 1.0, negated: the minimum code, no overflow */
    if (gs_config_check(&c) != GS_OK || gs_eval(&c, 16384, 8192, &ovf) != -32768 || ovf) {
        fprintf(stderr, "gs_hello: gs_eval of the default profile is wrong\n");
        return 1;
    }
    gs_model_free(st);
    return 0;
}
