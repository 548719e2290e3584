/* The rules a TLP sent by the device must follow on its own (without the root complex's
 * state: tags in use and completions to match are checked by rc.c). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_TLP_CHECK_H
#define SGPU_SIM_TLP_CHECK_H

#include <stddef.h>

#include "tlp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the configuration space allows the device. */
struct tlp_rules {
  uint16_t dev_id;   /* the device's requester and completer ID */
  unsigned mps;      /* Device Control: max payload size, bytes */
  unsigned mrrs;     /* Device Control: max read request size, bytes */
  int ext_tag;       /* Device Control: Extended Tag Field Enable */
};

/* Checks a TLP the device sent: its header and the number of DWs that arrived (header,
 * payload and any digest). Returns 0, or -1 with the broken rule in err (one line, without
 * the TLP's description). */
int tlp_check(const struct tlp_rules *r, const struct tlp_hdr *h, unsigned ndw, char *err,
              size_t errlen);

/* The byte-enable rules of a memory request alone (also used for requests the root
 * complex builds); 0 or -1 with the reason in err. */
int tlp_check_be(const struct tlp_hdr *h, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
