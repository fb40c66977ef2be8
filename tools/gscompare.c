/*
 * gscompare - check a UART capture of the gainstage firmware (fw/main.c) with
 * the host C model. The capture may come from the simulated SoC or from a
 * board; CRLF line ends and noise before a header (or between runs) are
 * tolerated. Inside a run every line must be well formed:
 *
 *   GS1 BEGIN in=FMT gain=FMT out=FMT round=MODE overflow=MODE [key=value...]*CRC
 *   S <index> <x> <g> <sw_y> <sw_ovf> <hw_y> <hw_ovf> [<y> <ovf> per extra path]*CRC
 *   GS1 END n=N mismatch=M sw_ovf=A hw_ovf=B ... status=0xS [cp_status=0xS]
 *           result=PASS|FAIL*CRC  (cp_status= when paths= names extra paths)
 *
 * CRC: CRC-16/CCITT-FALSE of the text before '*', four hex digits.
 * Every sample is recomputed from (x, g) with gs_eval(); both the soft core's
 * result (sw) and the peripheral's (hw) must equal it, and so must those of
 * the extra hardware paths a header names with paths=sw,hw,NAME... (the
 * custom instruction: cp, cp1, cp2). The END line's counts
 * must agree with the lines.
 *
 * Exit status: 0 all good; 1 a result differs from the host model; 2 a bad,
 * malformed or truncated capture (a lost, duplicated or garbled line, a run of
 * no samples, a repeated key), a usage error or a write error on stdout.
 * Messages are "FILE:LINE: reason"; the text they echo is quoted (gs_text.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gainstage.h"
#include "pcpi.h" /* PCPI_ST_ERR_*: the custom-instruction unit's (cp_status=) */
#include "soc.h" /* GS_ST_ERR_*: the status bits the END line reports */
#include "gs_capline.h"
#include "gs_text.h"

static const char *prog = "gscompare";
static unsigned long max_report = 20;
static bool quiet;

#define MAX_EXTRA 3
typedef struct {
    const char *file;
    unsigned long begin_line;
    gs_config_t cfg;
    char desc[160];
    char figures[256];
    unsigned extra;                   /* hardware paths after sw,hw */
    char extra_name[MAX_EXTRA][8];
    unsigned long n, sw_bad, hw_bad, hw_sw_diff, sw_ovf, hw_ovf, reported;
} run_t;

typedef struct {
    unsigned long runs, samples, sw_bad, hw_bad, errors, tally_bad;
} totals_t;

/* Counts saturate: they never wrap to a small number that looks good. */
static unsigned long sat_add(unsigned long a, unsigned long b)
{
    return a > ULONG_MAX - b ? ULONG_MAX : a + b;
}
static void sat_inc(unsigned long *a) { *a = sat_add(*a, 1); }

