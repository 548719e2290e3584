/* sgpu-sim's command line: options, defaults and the help text. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "opts.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

void opts_usage(FILE *f) {
  fprintf(f,
          "usage: " SIM_NAME " [OPTION]...\n"
          "The simulated sgpu device: the Verilated RTL behind a root-complex model, served to\n"
          "one driver (libsgpu's sim transport) at a time on a Unix socket. It boots the\n"
          "firmware, writes the PCI configuration space to SOCKET.pci (lspci -F reads it),\n"
          "prints '" SIM_NAME ": listening on SOCKET' and serves until SIGINT or SIGTERM.\n"
          "The device clock runs only while a driver is connected.\n"
          "\n"
          "  --socket PATH        the socket (default ${XDG_RUNTIME_DIR:-/tmp}/sgpu-sim.sock)\n"
          "  --firmware ELF       the control core's firmware (default: the build's\n"
          "                       firmware/sgpu-fw.elf, next to this program's bin/)\n"
          "  --seed N             vary completion splitting, ordering and latency, TX ready\n"
          "                       and the host memory's bus address, from seed N\n"
          "  --trace FILE         write a VCD waveform of the whole run (slow)\n"
          "  --idle-exit SECONDS  exit when no driver has been connected for that long\n"
          "  --quiet              only errors and the 'listening' line on stderr\n"
          "  --help               show this help\n"
          "\n"
          "Fault injection, for tests:\n"
          "  --drop-completions BASE:BYTES\n"
          "                       DMA reads that touch host bus addresses [BASE, BASE+BYTES)\n"
          "                       get no completion at all, as from a hung peer: the device's\n"
          "                       completion timeout decides (repeatable, up to %u ranges;\n"
          "                       the host memory's bus address is 0x40000000 unless seeded)\n"
          "  --no-cpl-timeout     Device Control 2 with the completion timeout disabled, as a\n"
          "                       driver may set it: such a read then waits for ever (until\n"
          "                       an adapter reset abandons it)\n"
          "  SIGUSR1              freezes the control core: it is held in reset (its ID block\n"
          "                       too: FW_STATUS reads NONE, HEARTBEAT stops at 0) until the\n"
          "                       host's next adapter reset (FW.CTRL.HOLD) ends the freeze\n"
          "\n"
          "Exit status: 0 stopped by a signal or --idle-exit, 1 the device broke a PCIe rule\n"
          "or its firmware did not start, 2 bad option, firmware file or socket.\n",
          SIM_MAX_DROPS);
}

static int parse_u64(const char *s, uint64_t *v) {
  char *end;
  if (!s[0] || s[0] == '-') return -1;
  errno = 0;
  unsigned long long x = strtoull(s, &end, 0);
  if (errno || *end) return -1;
  *v = x;
  return 0;
}

/* "BASE:BYTES", both numbers in C syntax; BYTES > 0 and the range does not wrap. */
static int parse_range(const char *s, struct sim_range *r) {
  char buf[64];
  const char *colon = strchr(s, ':');
  if (!colon || (size_t)(colon - s) >= sizeof buf) return -1;
  memcpy(buf, s, (size_t)(colon - s));
  buf[colon - s] = '\0';
  if (parse_u64(buf, &r->base) || parse_u64(colon + 1, &r->bytes)) return -1;
  if (r->bytes == 0 || r->base + r->bytes < r->base) return -1;
  return 0;
}

/* <directory of /proc/self/exe>/../firmware/sgpu-fw.elf: build/bin/ -> build/firmware/. */
static int default_firmware(char *out, size_t size) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return -1;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return -1;
  *slash = '\0';
  if ((size_t)snprintf(out, size, "%s/../firmware/sgpu-fw.elf", exe) >= size) return -1;
  return 0;
}

