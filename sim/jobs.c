/*
 * jobs.c - --jobs N: the stimulus cut into N contiguous slices, each run by a
 * worker process on its own model instance; the statistics come back through
 * a pipe and are merged, the dump parts are appended in order.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

int run_jobs(ctx_t *t, FILE *dump, int jobs, stats_t *tot)
{
    const cosim_opts_t *o = t->o;
    pid_t pid[64];
    int fd[64];
    fflush(stdout);
    fflush(stderr);
    for (int j = 0; j < jobs; j++) {
        int p[2];
        if (pipe(p) < 0) {
            perror("cosim: pipe");
            return 2;
        }
        uint64_t lo = t->total * (uint64_t)j / (uint64_t)jobs;
        uint64_t hi = t->total * (uint64_t)(j + 1) / (uint64_t)jobs;
        pid[j] = fork();
        if (pid[j] < 0) {
            perror("cosim: fork");
            return 2;
        }
        if (pid[j] == 0) {
            close(p[0]);
            t->job = j;
            FILE *pd = NULL;
            char part[4096];
            if (dump) {
                snprintf(part, sizeof part, "%s.part%d", o->dump, j);
                pd = fopen(part, "w");
                if (!pd)
                    _exit(2);
                setvbuf(pd, NULL, _IOFBF, 1 << 20);
            }
            slice_t sl = { lo, hi - lo, 1, NULL, 0, 0, UINT64_MAX, pd };
            stats_t st;
            int rc = run_slice(t, &sl, &st);
            if (pd && fclose(pd) != 0)
                rc = -1;
            if (rc == 0 && write(p[1], &st, sizeof st) != (ssize_t)sizeof st)
                rc = -1;
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
            fprintf(stderr, "cosim: job %d failed\n", j);
            fail = 1;
            continue;
        }
        merge(tot, &st);
        if (dump) {
            char part[4096];
            snprintf(part, sizeof part, "%s.part%d", o->dump, j);
            if (dump_append(dump, part) < 0)
                fail = 1;
            remove(part);
        }
    }
    return fail ? 2 : 0;
}