static void err(totals_t *t, const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void err(totals_t *t, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%lu: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    sat_inc(&t->errors);
}

/* paths=sw,hw[,NAME...]: the extra hardware paths' names. 0 or -1. */
static int parse_paths(run_t *r, const char *v)
{
    if (strncmp(v, "sw,hw", 5) != 0 || (v[5] != ',' && v[5] != '\0'))
        return -1;
    r->extra = 0;
    for (const char *p = v + 5; *p; r->extra++) {
        size_t len = strcspn(++p, ",");
        if (r->extra == MAX_EXTRA || len == 0 || len >= sizeof r->extra_name[0])
            return -1;
        memcpy(r->extra_name[r->extra], p, len);
        r->extra_name[r->extra][len] = '\0';
        p += len;
    }
    return 0;
}

/* Parse a header (after its CRC was checked). 0, or -1 after an error. */
static int parse_header(run_t *r, char *text, totals_t *t, unsigned long ln)
{
    char *tok[32];
    int n = gs_line_split(text, tok, 32);
    char q[GS_QUOTE_MAX];
    if (n > 32) {
        err(t, r->file, ln, "header: more than 32 fields");
        return -1;
    }
    const char *in = NULL, *gain = NULL, *out = NULL, *rnd = NULL, *ovm = NULL;
    for (int i = 2; i < n; i++) {
        const char *v;
        if (gs_line_repeated(tok, i)) {
            err(t, r->file, ln, "header: key of '%s' given twice", gs_quote(tok[i], q));
            return -1;
        }
        if ((v = gs_line_kv(tok[i], "in"))) in = v;
        else if ((v = gs_line_kv(tok[i], "gain"))) gain = v;
        else if ((v = gs_line_kv(tok[i], "out"))) out = v;
        else if ((v = gs_line_kv(tok[i], "round"))) rnd = v;
        else if ((v = gs_line_kv(tok[i], "overflow"))) ovm = v;
        else if ((v = gs_line_kv(tok[i], "paths")) && parse_paths(r, v) != 0) {
            err(t, r->file, ln, "header: paths=%s is not sw,hw followed by at most %d "
                "names of up to 7 characters", v, MAX_EXTRA);
            return -1;
        }
        else if (!strchr(tok[i], '=')) {
            err(t, r->file, ln, "header: '%s' is not key=value", gs_quote(tok[i], q));
            return -1;
        }
    }
    if (!in || !gain || !out || !rnd || !ovm) {
        err(t, r->file, ln, "header: needs in=, gain=, out=, round= and overflow=");
        return -1;
    }
    gs_config_t *c = &r->cfg;
    memset(c, 0, sizeof *c);
    gs_status_t st;
    if ((st = gs_parse_fmt(in, &c->in)) != GS_OK ||
        (st = gs_parse_fmt(gain, &c->gain)) != GS_OK ||
        (st = gs_parse_fmt(out, &c->out)) != GS_OK ||
        (st = gs_parse_round(rnd, &c->round)) != GS_OK ||
        (st = gs_parse_overflow(ovm, &c->overflow)) != GS_OK ||
        (st = gs_config_check(c)) != GS_OK) {
        err(t, r->file, ln, "header: bad configuration: %s", gs_strerror(st));
        return -1;
    }
    snprintf(r->desc, sizeof r->desc, "in %s, gain %s, out %s, round %s, overflow %s", in,
             gain, out, rnd, ovm);
    return 0;
}

static void report_mismatch(run_t *r, unsigned long ln, const char *who, int64_t idx,
                            int64_t x, int64_t g, int64_t y, int64_t o, int32_t ry, bool ro)
{
    if (r->reported++ < max_report)
        fprintf(stderr,
                "%s:%lu: sample %" PRId64 ": x=%" PRId64 " g=%" PRId64 ": %s gave y=%" PRId64
                " ovf=%" PRId64 ", host model y=%" PRId32 " ovf=%d\n",
                r->file, ln, idx, x, g, who, y, o, ry, ro ? 1 : 0);
    else if (r->reported == max_report + 1)
        fprintf(stderr, "%s: more mismatches not shown (--max-report)\n", r->file);
}

/* A sample line (CRC already checked). 0, or -1 after a format error. */
static int parse_sample(run_t *r, char *text, totals_t *t, unsigned long ln)
{
    char *tok[9 + 2 * MAX_EXTRA];
    char q[GS_QUOTE_MAX];
    const int nf = 7 + 2 * (int)r->extra;
    int n = gs_line_split(text, tok, 8 + 2 * MAX_EXTRA);
    if (n != nf + 1) {
        err(t, r->file, ln, "sample line needs %d fields after 'S', has %d", nf, n - 1);
        sat_inc(&r->n);
        return -1;
    }
    int64_t v[7 + 2 * MAX_EXTRA];
    static const char *const names[7 + 2 * MAX_EXTRA] = {
        "index", "x", "g", "sw_y", "sw_ovf", "hw_y", "hw_ovf", "y", "ovf", "y", "ovf", "y", "ovf"};
    for (int i = 0; i < nf; i++)
        if (!gs_line_i64(tok[i + 1], &v[i])) {
            err(t, r->file, ln, "%s '%s' is not a decimal integer", names[i],
                gs_quote(tok[i + 1], q));
            sat_inc(&r->n);
            return -1;
        }
    if (v[0] != (int64_t)r->n) {
        if (v[0] >= 0 && v[0] < (int64_t)r->n) {
            err(t, r->file, ln, "sample index %" PRId64 " again, expected %lu (a duplicated "
                "line?)", v[0], r->n);
            return -1; /* no resynchronisation backwards */
        }
        err(t, r->file, ln, "sample index %" PRId64 ", expected %lu (%s lost?)", v[0], r->n,
            v[0] == (int64_t)r->n + 1 ? "a line" : "lines");
        if (v[0] >= 0 && v[0] < (int64_t)1 << 40)
            r->n = (unsigned long)v[0] + 1; /* resynchronise */
        return -1;
    }
    const gs_config_t *c = &r->cfg;
    if (!gs_code_fits_in(c, v[1])) {
        err(t, r->file, ln, "x=%" PRId64 " does not fit the input format", v[1]);
        sat_inc(&r->n);
        return -1;
    }
    if (v[2] < 0 || !gs_code_fits_gain(c, (uint64_t)v[2])) {
        err(t, r->file, ln, "g=%" PRId64 " does not fit the gain format", v[2]);
        sat_inc(&r->n);
        return -1;
    }
    int64_t ymax = ((int64_t)1 << (c->out.w - 1)) - 1, ymin = -ymax - 1;
    for (int i = 3; i < nf; i += 2)
        if (v[i] < ymin || v[i] > ymax) {
            err(t, r->file, ln, "%s=%" PRId64 " does not fit the output format", names[i],
                v[i]);
            sat_inc(&r->n);
            return -1;
        }
    for (int i = 4; i < nf; i += 2)
        if (v[i] != 0 && v[i] != 1) {
            err(t, r->file, ln, "%s=%" PRId64 " is not 0 or 1", names[i], v[i]);
            sat_inc(&r->n);
            return -1;
        }
    bool ro;
    int32_t ry = gs_eval(c, (int32_t)v[1], (uint32_t)v[2], &ro);
    if (v[3] != ry || v[4] != ro) {
        sat_inc(&r->sw_bad);
        report_mismatch(r, ln, "soft-core model (sw)", v[0], v[1], v[2], v[3], v[4], ry, ro);
    }
    if (v[5] != ry || v[6] != ro) {
        sat_inc(&r->hw_bad);
        report_mismatch(r, ln, "RTL peripheral (hw)", v[0], v[1], v[2], v[5], v[6], ry, ro);
    }
    bool differ = v[3] != v[5] || v[4] != v[6];
    for (unsigned k = 0; k < r->extra; k++) {
        int64_t y = v[7 + 2 * k], o = v[8 + 2 * k];
        if (y != ry || o != ro) {
            char who[40];
            snprintf(who, sizeof who, "RTL path %s", r->extra_name[k]);
            sat_inc(&r->hw_bad);
            report_mismatch(r, ln, who, v[0], v[1], v[2], y, o, ry, ro);
        }
        differ |= y != v[3] || o != v[4];
    }
    if (differ)
        sat_inc(&r->hw_sw_diff);
    r->sw_ovf = sat_add(r->sw_ovf, (unsigned long)v[4]);
    r->hw_ovf = sat_add(r->hw_ovf, (unsigned long)v[6]);
    sat_inc(&r->n);
    return 0;
}

/* An END status word KEY=0xS (VAL, NULL when absent): 0 when present, hex and
 * free of the ERR bits; else -1 after the message (absent or malformed: a bad
 * capture; an error bit: a failed run, however the firmware judged it). */
static int end_status(totals_t *t, const run_t *r, unsigned long ln, const char *key,
                      const char *val, uint32_t err_bits, const char *who, const char *result)
{
    char q[GS_QUOTE_MAX];
    uint64_t st;
    if (!val) {
        err(t, r->file, ln, "END line lacks %s=", key);
        return -1;
    }
    if (gs_num_u64(val, UINT32_MAX, &st) != GS_NUM_OK || strncmp(val, "0x", 2)) {
        err(t, r->file, ln, "END: %s=%s is not 0x hex", key, gs_quote(val, q));
        return -1;
    }
    if (st & err_bits) {
        fprintf(stderr, "%s:%lu: %s reports %s=%s (push/pop error bits)%s\n", r->file, ln,
                who, key, val, strcmp(result, "PASS") ? "" : " but the firmware says result=PASS");
        sat_inc(&t->tally_bad);
        return -1;
    }
    return 0;
}

/* The END line: its counts must agree with the lines seen. */
static int parse_end(run_t *r, char *text, totals_t *t, unsigned long ln)
{
    char *tok[40];
    char q[GS_QUOTE_MAX];
    int n = gs_line_split(text, tok, 40);
    if (n > 40) {
        err(t, r->file, ln, "END: more than 40 fields");
        return -1;
    }
    struct { const char *key; unsigned long want; bool seen; } chk[] = {
        {"n", r->n, false},
        {"mismatch", r->hw_sw_diff, false},
        {"sw_ovf", r->sw_ovf, false},
        {"hw_ovf", r->hw_ovf, false},
        {"hw_ovf_cnt", r->hw_ovf, false}, /* the peripheral's own counter */
        {"swx", 0, false},                /* gs_eval and the block API agreed */
    };
    const char *result = NULL, *status = NULL, *cp_status = NULL;
    r->figures[0] = '\0';
    size_t fl = 0;
    for (int i = 2; i < n; i++) {
        const char *v;
        if (gs_line_repeated(tok, i)) {
            err(t, r->file, ln, "END: key of '%s' given twice", gs_quote(tok[i], q));
            return -1;
        }
        if ((v = gs_line_kv(tok[i], "result"))) {
            result = v;
            continue;
        }
        if ((v = gs_line_kv(tok[i], "status"))) {
            status = v;
            continue;
        }
        if ((v = gs_line_kv(tok[i], "cp_status"))) {
            cp_status = v;
            continue;
        }
        bool known = false;
        for (size_t k = 0; k < sizeof chk / sizeof chk[0]; k++)
            if ((v = gs_line_kv(tok[i], chk[k].key))) {
                int64_t x;
                known = chk[k].seen = true;
                if (!gs_line_i64(v, &x) || x < 0) {
                    err(t, r->file, ln, "END: %s=%s is not a count", chk[k].key,
                        gs_quote(v, q));
                    return -1;
                }
                /* n= that disagrees with the lines: lines were lost or doubled on
                 * the way (a bad capture, exit 2, wherever in the run it happened). */
                if (k == 0 && (unsigned long)x != chk[k].want) {
                    err(t, r->file, ln, "END says n=%s, the capture has %lu sample lines "
                        "(line%s %s?)", v, chk[k].want,
                        (unsigned long)x > chk[k].want + 1 || chk[k].want > (unsigned long)x + 1
                            ? "s" : "",
                        (unsigned long)x > chk[k].want ? "lost" : "duplicated");
                    return -1;
                }
                /* Another tally that disagrees with the lines is a wrong result
                 * (exit 1), not a malformed capture. */
                if ((unsigned long)x != chk[k].want) {
                    fprintf(stderr, "%s:%lu: END says %s=%s, the lines say %lu\n", r->file,
                            ln, chk[k].key, v, chk[k].want);
                    sat_inc(&t->tally_bad);
                    return -1;
                }
            }
        if (!known && strstr(tok[i], "_cps=") && fl + strlen(tok[i]) + 2 < sizeof r->figures)
            fl += (size_t)snprintf(r->figures + fl, sizeof r->figures - fl, "%s%s",
                                   fl ? " " : "", tok[i]);
    }
    for (size_t k = 0; k < sizeof chk / sizeof chk[0]; k++)
        if (!chk[k].seen) {
            err(t, r->file, ln, "END line lacks %s=", chk[k].key);
            return -1;
        }
    if (!result || (strcmp(result, "PASS") && strcmp(result, "FAIL"))) {
        err(t, r->file, ln, "END line needs result=PASS or result=FAIL");
        return -1;
    }
    /* The peripheral's STATUS and, with custom-instruction paths, the unit's
     * (cp_status=): their sticky error bits fail the run. Required like the
     * counts: a capture that lost one could hide a push/pop error behind the
     * firmware's own result=PASS. */
    if (end_status(t, r, ln, "status", status, GS_ST_ERR_PUSH | GS_ST_ERR_POP,
                   "the peripheral", result) != 0)
        return -1;
    if (r->extra && end_status(t, r, ln, "cp_status", cp_status,
                               PCPI_ST_ERR_PUSH | PCPI_ST_ERR_POP,
                               "the custom-instruction unit", result) != 0)
        return -1;
    if (strcmp(result, "PASS") != 0) {
        fprintf(stderr, "%s:%lu: the firmware reports result=FAIL\n", r->file, ln);
        sat_inc(&t->tally_bad);
        return -1;
    }
    return 0;
}

static int read_capture(const char *path, totals_t *t)
{
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!fp) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        t->errors++;
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long ln = 0, runs_here = 0, errors_at_begin = 0;
    char q[GS_QUOTE_MAX];
    bool in_run = false;
    run_t r;
    memset(&r, 0, sizeof r);
    r.file = name;

    while ((len = getline(&buf, &cap, fp)) >= 0) {
        sat_inc(&ln);
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        if ((size_t)len != strlen(buf)) {
            if (in_run) {
                err(t, name, ln, "NUL byte in a data line");
                in_run = false;
            }
            continue;
        }
        /* "GS1 BEGIN" then a field or the CRC: "GS1 BEGINNING" is noise */
        bool begin = strncmp(buf, "GS1 BEGIN", 9) == 0 && (buf[9] == ' ' || buf[9] == '*');
        if (!in_run && !begin)
            continue; /* noise before a header or between runs */
        if (in_run && begin) {
            err(t, name, ln, "new header before the END of the run that began at line %lu",
                r.begin_line);
        }
        const char *why;
        char *text = buf;
        if (gs_line_crc(text, &why) != 0) {
            err(t, name, ln, "%s: '%s'", why, gs_quote(buf, q));
            if (begin)
                in_run = false;
            else if (buf[0] == 'S' && buf[1] == ' ')
                sat_inc(&r.n); /* count it, so that the next index does not cascade */
            continue;
        }
        if (begin) {
            memset(&r, 0, sizeof r);
            r.file = name;
            r.begin_line = ln;
            errors_at_begin = t->errors;
            in_run = parse_header(&r, text, t, ln) == 0;
            if (in_run) {
                runs_here++;
                t->runs++;
            }
            continue;
        }
        if (text[0] == 'S' && text[1] == ' ') {
            parse_sample(&r, text, t, ln);
        } else if (strncmp(text, "GS1 END", 7) == 0 && (text[7] == ' ' || !text[7])) {
            int ok = parse_end(&r, text, t, ln);
            in_run = false;
            if (r.n == 0) /* a run that checked nothing proves nothing */
                err(t, name, ln, "the run that began at line %lu has no samples",
                    r.begin_line);
            bool bad_lines = t->errors != errors_at_begin;
            t->samples = sat_add(t->samples, r.n);
            t->sw_bad = sat_add(t->sw_bad, r.sw_bad);
            t->hw_bad = sat_add(t->hw_bad, r.hw_bad);
            if (!quiet || r.sw_bad || r.hw_bad || ok || bad_lines)
                printf("%s: run at line %lu (%s): %lu samples, %lu sw and %lu hw mismatches"
                       " against the host model, %lu overflows%s%s%s\n",
                       name, r.begin_line, r.desc, r.n, r.sw_bad, r.hw_bad, r.hw_ovf,
                       r.figures[0] ? "; " : "", r.figures,
                       bad_lines ? ": BAD CAPTURE" : (r.sw_bad || r.hw_bad || ok) ? ": FAIL"
                                                                        : ": OK");
        } else if (strncmp(text, "GS1 ERROR", 9) == 0) {
            err(t, name, ln, "the firmware reports: %s", gs_quote(text + 4, q));
            in_run = false;
        } else {
            err(t, name, ln, "malformed line in a run: '%s'", gs_quote(text, q));
        }
    }
    bool rd_err = ferror(fp);
    free(buf);
    if (fp != stdin)
        fclose(fp);
    if (rd_err) {
        fprintf(stderr, "%s: %s: read error\n", prog, name);
        t->errors++;
        return -1;
    }
    if (in_run)
        err(t, name, ln, "truncated capture: the run that began at line %lu has no END line "
            "(%lu samples read)", r.begin_line, r.n);
    if (runs_here == 0 && !in_run)
        err(t, name, ln, "no valid 'GS1 BEGIN' header in the capture");
    return 0;
}

