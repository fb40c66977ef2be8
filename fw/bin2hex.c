/*
 * bin2hex - turn a raw firmware image into a $readmemh file of 32-bit words
 * (little-endian, as the RV32 core reads them), padded with zeros to WORDS
 * lines so that icebram can swap it for the hex the bitstream was built with.
 *
 *   bin2hex IN.bin WORDS OUT.hex
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bin2hex IN.bin WORDS OUT.hex\n");
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long words = strtoul(argv[2], &end, 0);
    if (errno || *end || words == 0 || words > (1ul << 24)) {
        fprintf(stderr, "bin2hex: bad word count '%s'\n", argv[2]);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        fprintf(stderr, "bin2hex: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    unsigned char *buf = calloc(words, 4);
    if (!buf) {
        fprintf(stderr, "bin2hex: out of memory\n");
        return 2;
    }
    size_t n = fread(buf, 1, words * 4, in);
    int extra = fgetc(in);
    int rd_err = ferror(in);
    fclose(in);
    if (rd_err) {
        fprintf(stderr, "bin2hex: %s: read error\n", argv[1]);
        return 2;
    }
    if (extra != EOF) {
        fprintf(stderr, "bin2hex: %s: image larger than the memory (%lu bytes)\n",
                argv[1], words * 4);
        return 2;
    }
    FILE *out = fopen(argv[3], "w");
    if (!out) {
        fprintf(stderr, "bin2hex: %s: %s\n", argv[3], strerror(errno));
        return 2;
    }
    for (unsigned long i = 0; i < words; i++) {
        const unsigned char *b = buf + 4 * i;
        unsigned long w = (unsigned long)b[0] | (unsigned long)b[1] << 8 |
                          (unsigned long)b[2] << 16 | (unsigned long)b[3] << 24;
        fprintf(out, "%08lx\n", w);
    }
    free(buf);
    if (fclose(out) != 0) {
        fprintf(stderr, "bin2hex: %s: write error\n", argv[3]);
        return 2;
    }
    fprintf(stderr, "bin2hex: %s: %zu of %lu bytes used\n", argv[1], n, words * 4);
    return 0;
}
