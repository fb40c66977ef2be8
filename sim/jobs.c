/*
 * jobs.c - --jobs N: the stimulus cut into N contiguous slices, each run by a
 * worker process on its own model instance; the statistics come back through
 * a pipe and are merged, the dump parts are appended in order.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

int run_jobs(ctx_t *t, FILE *dump, int jobs, stats_t *tot)
{
    const cosim_opts_t *o = t->o;
    pid_t pid[64];
    int fd[64];
    FILE *part[64] = { NULL };
    /* the parts: anonymous files made here, so that a failure has a reason
     * and nothing is created beside the dump (issue 10, defect 9) */
    for (int j = 0; dump && j < jobs; j++)
        if (!(part[j] = tmpfile())) {
            fprintf(stderr, "cosim: --dump %s: cannot make a temporary file for job %d: %s\n",
                    o->dump, j, strerror(errno));
            while (j-- > 0)
                fclose(part[j]);
            return 2;
        }
    fflush(stdout);
    fflush(stderr);
    for (int j = 0; j < jobs; j++) {
        int p[2];
        if (pipe(p) < 0) {
            perror("cosim: pipe");
            return 2;
        }
        /* slice bounds without a product that could wrap */
        uint64_t q = t->total / (uint64_t)jobs, rem = t->total % (uint64_t)jobs;
        uint64_t lo = q * (uint64_t)j + ((uint64_t)j < rem ? (uint64_t)j : rem);
        uint64_t hi = lo + q + ((uint64_t)j < rem);
        pid[j] = fork();
        if (pid[j] < 0) {
            perror("cosim: fork");
            return 2;
        }
        if (pid[j] == 0) {
            close(p[0]);
            t->job = j;   /* its --rand-reset seed too (run_slice) */
            FILE *pd = part[j];
            if (pd)
                setvbuf(pd, NULL, _IOFBF, 1 << 20);
            slice_t sl = { lo, hi - lo, 1, NULL, 0, 0, UINT64_MAX, pd };
            stats_t st;
            int rc = run_slice(t, &sl, &st);
            if (pd && (fflush(pd) != 0 || ferror(pd))) {
                fprintf(stderr, "cosim: job %d: --dump %s: write error: %s\n", j, o->dump,
                        strerror(errno));
                rc = -1;
            }
            if (rc == 0 && write(p[1], &st, sizeof st) != (ssize_t)sizeof st) {
                fprintf(stderr, "cosim: job %d: cannot report to the parent: %s\n", j,
                        strerror(errno));
                rc = -1;
            }
            fflush(stderr);
            _exit(rc == 0 ? 0 : 2);
        }
        close(p[1]);
        fd[j] = p[0];
    }
    int fail = 0;
    for (int j = 0; j < jobs; j++) {
        stats_t st;
        ssize_t nr = read(fd[j], &st, sizeof st);
        close(fd[j]);
        int status = 0;
        waitpid(pid[j], &status, 0);
        if (nr != (ssize_t)sizeof st || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            if (WIFSIGNALED(status))
                fprintf(stderr, "cosim: job %d killed by signal %d\n", j, WTERMSIG(status));
            else
                fprintf(stderr, "cosim: job %d failed (exit %d; its reason is above)\n", j,
                        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            fail = 1;
            if (part[j])
                fclose(part[j]);
            continue;
        }
        merge(tot, &st);
        if (part[j] && dump_append(dump, part[j], o->dump) < 0)
            fail = 1;
    }
    return fail ? 2 : 0;
}