int opts_parse(int argc, char **argv, struct sim_opts *o, char *err, size_t errlen) {
  enum { O_SOCKET = 256, O_FIRMWARE, O_SEED, O_TRACE, O_IDLE, O_QUIET, O_HELP, O_DROP, O_NOCTO };
  static const struct option longopts[] = {
      {"socket", required_argument, NULL, O_SOCKET},
      {"firmware", required_argument, NULL, O_FIRMWARE},
      {"seed", required_argument, NULL, O_SEED},
      {"trace", required_argument, NULL, O_TRACE},
      {"idle-exit", required_argument, NULL, O_IDLE},
      {"quiet", no_argument, NULL, O_QUIET},
      {"help", no_argument, NULL, O_HELP},
      {"drop-completions", required_argument, NULL, O_DROP},
      {"no-cpl-timeout", no_argument, NULL, O_NOCTO},
      {NULL, 0, NULL, 0},
  };
  memset(o, 0, sizeof *o);
  const char *sock = NULL, *fw = NULL;
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
    switch (c) {
    case O_SOCKET:
      if (!optarg[0]) return fail(err, errlen, "--socket needs a path");
      sock = optarg;
      break;
    case O_FIRMWARE:
      if (!optarg[0]) return fail(err, errlen, "--firmware needs a file name");
      fw = optarg;
      break;
    case O_SEED:
      if (parse_u64(optarg, &o->seed))
        return fail(err, errlen, "--seed needs a non-negative number, not '%s'", optarg);
      o->seeded = 1;
      break;
    case O_TRACE:
      if (!optarg[0]) return fail(err, errlen, "--trace needs a file name");
      o->trace = optarg;
      break;
    case O_IDLE: {
      char *end;
      errno = 0;
      double v = strtod(optarg, &end);
      if (errno || *end || !optarg[0] || !(v > 0) || v > 1e9)
        return fail(err, errlen, "--idle-exit needs a positive number of seconds, not '%s'", optarg);
      o->idle_exit = v;
      break;
    }
    case O_QUIET: o->quiet = 1; break;
    case O_NOCTO: o->cpl_timeout_off = 1; break;
    case O_DROP: {
      struct sim_range r;
      if (parse_range(optarg, &r))
        return fail(err, errlen, "--drop-completions needs BASE:BYTES (BYTES > 0, no wrap), not '%s'",
                    optarg);
      if (o->ndrop == SIM_MAX_DROPS)
        return fail(err, errlen, "--drop-completions: at most %u ranges", SIM_MAX_DROPS);
      o->drop[o->ndrop++] = r;
      break;
    }
    case 'h':
    case O_HELP: o->help = 1; return 0;
    case ':': return fail(err, errlen, "option '%s' needs a value", argv[optind - 1]);
    default:
      if (optopt && optopt < 256) return fail(err, errlen, "unknown option '-%c' (see --help)", optopt);
      return fail(err, errlen, "unknown option '%s' (see --help)", argv[optind - 1]);
    }
  }
  if (optind < argc) return fail(err, errlen, "unexpected argument '%s' (see --help)", argv[optind]);

  if (sock) {
    snprintf(o->socket, sizeof o->socket, "%s", sock);
  } else {
    const char *dir = getenv("XDG_RUNTIME_DIR");
    if (!dir || !dir[0]) dir = "/tmp";
    snprintf(o->socket, sizeof o->socket, "%s/sgpu-sim.sock", dir);
  }
  /* The socket and the '.pci' dump must both have room. */
  if (strlen(sock ? sock : o->socket) >= sizeof(((struct sockaddr_un *)0)->sun_path))
    return fail(err, errlen, "socket path '%s' is too long (at most %zu bytes)", o->socket,
                sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
  if (fw) {
    if (strlen(fw) >= sizeof o->firmware) return fail(err, errlen, "--firmware path is too long");
    strcpy(o->firmware, fw);
  } else if (default_firmware(o->firmware, sizeof o->firmware)) {
    return fail(err, errlen, "cannot find the default firmware (give --firmware ELF)");
  }
  return 0;
}
