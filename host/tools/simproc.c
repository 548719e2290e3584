/* simproc.c: starting and stopping an sgpu-sim process. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "simproc.h"

#define MAX_ARGS 32

int simproc_next_to_self(const char *name, char *buf, size_t size)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0)
        return -1;
    self[n] = '\0';
    int w = snprintf(buf, size, "%s/%s", dirname(self), name);
    return w < 0 || (size_t)w >= size ? -1 : 0;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static int log_says_listening(const char *log)
{
    char line[512];
    int found = 0;
    FILE *f = fopen(log, "r");
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, "listening") != NULL;
    fclose(f);
    return found;
}

/* The last line of the log, for an error message. */
static void log_tail(const char *log, char *out, size_t size)
{
    char line[512], last[512] = "";
    FILE *f = fopen(log, "r");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (line[0] != '\n')
                memcpy(last, line, sizeof last);
        fclose(f);
    }
    last[strcspn(last, "\n")] = '\0';
    snprintf(out, size, "%s", last);
}

int simproc_start(struct simproc *p, const char *sim, const char *socket, const char *log,
                  const char *const *args, unsigned timeout_ms, char *err, size_t errlen)
{
    const char *argv[MAX_ARGS + 4];
    size_t argc = 0;
    char tail[200];

    memset(p, 0, sizeof *p);
    snprintf(p->log, sizeof p->log, "%s", log);
    if (access(sim, X_OK) != 0) {
        snprintf(err, errlen, "%s: %s (build it with `make sim`)", sim, strerror(errno));
        return -1;
    }
    argv[argc++] = sim;
    argv[argc++] = "--socket";
    argv[argc++] = socket;
    for (size_t i = 0; args && args[i] && i < MAX_ARGS; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;

    int out = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        snprintf(err, errlen, "%s: %s", log, strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(out);
        return -1;
    }
    if (pid == 0) {
        /* a session of its own: the terminal's Ctrl-C belongs to the caller, not to it */
        setsid();
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0)
            dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        execv(sim, (char *const *)argv);
        dprintf(2, "exec %s: %s\n", sim, strerror(errno));
        _exit(127);
    }
    close(out);
    p->pid = pid;
    for (unsigned waited = 0;; waited += 10) {
        int status;
        if (log_says_listening(log))
            return 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            log_tail(log, tail, sizeof tail);
            snprintf(err, errlen, "%s exited (status %d) before listening: %s", sim,
                     WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), tail);
            p->pid = 0;
            return -1;
        }
        if (waited >= timeout_ms) {
            snprintf(err, errlen, "%s did not say `listening` in %u ms (log: %s)", sim, timeout_ms, log);
            simproc_stop(p, 1000);
            return -1;
        }
        sleep_ms(10);
    }
}

int simproc_stop(struct simproc *p, unsigned timeout_ms)
{
    int status;
    if (p->pid <= 0)
        return -1;
    kill(p->pid, SIGTERM);
    for (unsigned waited = 0; waited < timeout_ms; waited += 10) {
        if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
            p->pid = 0;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        sleep_ms(10);
    }
    kill(p->pid, SIGKILL);
    waitpid(p->pid, &status, 0);
    p->pid = 0;
    return -1;
}
