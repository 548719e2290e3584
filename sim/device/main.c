/* sgpu-sim: the simulated sgpu device (see sim.c; the model is linked in beside it). */
/* SPDX-License-Identifier: Apache-2.0 */
#include "sim.h"

int main(int argc, char **argv) { return sim_main(argc, argv); }