/* A verdict that could not be written is no verdict: exit 2. */
static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error on standard output: %s\n", prog, strerror(errno));
        return 2;
    }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [--quiet] [--max-report N] CAPTURE...   ('-' = stdin)\n"
            "Checks UART captures of the gainstage firmware against the host C model.\n"
            "Exit status: 0 all good, 1 results differ from the model, 2 bad capture.\n",
            prog);
}

int main(int argc, char **argv)
{
    int nfiles = 0;
    char q[GS_QUOTE_MAX];
    char **files = calloc((size_t)argc, sizeof *files);
    if (!files) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quiet")) {
            quiet = true;
        } else if (!strcmp(argv[i], "--max-report") && i + 1 < argc) {
            uint64_t v;
            if (gs_num_u64(argv[++i], ULONG_MAX - 1, &v) != GS_NUM_OK) {
                fprintf(stderr, "%s: bad --max-report '%s'\n", prog, gs_quote(argv[i], q));
                free(files);
                return 2;
            }
            max_report = (unsigned long)v;
        } else if (!strcmp(argv[i], "--help")) {
            usage(stdout);
            free(files);
            return finish_stdout();
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "%s: unknown option '%s'\n", prog, gs_quote(argv[i], q));
            usage(stderr);
            free(files);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!nfiles) {
        usage(stderr);
        free(files);
        return 2;
    }
    totals_t t = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < nfiles; i++)
        read_capture(files[i], &t);
    free(files);
    printf("%s: %lu run(s), %lu samples, %lu sw / %lu hw mismatches, %lu capture errors: %s\n",
           prog, t.runs, t.samples, t.sw_bad, t.hw_bad, t.errors,
           t.errors ? "BAD CAPTURE" : (t.sw_bad || t.hw_bad || t.tally_bad) ? "MISMATCH" : "OK");
    if (finish_stdout() != 0 || t.errors)
        return 2;
    return (t.sw_bad || t.hw_bad || t.tally_bad) ? 1 : 0;
}
