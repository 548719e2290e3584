/* engine.c: `sgpu engine reset|resume|status NODE`: reset an engine (every context it hurt
 * reported, guilty or collateral), start it again, or show whether it runs and responds. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sgpu engine reset|resume|status NODE [OPTIONS]\n"
            "\n"
            "NODE is copy (0) or compute (1); each node has one engine, ordinal 0.\n"
            "reset NODE    reset that engine's datapath only: every context on it is invalidated\n"
            "              (listed as guilty or collateral damage); nothing runs on the engine\n"
            "              until it is resumed\n"
            "resume NODE   start scheduling the engine's runnable contexts the reset spared\n"
            "status NODE   whether the engine is scheduling (not reset) and responsive, the\n"
            "              engines a reset of it takes down, the compute preemption granularity\n"
            "  --uri URI      the device (default: the local simulator, started if needed)\n"
            "  --engine N     engine ordinal in the node (default 0)\n"
            "  --guilty ID    reset: the context to blame (default: the one on the engine)\n"
            "  --json         status: one JSON object\n"
            "  --help         this text\n"
            "\n"
            "exit status: 0 done, 1 the device or the link failed (an engine that did not come\n"
            "out of reset included), 2 bad command line, 3 refused: no such engine or guilty\n"
            "context, a reset of an engine already reset, a resume of one not reset\n");
}

static int parse_node(const char *s, unsigned *node)
{
    unsigned long v;
    if (strcmp(s, "copy") == 0)
        *node = SGPU_NODE_COPY;
    else if (strcmp(s, "compute") == 0)
        *node = SGPU_NODE_COMPUTE;
    else if (cli_parse_uint(s, 255, &v) == 0)
        *node = (unsigned)v;
    else
        return -1;
    return 0;
}

static const char *node_name(unsigned node)
{
    return node == SGPU_NODE_COPY ? "copy" : node == SGPU_NODE_COMPUTE ? "compute" : "node";
}

static void on_invalidated(sgpu_dev *dev, sgpu_ctx *ctx, uint32_t id, int collateral,
                           uint64_t progress, void *user)
{
    (void)dev;
    (void)ctx;
    unsigned *n = user;
    printf("context %u invalidated: %s (progress fence %" PRIu64 ")\n", id,
           collateral ? "collateral damage" : "guilty", progress);
    (*n)++;
}

static int do_status(sgpu_dev *dev, unsigned node, unsigned engine, int json)
{
    struct sgpu_engine_status st;
    uint32_t deps;
    enum sgpu_preemption p;
    int rc = sgpu_engine_status(dev, node, engine, &st);
    if (rc == SGPU_OK)
        rc = sgpu_engine_dependents(dev, node, engine, &deps);
    if (rc == SGPU_OK)
        rc = sgpu_preemption_granularity(dev, &p);
    if (rc != SGPU_OK)
        return cli_lib_fail("engine status", rc);
    if (json) {
        struct json j;
        json_init(&j, stdout);
        json_object(&j, NULL);
        json_uint(&j, "node", node);
        json_uint(&j, "engine", engine);
        json_string(&j, "name", node_name(node));
        json_bool(&j, "running", st.running);
        json_bool(&j, "responsive", st.responsive);
        json_uint(&j, "dependent_engines", deps);
        json_string(&j, "compute_preemption", sgpu_preemption_name(p));
        json_uint(&j, "progress", st.progress);
        json_uint(&j, "as_of_cycles", st.as_of_cycles);
        json_end(&j, '}');
        json_finish(&j);
    } else {
        printf("%s (node %u engine %u): %s, %s, progress %" PRIu32 " commands\n",
               node_name(node), node, engine, st.running ? "running" : "reset (not resumed)",
               st.responsive ? "responsive" : "not responsive", st.progress);
        printf("dependent engines 0x%x; compute preemption %s; at device cycle %" PRIu64 "\n",
               deps, sgpu_preemption_name(p), st.as_of_cycles);
    }
    return CLI_OK;
}

int cmd_engine(int argc, char **argv)
{
    static const struct option opts[] = {
        {"uri", required_argument, NULL, 'u'},   {"engine", required_argument, NULL, 'e'},
        {"guilty", required_argument, NULL, 'g'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *uri = NULL;
    unsigned long engine = 0, guilty = SGPU_PROTO_CONTEXT_NONE;
    int c, json = 0;
    optind = 0; /* a fresh parse that permutes: options may follow ACTION and its argument */
    while ((c = getopt_long(argc, argv, "u:e:g:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'u':
            uri = optarg;
            break;
        case 'e':
            if (cli_parse_uint(optarg, 255, &engine) != 0) {
                fprintf(stderr, "%s engine: --engine %s is not an engine ordinal\n", cli_prog, optarg);
                return CLI_USAGE;
            }
            break;
        case 'g':
            if (cli_parse_uint(optarg, UINT32_MAX - 1ul, &guilty) != 0) {
                fprintf(stderr, "%s engine: --guilty %s is not a context id\n", cli_prog, optarg);
                return CLI_USAGE;
            }
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (argc - optind != 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *verb = argv[optind];
    unsigned node;
    if (strcmp(verb, "reset") != 0 && strcmp(verb, "resume") != 0 && strcmp(verb, "status") != 0) {
        fprintf(stderr, "%s engine: unknown action '%s' (reset, resume or status)\n", cli_prog, verb);
        return CLI_USAGE;
    }
    if (parse_node(argv[optind + 1], &node) != 0) {
        fprintf(stderr, "%s engine: '%s' is not a node (copy, compute or a number)\n", cli_prog,
                argv[optind + 1]);
        return CLI_USAGE;
    }
    if (guilty != SGPU_PROTO_CONTEXT_NONE && strcmp(verb, "reset") != 0) {
        fprintf(stderr, "%s engine: --guilty goes with reset\n", cli_prog);
        return CLI_USAGE;
    }
    sgpu_dev *dev = cli_open(uri);
    if (!dev)
        return CLI_FAIL;
    int status = CLI_OK, rc;
    if (strcmp(verb, "status") == 0) {
        status = do_status(dev, node, (unsigned)engine, json);
    } else if (strcmp(verb, "reset") == 0) {
        struct sgpu_engine_reset_options o = SGPU_ENGINE_RESET_OPTIONS_INIT;
        unsigned n = 0;
        o.guilty_ctx_id = (uint32_t)guilty;
        rc = sgpu_engine_reset_opts(dev, node, (unsigned)engine, &o, on_invalidated, &n, NULL);
        if (rc == SGPU_OK)
            printf("%s engine %lu reset: %u context%s invalidated; stopped until "
                   "`sgpu engine resume %s`\n", node_name(node), engine, n, n == 1 ? "" : "s",
                   argv[optind + 1]);
        else
            status = cli_lib_fail("engine reset", rc);
    } else {
        rc = sgpu_engine_resume(dev, node, (unsigned)engine);
        if (rc == SGPU_OK)
            printf("%s engine %lu resumed\n", node_name(node), engine);
        else
            status = cli_lib_fail("engine resume", rc);
    }
    sgpu_close(dev);
    return status;
}
