/* sgpu host<->firmware protocol (firmware side). Generated from protocol/sgpu_protocol.json by protocol/protocol.py: do not edit. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_FW_PROTOCOL_H
#define SGPU_FW_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

/* How the host (libsgpu, playing the Windows KMD) and the firmware on the control core (playing the GPU scheduler) talk, and what the engines decode from a context's ring. All of it lives in host memory and is little-endian. Control operations mirror the d3dkmddi DDIs and event types use the DXGK_INTERRUPT_TYPE numbers, as sgpu's scheduling contract requires ([hwsched N] below names its section N). The host writes 64-byte frames into the control ring, publishes head and rings the control doorbell; the firmware executes them in order, writes each frame's completion record and advances tail. The firmware posts 32-byte records into the event ring, publishes head and sends an MSI. Times are in 100 ns units, as in the DDIs. */

/* Protocol version. The firmware completes any frame whose header carries another major with BAD_VERSION; the host reads the firmware's version with QUERY_STATUS and refuses a firmware with another major. A minor step only adds (new opcodes, event types, fields in reserved bytes); the header, the completion fence, the completion record and the first word of the status block never move, whatever the major. */
#define SGPU_PROTO_VERSION_MAJOR 1u
#define SGPU_PROTO_VERSION_MINOR 3u

/* Size of every control frame. */
#define SGPU_PROTO_CTRL_FRAME_BYTES 0x40u
/* Size of every event record. */
#define SGPU_PROTO_EVENT_BYTES 0x20u
/* Context id meaning 'no context' in an event. */
#define SGPU_PROTO_CONTEXT_NONE 0xFFFFFFFFu
/* Size of a context's save area in host memory (64-byte aligned): where an engine keeps the context's state while it is suspended. */
#define SGPU_PROTO_SAVE_AREA_BYTES 0x1000u
/* Smallest context ring; a ring is a power of two bytes, aligned to its size. */
#define SGPU_PROTO_RING_MIN_BYTES 0x100u
/* Largest context ring (16 MiB). */
#define SGPU_PROTO_RING_MAX_BYTES 0x1000000u
/* Longest context command, header included. */
#define SGPU_PROTO_CMD_MAX_DWORDS 0xFFu
/* Byte offset in the device's STATS block (docs/registers.md) of context 0's STATS_CTX record; context i's is at STATS_CTX_OFFSET + i * STATS_RECORD_BYTES. */
#define SGPU_PROTO_STATS_CTX_OFFSET 0x0u
/* Byte offset in the STATS block of engine 0's STATS_ENG record; engine e's is at STATS_ENG_OFFSET + e * STATS_RECORD_BYTES. */
#define SGPU_PROTO_STATS_ENG_OFFSET 0x200u
/* Byte offset in the STATS block of the STATS_HEADER record. */
#define SGPU_PROTO_STATS_HEADER_OFFSET 0x3E0u
/* Size of every STATS record. */
#define SGPU_PROTO_STATS_RECORD_BYTES 0x20u
/* STATS_HEADER.magic ('SGST' in memory order) once the firmware keeps the STATS block. */
#define SGPU_PROTO_STATS_MAGIC 0x54534753u
/* STATS_HEADER.layout: this layout of the STATS records. */
#define SGPU_PROTO_STATS_LAYOUT 0x1u
/* The firmware refreshes a running context's STATS_CTX and its engine's STATS_ENG about this often (device cycles) while the context runs, besides at every state change: at its first loop pass this long after the last refresh (its heartbeat makes one at least every HEARTBEAT_CYCLES / 2). */
#define SGPU_PROTO_STATS_REFRESH_CYCLES 0x10000u

/* Control frame opcodes (header.opcode). 0 is never valid, so that a zeroed frame is refused. */
enum sgpu_ctrl_op {
    SGPU_CTRL_OP_NOP = 1, /* Do nothing but complete: a round trip to the firmware. */
    SGPU_CTRL_OP_CREATE_CONTEXT = 2, /* Register a hardware context; it starts resumed [hwsched 1]. */
    SGPU_CTRL_OP_DESTROY_CONTEXT = 3, /* Forget a context; a running one is preempted first. Its id may be reused after completion. */
    SGPU_CTRL_OP_SUSPEND_CONTEXT = 4, /* DxgkDdiSuspendContext: OK if already suspended, else PENDING and the suspend fence plus SUSPEND_CONTEXT_COMPLETED follow [hwsched 2]. */
    SGPU_CTRL_OP_RESUME_CONTEXT = 5, /* DxgkDdiResumeContext: schedulable again; queued work runs in order. */
    SGPU_CTRL_OP_RESET_ENGINE = 6, /* DxgkDdiResetHwEngine: reset one engine, post CONTEXT_RESET for each context it hurt; the engine then stays stopped [hwsched 4]. BAD_STATE (nothing done) while the engine is reset and not resumed (protocol 1.3). */
    SGPU_CTRL_OP_RESUME_ENGINE = 7, /* DxgkDdiResumeHwEngine: start scheduling the engine's runnable, valid contexts again. */
    SGPU_CTRL_OP_SET_CONTEXT_PROPERTIES = 8, /* DxgkDdiSetContextSchedulingProperties; applies at the band's next scheduling iteration. */
    SGPU_CTRL_OP_SET_PRIORITY_BANDS = 9, /* DxgkDdiSetupPriorityBands, one band per frame; applies from the next scheduling decision. */
    SGPU_CTRL_OP_SET_LOG_BUFFER = 10, /* DxgkDdiSetSchedulingLogBuffer for one engine; the old buffer is never written again [hwsched 5]. */
    SGPU_CTRL_OP_QUERY_STATUS = 11, /* Write a STATUS block: firmware version, engines, counters. Answered whatever the header's major. */
};

/* Completion status of a control frame (COMPLETION.status). */
enum sgpu_ctrl_status {
    SGPU_CTRL_STATUS_OK = 0, /* Done. */
    SGPU_CTRL_STATUS_PENDING = 1, /* Accepted; the outcome follows asynchronously (SUSPEND_CONTEXT: suspend fence and event 17). */
    SGPU_CTRL_STATUS_BAD_VERSION = 2, /* header.version is not the firmware's major: nothing was done. */
    SGPU_CTRL_STATUS_BAD_OPCODE = 3, /* Unknown opcode. */
    SGPU_CTRL_STATUS_BAD_FRAME = 4, /* header.size is not CTRL_FRAME_BYTES, or a reserved byte or flag is not zero. */
    SGPU_CTRL_STATUS_BAD_CONTEXT = 5, /* No such context id (out of range or not created). */
    SGPU_CTRL_STATUS_CONTEXT_EXISTS = 6, /* CREATE_CONTEXT with an id already in use. */
    SGPU_CTRL_STATUS_BAD_ENGINE = 7, /* No such node/engine. */
    SGPU_CTRL_STATUS_BAD_ARGUMENT = 8, /* A value out of range or misaligned (ring size, addresses, band, priorities). */
    SGPU_CTRL_STATUS_BAD_STATE = 9, /* Not allowed in the current state (resume of an engine not reset, a second reset of an engine not resumed, resume of a context in error). */
    SGPU_CTRL_STATUS_NO_RESOURCES = 10, /* No free hardware context or firmware memory. */
    SGPU_CTRL_STATUS_RESET_FAILED = 11, /* The engine did not come out of reset: the host resets the adapter. */
};

/* Event record types: DXGK_INTERRUPT_TYPE numbers where Windows has one [hwsched 6], sgpu's own from 0x100. */
enum sgpu_event {
    SGPU_EVENT_MONITORED_FENCE_SIGNALED = 11, /* A FENCE command with IRQ wrote its fence: context, value = fence value, aux = fence address. IRQ fences that an engine passes before the firmware takes the first are folded into one event carrying the latest (as interrupts coalesce): the host re-reads its fences on each event, never counts events. */
    SGPU_EVENT_HWQUEUE_PAGE_FAULTED = 12, /* A command or kernel accessed an address outside host memory or VRAM: context, value = progress-fence value of the faulting command, aux = faulting address; FENCE_INVALID with a RESET_REQUIRED flag when the command is unknown. CONTEXT_ERROR follows. */
    SGPU_EVENT_SCHEDULING_LOG_INTERRUPT = 15, /* The log entry InterruptEntry was written: node, engine, value = that entry's index. */
    SGPU_EVENT_GPU_ENGINE_TIMEOUT = 16, /* An engine did not preempt or a submission ran past its limit: node, engine, context = the one running (or CONTEXT_NONE). */
    SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED = 17, /* A suspend completed: context, value = its suspend fence value (the one of that request, never a newer), aux = the device cycle (CP.CYCLES) at which that fence write had reached the link: with CP.CTRL_DB_CYCLE it measures suspend latency. */
    SGPU_EVENT_CONTEXT_RESET = 256, /* An engine reset invalidated the context (InvalidateHwContext): context, node, engine, flags.COLLATERAL_DAMAGE 0 for the culprit and 1 for an innocent, value = its last progress-fence value. */
    SGPU_EVENT_CONTEXT_ERROR = 257, /* The context is in error and never runs again: context, reason = a CMD_ERROR, value = byte offset in the ring of the offending command, aux = its header DW, or the faulting address (the PC for an illegal instruction) for BAD_ADDRESS, DMA_ERROR and kernel faults. */
};

/* Compute preemption granularity, with the values of WDDM's D3DKMDT_COMPUTE_PREEMPTION_GRANULARITY, coarse to fine. */
enum sgpu_preemption {
    SGPU_PREEMPTION_NONE = 100, /* No preemption. */
    SGPU_PREEMPTION_DMA_BUFFER_BOUNDARY = 200, /* Between submissions. */
    SGPU_PREEMPTION_DISPATCH_BOUNDARY = 300, /* Between commands. */
    SGPU_PREEMPTION_THREAD_GROUP_BOUNDARY = 400, /* Between workgroups of a DISPATCH. */
    SGPU_PREEMPTION_THREAD_BOUNDARY = 500, /* Between work items. */
    SGPU_PREEMPTION_SHADER_BOUNDARY = 600, /* At an instruction boundary inside a work item (DXGI: INSTRUCTION_BOUNDARY). */
};

/* Nodes [hwsched 1]: one per engine class, each with engine ordinal 0 today. */
enum sgpu_node {
    SGPU_NODE_COPY = 0, /* Engine 0: copies and fills, host and VRAM. */
    SGPU_NODE_COMPUTE = 1, /* Engine 1: kernels on the shader cores. */
};

/* Priority bands [hwsched 3]. */
enum sgpu_band {
    SGPU_BAND_IDLE = 0, /* Runs only when nothing else is ready. */
    SGPU_BAND_NORMAL = 1, /* Default band. */
    SGPU_BAND_FOCUS = 2, /* The foreground process. */
    SGPU_BAND_REALTIME = 3, /* Preempts lower bands at once. */
};

/* Why a context went into error (EVENT_RECORD.reason of CONTEXT_ERROR). Engines report these codes to the firmware. */
enum sgpu_cmd_error {
    SGPU_CMD_ERROR_NONE = 0, /* No error. */
    SGPU_CMD_ERROR_UNKNOWN_OPCODE = 1, /* The header's opcode is not a command (0 included: zeroed memory is not a NOP). */
    SGPU_CMD_ERROR_BAD_LENGTH = 2, /* The header's length is not the command's length. */
    SGPU_CMD_ERROR_MISALIGNED = 3, /* An address or length is not aligned as the command requires. */
    SGPU_CMD_ERROR_RESERVED_BITS = 4, /* A reserved header bit or an undefined flag is set. */
    SGPU_CMD_ERROR_BAD_ADDRESS = 5, /* An address, or the range a COPY, FILL or kernel access covers, lies outside VRAM (or host memory). */
    SGPU_CMD_ERROR_TOO_LONG = 6, /* A COPY or FILL of 0 bytes, or of more than 16 MiB - 8. */
    SGPU_CMD_ERROR_CROSSES_RING_END = 7, /* A command runs past the end of the ring (pad with NOP, or WRAP). */
    SGPU_CMD_ERROR_KERNEL_ILLEGAL_INSTRUCTION = 8, /* A kernel executed an illegal instruction. */
    SGPU_CMD_ERROR_KERNEL_BAD_ACCESS = 9, /* A kernel accessed memory out of range. */
    SGPU_CMD_ERROR_DMA_ERROR = 10, /* The link reported an error for a DMA (unsupported request, completion timeout). */
    SGPU_CMD_ERROR_BAD_DISPATCH = 11, /* A DISPATCH with a zero grid dimension, a workgroup size of 0, or more than 2^32 - 1 work items in all. */
};

/* Scheduling log entry operations [hwsched 5]. */
enum sgpu_log_op {
    SGPU_LOG_OP_CONTEXT_STATE_CHANGE = 0, /* A context changed state. */
};

/* Context states in the scheduling log [hwsched 5]. */
enum sgpu_ctx_state {
    SGPU_CTX_STATE_IDLE = 0, /* No pending work. */
    SGPU_CTX_STATE_RUNNING = 1, /* Executing on its engine. */
    SGPU_CTX_STATE_READY = 2, /* Pending work, not executing. */
    SGPU_CTX_STATE_READY_STANDBY = 3, /* Told it is next. */
};

/* A context's state in its STATS_CTX record: the firmware scheduler's own states. */
enum sgpu_stats_state {
    SGPU_STATS_STATE_FREE = 0, /* Not created (or destroyed): state FREE and every counter 0. */
    SGPU_STATS_STATE_IDLE = 1, /* Nothing to run: its ring is empty. */
    SGPU_STATS_STATE_READY = 2, /* Work to run, waiting for its engine. */
    SGPU_STATS_STATE_RUNNING = 3, /* On its engine. */
    SGPU_STATS_STATE_WAITING = 4, /* Blocked in a WAIT that is not satisfied yet. */
    SGPU_STATS_STATE_SUSPENDED = 5, /* Suspended by the host: nothing runs until RESUME_CONTEXT. */
    SGPU_STATS_STATE_ERROR = 6, /* A command failed or an engine reset invalidated it: it never runs again. */
};

/* CREATE_CONTEXT flags. */
/* Submissions may run longer than TdrDelay (2 s) without counting as a hang. */
#define SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT (1u << 0)
#define SGPU_CTX_FLAG_ALL 0x1u

/* RING_DESC flags (protocol 1.2; DESC_KEPT 1.3). */
/* Control ring: each CTRL_DOORBELL write carries the head just published, and the host writes CTRL_DESC whenever it sets the ring up (anew, even at the same address). The firmware then takes the head from CP.CTRL_HEAD and reads the descriptor whole only when CP.CTRL_PENDING.DESC is set: one host read less per batch of frames. */
#define SGPU_RING_FLAG_HEAD_IN_DOORBELL (1u << 0)
/* Event ring (protocol 1.3): the host writes EVENT_DESC whenever it sets the ring up (anew, even at the same address), never changes base, entries, entry_bytes or msi_vector of a ring in use, and only moves tail forward. The firmware then keeps the descriptor, reads it whole again only when CP.CTRL_PENDING.EVENT_DESC is set, and reads tail only when the ring looks full by the tail it last read: no host read per event. */
#define SGPU_RING_FLAG_DESC_KEPT (1u << 1)
#define SGPU_RING_FLAG_ALL 0x3u

/* RESET_ENGINE flags. */
/* guilty_ctx_id names the context that caused the hang. */
#define SGPU_RESET_FLAG_GUILTY (1u << 0)
#define SGPU_RESET_FLAG_ALL 0x1u

/* Event record flags. */
/* CONTEXT_RESET: this context did not cause the hang but was hurt by the reset. */
#define SGPU_EVENT_FLAG_COLLATERAL_DAMAGE (1u << 0)
/* HWQUEUE_PAGE_FAULTED: the faulting command is unknown; value means nothing. */
#define SGPU_EVENT_FLAG_FENCE_INVALID (1u << 1)
/* The engine must be reset to recover. */
#define SGPU_EVENT_FLAG_ENGINE_RESET_REQUIRED (1u << 2)
/* The adapter must be reset to recover. */
#define SGPU_EVENT_FLAG_ADAPTER_RESET_REQUIRED (1u << 3)
/* The event ring was full and events before this one were dropped (STATUS.events_lost counts them); fences were still written, so the host re-reads its fences. */
#define SGPU_EVENT_FLAG_EVENTS_LOST (1u << 4)
#define SGPU_EVENT_FLAG_ALL 0x1Fu

/* First 24 bytes of every control frame: the same in every major version. */
struct sgpu_ctrl_hdr {
    uint8_t opcode; /* What to do. (enum sgpu_ctrl_op) */
    uint8_t version; /* Protocol major of the host that wrote the frame. */
    uint8_t size; /* Frame size in bytes: CTRL_FRAME_BYTES. */
    uint8_t rsvd3[1]; /* reserved: must be 0 */
    uint32_t seq; /* Host's sequence number, echoed in the completion record. */
    uint64_t fence_addr; /* Host address of this frame's COMPLETION record (8-byte aligned); 0 for none. */
    uint64_t fence_value; /* Value written to COMPLETION.value once the frame is done. */
};
_Static_assert(sizeof(struct sgpu_ctrl_hdr) == 24, "sgpu_ctrl_hdr size");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, opcode) == 0, "sgpu_ctrl_hdr.opcode");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, version) == 1, "sgpu_ctrl_hdr.version");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, size) == 2, "sgpu_ctrl_hdr.size");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, rsvd3) == 3, "sgpu_ctrl_hdr.rsvd3");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, seq) == 4, "sgpu_ctrl_hdr.seq");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, fence_addr) == 8, "sgpu_ctrl_hdr.fence_addr");
_Static_assert(offsetof(struct sgpu_ctrl_hdr, fence_value) == 16, "sgpu_ctrl_hdr.fence_value");

/* NOP frame. */
struct sgpu_ctrl_nop {
    struct sgpu_ctrl_hdr hdr;
    uint8_t rsvd24[40]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_nop) == 64, "sgpu_ctrl_nop size");
_Static_assert(offsetof(struct sgpu_ctrl_nop, hdr) == 0, "sgpu_ctrl_nop.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_nop, rsvd24) == 24, "sgpu_ctrl_nop.rsvd24");

/* CREATE_CONTEXT frame. */
struct sgpu_ctrl_create_context {
    struct sgpu_ctrl_hdr hdr;
    uint32_t ctx_id; /* Context id, 0 .. CP.CTX_COUNT - 1: its per-context registers and doorbell. */
    uint8_t node; /* Node the context runs on. (enum sgpu_node) */
    uint8_t engine; /* Engine ordinal in the node (0). */
    uint8_t band; /* Initial priority band. (enum sgpu_band) */
    uint8_t flags; /* Context flags. (SGPU_CTX_FLAG_*) */
    uint64_t ring_addr; /* Host address of the command ring, aligned to ring_bytes. */
    uint32_t ring_bytes; /* Ring size: a power of two, RING_MIN_BYTES .. RING_MAX_BYTES. */
    uint8_t rsvd44[4]; /* reserved: must be 0 */
    uint64_t progress_fence_addr; /* Host address (8-byte aligned) of the 64-bit progress fence the engine writes. */
    uint64_t save_area_addr; /* Host address of the SAVE_AREA_BYTES save area (64-byte aligned). */
};
_Static_assert(sizeof(struct sgpu_ctrl_create_context) == 64, "sgpu_ctrl_create_context size");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, hdr) == 0, "sgpu_ctrl_create_context.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, ctx_id) == 24, "sgpu_ctrl_create_context.ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, node) == 28, "sgpu_ctrl_create_context.node");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, engine) == 29, "sgpu_ctrl_create_context.engine");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, band) == 30, "sgpu_ctrl_create_context.band");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, flags) == 31, "sgpu_ctrl_create_context.flags");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, ring_addr) == 32, "sgpu_ctrl_create_context.ring_addr");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, ring_bytes) == 40, "sgpu_ctrl_create_context.ring_bytes");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, rsvd44) == 44, "sgpu_ctrl_create_context.rsvd44");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, progress_fence_addr) == 48, "sgpu_ctrl_create_context.progress_fence_addr");
_Static_assert(offsetof(struct sgpu_ctrl_create_context, save_area_addr) == 56, "sgpu_ctrl_create_context.save_area_addr");

/* DESTROY_CONTEXT frame. */
struct sgpu_ctrl_destroy_context {
    struct sgpu_ctrl_hdr hdr;
    uint32_t ctx_id; /* Context to destroy. */
    uint8_t rsvd28[36]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_destroy_context) == 64, "sgpu_ctrl_destroy_context size");
_Static_assert(offsetof(struct sgpu_ctrl_destroy_context, hdr) == 0, "sgpu_ctrl_destroy_context.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_destroy_context, ctx_id) == 24, "sgpu_ctrl_destroy_context.ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_destroy_context, rsvd28) == 28, "sgpu_ctrl_destroy_context.rsvd28");

/* SUSPEND_CONTEXT frame. */
struct sgpu_ctrl_suspend_context {
    struct sgpu_ctrl_hdr hdr;
    uint32_t ctx_id; /* Context to suspend. */
    uint8_t rsvd28[4]; /* reserved: must be 0 */
    uint64_t suspend_fence_addr; /* Host address (8-byte aligned) of the context's suspend fence. */
    uint64_t suspend_fence_value; /* Value written there once suspended; increases with each suspend of the context. */
    uint8_t rsvd48[16]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_suspend_context) == 64, "sgpu_ctrl_suspend_context size");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, hdr) == 0, "sgpu_ctrl_suspend_context.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, ctx_id) == 24, "sgpu_ctrl_suspend_context.ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, rsvd28) == 28, "sgpu_ctrl_suspend_context.rsvd28");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, suspend_fence_addr) == 32, "sgpu_ctrl_suspend_context.suspend_fence_addr");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, suspend_fence_value) == 40, "sgpu_ctrl_suspend_context.suspend_fence_value");
_Static_assert(offsetof(struct sgpu_ctrl_suspend_context, rsvd48) == 48, "sgpu_ctrl_suspend_context.rsvd48");

/* RESUME_CONTEXT frame. */
struct sgpu_ctrl_resume_context {
    struct sgpu_ctrl_hdr hdr;
    uint32_t ctx_id; /* Context to resume. */
    uint8_t rsvd28[36]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_resume_context) == 64, "sgpu_ctrl_resume_context size");
_Static_assert(offsetof(struct sgpu_ctrl_resume_context, hdr) == 0, "sgpu_ctrl_resume_context.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_resume_context, ctx_id) == 24, "sgpu_ctrl_resume_context.ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_resume_context, rsvd28) == 28, "sgpu_ctrl_resume_context.rsvd28");

/* RESET_ENGINE frame. */
struct sgpu_ctrl_reset_engine {
    struct sgpu_ctrl_hdr hdr;
    uint8_t node; /* NodeOrdinal. (enum sgpu_node) */
    uint8_t engine; /* EngineOrdinal. */
    uint8_t flags; /* How to read the rest of the frame. (SGPU_RESET_FLAG_*) */
    uint8_t rsvd27[1]; /* reserved: must be 0 */
    uint32_t guilty_ctx_id; /* With flags.GUILTY: the context the host blames for the hang (its TDR saw its submission overrun or its suspend go unacknowledged). It must be a context of this engine (else BAD_CONTEXT, nothing done); it is invalidated with CollateralDamage 0 even when it is not on the engine, and a different context running there with CollateralDamage 1. Without GUILTY (must then be 0): the context running on the engine is the culprit. */
    uint8_t rsvd32[32]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_reset_engine) == 64, "sgpu_ctrl_reset_engine size");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, hdr) == 0, "sgpu_ctrl_reset_engine.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, node) == 24, "sgpu_ctrl_reset_engine.node");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, engine) == 25, "sgpu_ctrl_reset_engine.engine");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, flags) == 26, "sgpu_ctrl_reset_engine.flags");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, rsvd27) == 27, "sgpu_ctrl_reset_engine.rsvd27");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, guilty_ctx_id) == 28, "sgpu_ctrl_reset_engine.guilty_ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_reset_engine, rsvd32) == 32, "sgpu_ctrl_reset_engine.rsvd32");

/* RESUME_ENGINE frame. */
struct sgpu_ctrl_resume_engine {
    struct sgpu_ctrl_hdr hdr;
    uint8_t node; /* NodeOrdinal. (enum sgpu_node) */
    uint8_t engine; /* EngineOrdinal. */
    uint8_t rsvd26[38]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_resume_engine) == 64, "sgpu_ctrl_resume_engine size");
_Static_assert(offsetof(struct sgpu_ctrl_resume_engine, hdr) == 0, "sgpu_ctrl_resume_engine.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_resume_engine, node) == 24, "sgpu_ctrl_resume_engine.node");
_Static_assert(offsetof(struct sgpu_ctrl_resume_engine, engine) == 25, "sgpu_ctrl_resume_engine.engine");
_Static_assert(offsetof(struct sgpu_ctrl_resume_engine, rsvd26) == 26, "sgpu_ctrl_resume_engine.rsvd26");

/* SET_CONTEXT_PROPERTIES frame. */
struct sgpu_ctrl_set_context_properties {
    struct sgpu_ctrl_hdr hdr;
    uint32_t ctx_id; /* Context. */
    uint8_t band; /* priorityBand. (enum sgpu_band) */
    uint8_t realtime_level; /* realtimeBandPriorityLevel, 0..31 (REALTIME only). */
    int8_t in_process_priority; /* inProcessPriority, -7..+7. */
    uint8_t rsvd31[1]; /* reserved: must be 0 */
    uint32_t quantum; /* Time slice (100 ns units). */
    uint32_t grace_same; /* gracePeriodSamePriority (100 ns units). */
    uint32_t grace_lower; /* gracePeriodLowerPriority (100 ns units). */
    uint8_t rsvd44[20]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_set_context_properties) == 64, "sgpu_ctrl_set_context_properties size");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, hdr) == 0, "sgpu_ctrl_set_context_properties.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, ctx_id) == 24, "sgpu_ctrl_set_context_properties.ctx_id");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, band) == 28, "sgpu_ctrl_set_context_properties.band");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, realtime_level) == 29, "sgpu_ctrl_set_context_properties.realtime_level");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, in_process_priority) == 30, "sgpu_ctrl_set_context_properties.in_process_priority");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, rsvd31) == 31, "sgpu_ctrl_set_context_properties.rsvd31");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, quantum) == 32, "sgpu_ctrl_set_context_properties.quantum");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, grace_same) == 36, "sgpu_ctrl_set_context_properties.grace_same");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, grace_lower) == 40, "sgpu_ctrl_set_context_properties.grace_lower");
_Static_assert(offsetof(struct sgpu_ctrl_set_context_properties, rsvd44) == 44, "sgpu_ctrl_set_context_properties.rsvd44");

/* SET_PRIORITY_BANDS frame: one band per frame. */
struct sgpu_ctrl_set_priority_bands {
    struct sgpu_ctrl_hdr hdr;
    uint8_t band; /* The band these values are for. (enum sgpu_band) */
    uint8_t target_normal_pct; /* targetNormalBandPercentage, 0..50 (adapter-wide; read only when band is NORMAL). */
    uint8_t rsvd26[2]; /* reserved: must be 0 */
    uint32_t grace_for_band; /* gracePeriodForBand: when this band preempts a lower one (100 ns units; ignored for IDLE). */
    uint32_t process_quantum; /* processQuantumForBand (100 ns units). */
    uint32_t process_grace; /* processGracePeriodForBand (100 ns units). */
    uint8_t rsvd40[24]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_set_priority_bands) == 64, "sgpu_ctrl_set_priority_bands size");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, hdr) == 0, "sgpu_ctrl_set_priority_bands.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, band) == 24, "sgpu_ctrl_set_priority_bands.band");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, target_normal_pct) == 25, "sgpu_ctrl_set_priority_bands.target_normal_pct");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, rsvd26) == 26, "sgpu_ctrl_set_priority_bands.rsvd26");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, grace_for_band) == 28, "sgpu_ctrl_set_priority_bands.grace_for_band");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, process_quantum) == 32, "sgpu_ctrl_set_priority_bands.process_quantum");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, process_grace) == 36, "sgpu_ctrl_set_priority_bands.process_grace");
_Static_assert(offsetof(struct sgpu_ctrl_set_priority_bands, rsvd40) == 40, "sgpu_ctrl_set_priority_bands.rsvd40");

/* SET_LOG_BUFFER frame. */
struct sgpu_ctrl_set_log_buffer {
    struct sgpu_ctrl_hdr hdr;
    uint8_t node; /* NodeOrdinal. (enum sgpu_node) */
    uint8_t engine; /* EngineOrdinal. */
    uint8_t rsvd26[2]; /* reserved: must be 0 */
    uint32_t entries; /* NumberOfEntries in the buffer. */
    uint64_t buffer_addr; /* Host address of the LOG_HEADER and entries (32-byte aligned); 0 stops logging. */
    uint32_t interrupt_entry; /* Writing this entry index raises SCHEDULING_LOG_INTERRUPT. */
    uint8_t rsvd44[20]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_set_log_buffer) == 64, "sgpu_ctrl_set_log_buffer size");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, hdr) == 0, "sgpu_ctrl_set_log_buffer.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, node) == 24, "sgpu_ctrl_set_log_buffer.node");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, engine) == 25, "sgpu_ctrl_set_log_buffer.engine");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, rsvd26) == 26, "sgpu_ctrl_set_log_buffer.rsvd26");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, entries) == 28, "sgpu_ctrl_set_log_buffer.entries");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, buffer_addr) == 32, "sgpu_ctrl_set_log_buffer.buffer_addr");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, interrupt_entry) == 40, "sgpu_ctrl_set_log_buffer.interrupt_entry");
_Static_assert(offsetof(struct sgpu_ctrl_set_log_buffer, rsvd44) == 44, "sgpu_ctrl_set_log_buffer.rsvd44");

/* QUERY_STATUS frame. */
struct sgpu_ctrl_query_status {
    struct sgpu_ctrl_hdr hdr;
    uint64_t result_addr; /* Host address (8-byte aligned) the STATUS block is written to. */
    uint8_t rsvd32[32]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ctrl_query_status) == 64, "sgpu_ctrl_query_status size");
_Static_assert(offsetof(struct sgpu_ctrl_query_status, hdr) == 0, "sgpu_ctrl_query_status.hdr");
_Static_assert(offsetof(struct sgpu_ctrl_query_status, result_addr) == 24, "sgpu_ctrl_query_status.result_addr");
_Static_assert(offsetof(struct sgpu_ctrl_query_status, rsvd32) == 32, "sgpu_ctrl_query_status.rsvd32");

/* Where a frame's fence_addr points. The firmware writes status and seq, then value: once value is seen, status is valid. */
struct sgpu_completion {
    uint64_t value; /* The frame's fence_value. */
    uint32_t status; /* Outcome. (enum sgpu_ctrl_status) */
    uint32_t seq; /* The frame's header.seq. */
};
_Static_assert(sizeof(struct sgpu_completion) == 16, "sgpu_completion size");
_Static_assert(offsetof(struct sgpu_completion, value) == 0, "sgpu_completion.value");
_Static_assert(offsetof(struct sgpu_completion, status) == 8, "sgpu_completion.status");
_Static_assert(offsetof(struct sgpu_completion, seq) == 12, "sgpu_completion.seq");

/* QUERY_STATUS result. Engine masks have bit node * 8 + engine. */
struct sgpu_status {
    uint16_t version_major; /* Firmware's protocol major (the host refuses another). */
    uint16_t version_minor; /* Firmware's protocol minor. */
    uint32_t max_contexts; /* Hardware contexts (CP.CTX_COUNT). */
    uint32_t engines_present; /* Engines this build has. */
    uint32_t engines_running; /* Engines scheduling (clear from RESET_ENGINE to RESUME_ENGINE). */
    uint32_t engines_responsive; /* Engines making progress (QueryEngineStatus). */
    uint32_t contexts_live; /* Contexts created and not destroyed. */
    uint32_t contexts_in_error; /* Of those, contexts in error. */
    uint32_t frames_done; /* Control frames completed since boot. */
    uint32_t events_posted; /* Event records posted since boot. */
    uint32_t events_lost; /* Event records dropped because the event ring was full. */
    uint64_t uptime_cycles; /* Device cycles since reset. */
    uint16_t compute_preemption; /* The adapter's compute preemption granularity (D3DKMDT_PREEMPTION_CAPS.ComputePreemptionGranularity): the coarsest over the engines, from their ENG.CAPS.PREEMPTION. (enum sgpu_preemption) */
    uint8_t rsvd50[2]; /* reserved: must be 0 */
    uint32_t heartbeats; /* ID.HEARTBEAT when the block was written. */
    uint32_t copy_commands; /* Node 0's (COPY's) progress value (QueryEngineStatus): the commands it finished since it came out of reset, ENG.COMMANDS (wraps). 0 in a build without the engine. */
    uint32_t compute_commands; /* Node 1's (COMPUTE's) progress value, as copy_commands. */
};
_Static_assert(sizeof(struct sgpu_status) == 64, "sgpu_status size");
_Static_assert(offsetof(struct sgpu_status, version_major) == 0, "sgpu_status.version_major");
_Static_assert(offsetof(struct sgpu_status, version_minor) == 2, "sgpu_status.version_minor");
_Static_assert(offsetof(struct sgpu_status, max_contexts) == 4, "sgpu_status.max_contexts");
_Static_assert(offsetof(struct sgpu_status, engines_present) == 8, "sgpu_status.engines_present");
_Static_assert(offsetof(struct sgpu_status, engines_running) == 12, "sgpu_status.engines_running");
_Static_assert(offsetof(struct sgpu_status, engines_responsive) == 16, "sgpu_status.engines_responsive");
_Static_assert(offsetof(struct sgpu_status, contexts_live) == 20, "sgpu_status.contexts_live");
_Static_assert(offsetof(struct sgpu_status, contexts_in_error) == 24, "sgpu_status.contexts_in_error");
_Static_assert(offsetof(struct sgpu_status, frames_done) == 28, "sgpu_status.frames_done");
_Static_assert(offsetof(struct sgpu_status, events_posted) == 32, "sgpu_status.events_posted");
_Static_assert(offsetof(struct sgpu_status, events_lost) == 36, "sgpu_status.events_lost");
_Static_assert(offsetof(struct sgpu_status, uptime_cycles) == 40, "sgpu_status.uptime_cycles");
_Static_assert(offsetof(struct sgpu_status, compute_preemption) == 48, "sgpu_status.compute_preemption");
_Static_assert(offsetof(struct sgpu_status, rsvd50) == 50, "sgpu_status.rsvd50");
_Static_assert(offsetof(struct sgpu_status, heartbeats) == 52, "sgpu_status.heartbeats");
_Static_assert(offsetof(struct sgpu_status, copy_commands) == 56, "sgpu_status.copy_commands");
_Static_assert(offsetof(struct sgpu_status, compute_commands) == 60, "sgpu_status.compute_commands");

/* Descriptor of the control ring or the event ring, in host memory; its address reaches the firmware through the CP registers. Head counts entries ever produced and tail entries ever consumed, free-running modulo 2^32 (firmware/include/ring.h); an entry's slot is its count modulo entries. Control ring: the host writes head then rings the control doorbell, the firmware writes tail. Event ring: the firmware writes head after the records, then sends the MSI; the host writes tail. */
struct sgpu_ring_desc {
    uint64_t base; /* Host address of entry 0, 64-byte aligned. */
    uint32_t entries; /* Ring size in entries, a power of two. */
    uint16_t entry_bytes; /* CTRL_FRAME_BYTES or EVENT_BYTES: lets each side check the other's layout. */
    uint8_t msi_vector; /* Event ring: MSI vector raised after head moves. Control ring: 0. */
    uint8_t flags; /* How the ring is driven: HEAD_IN_DOORBELL for the control ring, DESC_KEPT for the event ring. (SGPU_RING_FLAG_*) */
    uint32_t head; /* Producer's count: written only by the producer. */
    uint8_t rsvd20[12]; /* reserved: must be 0 */
    uint32_t tail; /* Consumer's count: written only by the consumer (apart from head so the writes never share a 32-byte line). */
    uint8_t rsvd36[28]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_ring_desc) == 64, "sgpu_ring_desc size");
_Static_assert(offsetof(struct sgpu_ring_desc, base) == 0, "sgpu_ring_desc.base");
_Static_assert(offsetof(struct sgpu_ring_desc, entries) == 8, "sgpu_ring_desc.entries");
_Static_assert(offsetof(struct sgpu_ring_desc, entry_bytes) == 12, "sgpu_ring_desc.entry_bytes");
_Static_assert(offsetof(struct sgpu_ring_desc, msi_vector) == 14, "sgpu_ring_desc.msi_vector");
_Static_assert(offsetof(struct sgpu_ring_desc, flags) == 15, "sgpu_ring_desc.flags");
_Static_assert(offsetof(struct sgpu_ring_desc, head) == 16, "sgpu_ring_desc.head");
_Static_assert(offsetof(struct sgpu_ring_desc, rsvd20) == 20, "sgpu_ring_desc.rsvd20");
_Static_assert(offsetof(struct sgpu_ring_desc, tail) == 32, "sgpu_ring_desc.tail");
_Static_assert(offsetof(struct sgpu_ring_desc, rsvd36) == 36, "sgpu_ring_desc.rsvd36");

/* One event ring record. The meaning of context/value/aux depends on type (see EVENT). */
struct sgpu_event_record {
    uint16_t type; /* What happened. (enum sgpu_event) */
    uint16_t flags; /* Qualifiers. (SGPU_EVENT_FLAG_*) */
    uint32_t seq; /* Firmware's event count: consecutive, so the host sees a gap. */
    uint32_t ctx_id; /* Context concerned, or CONTEXT_NONE. */
    uint8_t node; /* Node concerned. (enum sgpu_node) */
    uint8_t engine; /* Engine ordinal concerned. */
    uint16_t reason; /* CONTEXT_ERROR: why; 0 otherwise. (enum sgpu_cmd_error) */
    uint64_t value; /* Fence value, ring offset or log index. */
    uint64_t aux; /* Address or command header. */
};
_Static_assert(sizeof(struct sgpu_event_record) == 32, "sgpu_event_record size");
_Static_assert(offsetof(struct sgpu_event_record, type) == 0, "sgpu_event_record.type");
_Static_assert(offsetof(struct sgpu_event_record, flags) == 2, "sgpu_event_record.flags");
_Static_assert(offsetof(struct sgpu_event_record, seq) == 4, "sgpu_event_record.seq");
_Static_assert(offsetof(struct sgpu_event_record, ctx_id) == 8, "sgpu_event_record.ctx_id");
_Static_assert(offsetof(struct sgpu_event_record, node) == 12, "sgpu_event_record.node");
_Static_assert(offsetof(struct sgpu_event_record, engine) == 13, "sgpu_event_record.engine");
_Static_assert(offsetof(struct sgpu_event_record, reason) == 14, "sgpu_event_record.reason");
_Static_assert(offsetof(struct sgpu_event_record, value) == 16, "sgpu_event_record.value");
_Static_assert(offsetof(struct sgpu_event_record, aux) == 24, "sgpu_event_record.aux");

/* Scheduling log buffer header [hwsched 5]; entries follow it. */
struct sgpu_log_header {
    uint32_t first_free; /* FirstFreeEntryIndex: written with wraparound_count as one 64-bit store, after the entry. */
    uint32_t wraparound_count; /* WraparoundCount: incremented when first_free wraps. */
    uint64_t entries; /* NumberOfEntries. */
    uint8_t rsvd16[16]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_log_header) == 32, "sgpu_log_header size");
_Static_assert(offsetof(struct sgpu_log_header, first_free) == 0, "sgpu_log_header.first_free");
_Static_assert(offsetof(struct sgpu_log_header, wraparound_count) == 4, "sgpu_log_header.wraparound_count");
_Static_assert(offsetof(struct sgpu_log_header, entries) == 8, "sgpu_log_header.entries");
_Static_assert(offsetof(struct sgpu_log_header, rsvd16) == 16, "sgpu_log_header.rsvd16");

/* Scheduling log entry [hwsched 5]. */
struct sgpu_log_entry {
    uint64_t timestamp; /* GpuTimeStamp: device cycles. */
    uint32_t operation; /* OperationType. (enum sgpu_log_op) */
    uint8_t rsvd12[4]; /* reserved: must be 0 */
    uint64_t context; /* hKmdContext: the context id. */
    uint64_t new_state; /* newContextState. (enum sgpu_ctx_state) */
};
_Static_assert(sizeof(struct sgpu_log_entry) == 32, "sgpu_log_entry size");
_Static_assert(offsetof(struct sgpu_log_entry, timestamp) == 0, "sgpu_log_entry.timestamp");
_Static_assert(offsetof(struct sgpu_log_entry, operation) == 8, "sgpu_log_entry.operation");
_Static_assert(offsetof(struct sgpu_log_entry, rsvd12) == 12, "sgpu_log_entry.rsvd12");
_Static_assert(offsetof(struct sgpu_log_entry, context) == 16, "sgpu_log_entry.context");
_Static_assert(offsetof(struct sgpu_log_entry, new_state) == 24, "sgpu_log_entry.new_state");

/* One context's activity in the device's STATS block, written by the firmware at each of the context's state changes and every STATS_REFRESH_CYCLES while it runs, read by any host program through BAR0 without owning the device. Counters start at 0 when the context is created; a destroyed context's record has state FREE and every counter 0 (seq goes on). A reader re-reads until seq is even and the same before and after the other words. */
struct sgpu_stats_ctx {
    uint32_t seq; /* Incremented before and after each update: odd while the firmware writes the record. */
    uint8_t state; /* The context's state. (enum sgpu_stats_state) */
    uint8_t engine; /* The engine (node) it runs on. (enum sgpu_node) */
    uint8_t band; /* Its priority band. (enum sgpu_band) */
    uint8_t rsvd7[1]; /* reserved: must be 0 */
    uint64_t busy_cycles; /* Engine cycles spent running it (ENG.BUSY_CYCLES while it was on the engine). */
    uint32_t commands; /* Commands of its ring the engine finished (ENG.COMMANDS while it was on the engine; wraps). */
    uint32_t submissions; /* Doorbells the firmware consumed for it (doorbells rung before the firmware looked count once; wraps). */
    uint32_t preemptions; /* Times the firmware stopped it on its engine before its work was done: suspends, quantum ends, a higher band (wraps). */
    uint32_t starts; /* Times it was put on its engine (wraps). */
};
_Static_assert(sizeof(struct sgpu_stats_ctx) == 32, "sgpu_stats_ctx size");
_Static_assert(offsetof(struct sgpu_stats_ctx, seq) == 0, "sgpu_stats_ctx.seq");
_Static_assert(offsetof(struct sgpu_stats_ctx, state) == 4, "sgpu_stats_ctx.state");
_Static_assert(offsetof(struct sgpu_stats_ctx, engine) == 5, "sgpu_stats_ctx.engine");
_Static_assert(offsetof(struct sgpu_stats_ctx, band) == 6, "sgpu_stats_ctx.band");
_Static_assert(offsetof(struct sgpu_stats_ctx, rsvd7) == 7, "sgpu_stats_ctx.rsvd7");
_Static_assert(offsetof(struct sgpu_stats_ctx, busy_cycles) == 8, "sgpu_stats_ctx.busy_cycles");
_Static_assert(offsetof(struct sgpu_stats_ctx, commands) == 16, "sgpu_stats_ctx.commands");
_Static_assert(offsetof(struct sgpu_stats_ctx, submissions) == 20, "sgpu_stats_ctx.submissions");
_Static_assert(offsetof(struct sgpu_stats_ctx, preemptions) == 24, "sgpu_stats_ctx.preemptions");
_Static_assert(offsetof(struct sgpu_stats_ctx, starts) == 28, "sgpu_stats_ctx.starts");

/* One engine's activity in the STATS block, written with the records of the contexts it runs. busy_cycles and commands accumulate across engine resets (the engine's own counters restart at 0). */
struct sgpu_stats_eng {
    uint32_t seq; /* As STATS_CTX.seq. */
    uint8_t current; /* The context on the engine, 0xFF when none. */
    uint8_t in_reset; /* 1 from RESET_ENGINE (or a wedged engine) until RESUME_ENGINE. */
    uint8_t rsvd6[2]; /* reserved: must be 0 */
    uint64_t busy_cycles; /* Engine cycles spent running any context since the firmware booted. */
    uint32_t commands; /* Commands the engine finished since the firmware booted (wraps). */
    uint8_t rsvd20[4]; /* reserved: must be 0 */
    uint64_t cycles; /* The device cycle (CP.CYCLES) at which the record was written: the time base for rates. */
};
_Static_assert(sizeof(struct sgpu_stats_eng) == 32, "sgpu_stats_eng size");
_Static_assert(offsetof(struct sgpu_stats_eng, seq) == 0, "sgpu_stats_eng.seq");
_Static_assert(offsetof(struct sgpu_stats_eng, current) == 4, "sgpu_stats_eng.current");
_Static_assert(offsetof(struct sgpu_stats_eng, in_reset) == 5, "sgpu_stats_eng.in_reset");
_Static_assert(offsetof(struct sgpu_stats_eng, rsvd6) == 6, "sgpu_stats_eng.rsvd6");
_Static_assert(offsetof(struct sgpu_stats_eng, busy_cycles) == 8, "sgpu_stats_eng.busy_cycles");
_Static_assert(offsetof(struct sgpu_stats_eng, commands) == 16, "sgpu_stats_eng.commands");
_Static_assert(offsetof(struct sgpu_stats_eng, rsvd20) == 20, "sgpu_stats_eng.rsvd20");
_Static_assert(offsetof(struct sgpu_stats_eng, cycles) == 24, "sgpu_stats_eng.cycles");

/* What the STATS block holds: written once by the firmware when it starts serving, after it cleared every record. */
struct sgpu_stats_header {
    uint32_t magic; /* STATS_MAGIC; anything else: the firmware keeps no statistics (an old firmware, or not started yet). */
    uint32_t layout; /* STATS_LAYOUT. */
    uint32_t contexts; /* STATS_CTX records kept (CP.CTX_COUNT). */
    uint32_t engines; /* STATS_ENG records kept. */
    uint64_t boot_cycle; /* CP.CYCLES when the firmware wrote the header: a new value means the firmware restarted and the counters began again. */
    uint8_t rsvd24[8]; /* reserved: must be 0 */
};
_Static_assert(sizeof(struct sgpu_stats_header) == 32, "sgpu_stats_header size");
_Static_assert(offsetof(struct sgpu_stats_header, magic) == 0, "sgpu_stats_header.magic");
_Static_assert(offsetof(struct sgpu_stats_header, layout) == 4, "sgpu_stats_header.layout");
_Static_assert(offsetof(struct sgpu_stats_header, contexts) == 8, "sgpu_stats_header.contexts");
_Static_assert(offsetof(struct sgpu_stats_header, engines) == 12, "sgpu_stats_header.engines");
_Static_assert(offsetof(struct sgpu_stats_header, boot_cycle) == 16, "sgpu_stats_header.boot_cycle");
_Static_assert(offsetof(struct sgpu_stats_header, rsvd24) == 24, "sgpu_stats_header.rsvd24");

/* Any control frame: switch on hdr.opcode. */
union sgpu_ctrl_frame {
    struct sgpu_ctrl_hdr hdr;
    struct sgpu_ctrl_nop nop;
    struct sgpu_ctrl_create_context create_context;
    struct sgpu_ctrl_destroy_context destroy_context;
    struct sgpu_ctrl_suspend_context suspend_context;
    struct sgpu_ctrl_resume_context resume_context;
    struct sgpu_ctrl_reset_engine reset_engine;
    struct sgpu_ctrl_resume_engine resume_engine;
    struct sgpu_ctrl_set_context_properties set_context_properties;
    struct sgpu_ctrl_set_priority_bands set_priority_bands;
    struct sgpu_ctrl_set_log_buffer set_log_buffer;
    struct sgpu_ctrl_query_status query_status;
    uint8_t bytes[SGPU_PROTO_CTRL_FRAME_BYTES];
};
_Static_assert(sizeof(union sgpu_ctrl_frame) == SGPU_PROTO_CTRL_FRAME_BYTES, "frame size");

/* Context commands. A context's ring holds commands of whole DWs (32-bit, little-endian): a header DW then operands; 64-bit operands are two DWs, low first. The engine fetches from the ring's read offset up to the tail the doorbell gave, executes in order and writes the progress fence. An invalid command (unknown opcode, length not the command's, reserved bits or undefined flags set, misaligned address or length, bad address) puts the context in error: the engine stops it and the firmware posts CONTEXT_ERROR with the command's ring offset and a CMD_ERROR; other contexts carry on. A command may not run past the ring's end: pad with NOPs or WRAP. */

/* Command opcode. */
#define SGPU_CMD_HDR_OPCODE_SHIFT 0u
#define SGPU_CMD_HDR_OPCODE_MASK 0x000000FFu
/* Command length in DWs, header included. */
#define SGPU_CMD_HDR_LENGTH_SHIFT 8u
#define SGPU_CMD_HDR_LENGTH_MASK 0x0000FF00u
/* Per-command flags; undefined ones must be 0. */
#define SGPU_CMD_HDR_FLAGS_SHIFT 16u
#define SGPU_CMD_HDR_FLAGS_MASK 0x00FF0000u
/* Reserved: must be 0. */
#define SGPU_CMD_HDR_RSVD_SHIFT 24u
#define SGPU_CMD_HDR_RSVD_MASK 0xFF000000u
/* A command header DW from its fields. */
#define SGPU_CMD_HEADER(op, len, flags) \
    ((((uint32_t)(op) << 0) & SGPU_CMD_HDR_OPCODE_MASK) | \
     (((uint32_t)(len) << 8) & SGPU_CMD_HDR_LENGTH_MASK) | \
     (((uint32_t)(flags) << 16) & SGPU_CMD_HDR_FLAGS_MASK))

enum sgpu_cmd_op {
    SGPU_CMD_OP_NOP = 1, /* Does nothing; LENGTH 1..255 so that it also pads (its operand DWs are skipped). */
    SGPU_CMD_OP_FENCE = 2, /* Write a 64-bit value once every earlier command is done. */
    SGPU_CMD_OP_WAIT = 3, /* Block until the 64-bit value at addr is >= value (unsigned); a waiting context yields its engine. */
    SGPU_CMD_OP_COPY = 4, /* Copy bytes between host memory and VRAM, either way or within one. */
    SGPU_CMD_OP_FILL = 5, /* Fill memory with a repeated 32-bit pattern. */
    SGPU_CMD_OP_TIMESTAMP = 6, /* Write the 64-bit device cycle counter once every earlier command is done. */
    SGPU_CMD_OP_DISPATCH = 7, /* Run a kernel over a grid of workgroups on the shader cores (compute engine only: UNKNOWN_OPCODE on copy). Addresses are shader (VRAM) addresses. */
    SGPU_CMD_OP_WRAP = 8, /* Continue at ring offset 0; the rest of the ring is skipped. */
};

/* NOP: Does nothing; LENGTH 1..255 so that it also pads (its operand DWs are skipped). */
#define SGPU_CMD_NOP_DWORDS 1u
#define SGPU_CMD_NOP_MAX_DWORDS 255u
#define SGPU_CMD_NOP_FLAGS_ALL 0x0u
struct sgpu_cmd_nop {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
};
_Static_assert(sizeof(struct sgpu_cmd_nop) == 1 * 4, "sgpu_cmd_nop size");

/* FENCE: Write a 64-bit value once every earlier command is done. */
#define SGPU_CMD_FENCE_DWORDS 5u
/* Then raise MONITORED_FENCE_SIGNALED. */
#define SGPU_CMD_FENCE_FLAG_IRQ (1u << 0)
/* addr is in VRAM, not host memory. */
#define SGPU_CMD_FENCE_FLAG_VRAM (1u << 1)
#define SGPU_CMD_FENCE_FLAGS_ALL 0x3u
#define SGPU_CMD_FENCE_ADDR_DW 1u
#define SGPU_CMD_FENCE_ADDR_ALIGN 8u
#define SGPU_CMD_FENCE_VALUE_DW 3u
struct sgpu_cmd_fence {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t addr_lo; /* Fence address. Bits 31:0. */
    uint32_t addr_hi; /* bits 63:32 */
    uint32_t value_lo; /* Value written. Bits 31:0. */
    uint32_t value_hi; /* bits 63:32 */
};
_Static_assert(sizeof(struct sgpu_cmd_fence) == 5 * 4, "sgpu_cmd_fence size");
_Static_assert(offsetof(struct sgpu_cmd_fence, addr_lo) == 1 * 4, "sgpu_cmd_fence.addr_lo");
_Static_assert(offsetof(struct sgpu_cmd_fence, addr_hi) == 2 * 4, "sgpu_cmd_fence.addr_hi");
_Static_assert(offsetof(struct sgpu_cmd_fence, value_lo) == 3 * 4, "sgpu_cmd_fence.value_lo");
_Static_assert(offsetof(struct sgpu_cmd_fence, value_hi) == 4 * 4, "sgpu_cmd_fence.value_hi");

/* WAIT: Block until the 64-bit value at addr is >= value (unsigned); a waiting context yields its engine. */
#define SGPU_CMD_WAIT_DWORDS 5u
/* addr is in VRAM, not host memory. */
#define SGPU_CMD_WAIT_FLAG_VRAM (1u << 1)
#define SGPU_CMD_WAIT_FLAGS_ALL 0x2u
#define SGPU_CMD_WAIT_ADDR_DW 1u
#define SGPU_CMD_WAIT_ADDR_ALIGN 8u
#define SGPU_CMD_WAIT_VALUE_DW 3u
struct sgpu_cmd_wait {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t addr_lo; /* Address polled. Bits 31:0. */
    uint32_t addr_hi; /* bits 63:32 */
    uint32_t value_lo; /* Value to reach. Bits 31:0. */
    uint32_t value_hi; /* bits 63:32 */
};
_Static_assert(sizeof(struct sgpu_cmd_wait) == 5 * 4, "sgpu_cmd_wait size");
_Static_assert(offsetof(struct sgpu_cmd_wait, addr_lo) == 1 * 4, "sgpu_cmd_wait.addr_lo");
_Static_assert(offsetof(struct sgpu_cmd_wait, addr_hi) == 2 * 4, "sgpu_cmd_wait.addr_hi");
_Static_assert(offsetof(struct sgpu_cmd_wait, value_lo) == 3 * 4, "sgpu_cmd_wait.value_lo");
_Static_assert(offsetof(struct sgpu_cmd_wait, value_hi) == 4 * 4, "sgpu_cmd_wait.value_hi");

/* COPY: Copy bytes between host memory and VRAM, either way or within one. */
#define SGPU_CMD_COPY_DWORDS 6u
/* src is in VRAM. */
#define SGPU_CMD_COPY_FLAG_SRC_VRAM (1u << 0)
/* dst is in VRAM. */
#define SGPU_CMD_COPY_FLAG_DST_VRAM (1u << 1)
#define SGPU_CMD_COPY_FLAGS_ALL 0x3u
#define SGPU_CMD_COPY_SRC_DW 1u
#define SGPU_CMD_COPY_SRC_ALIGN 8u
#define SGPU_CMD_COPY_DST_DW 3u
#define SGPU_CMD_COPY_DST_ALIGN 8u
#define SGPU_CMD_COPY_BYTES_DW 5u
#define SGPU_CMD_COPY_BYTES_ALIGN 8u
struct sgpu_cmd_copy {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t src_lo; /* Source address. Bits 31:0. */
    uint32_t src_hi; /* bits 63:32 */
    uint32_t dst_lo; /* Destination address. Bits 31:0. */
    uint32_t dst_hi; /* bits 63:32 */
    uint32_t bytes; /* Bytes to copy: a non-zero multiple of 8 (the data path moves 8-byte words), at most 16 MiB - 8. */
};
_Static_assert(sizeof(struct sgpu_cmd_copy) == 6 * 4, "sgpu_cmd_copy size");
_Static_assert(offsetof(struct sgpu_cmd_copy, src_lo) == 1 * 4, "sgpu_cmd_copy.src_lo");
_Static_assert(offsetof(struct sgpu_cmd_copy, src_hi) == 2 * 4, "sgpu_cmd_copy.src_hi");
_Static_assert(offsetof(struct sgpu_cmd_copy, dst_lo) == 3 * 4, "sgpu_cmd_copy.dst_lo");
_Static_assert(offsetof(struct sgpu_cmd_copy, dst_hi) == 4 * 4, "sgpu_cmd_copy.dst_hi");
_Static_assert(offsetof(struct sgpu_cmd_copy, bytes) == 5 * 4, "sgpu_cmd_copy.bytes");

/* FILL: Fill memory with a repeated 32-bit pattern. */
#define SGPU_CMD_FILL_DWORDS 5u
/* dst is in VRAM. */
#define SGPU_CMD_FILL_FLAG_DST_VRAM (1u << 1)
#define SGPU_CMD_FILL_FLAGS_ALL 0x2u
#define SGPU_CMD_FILL_DST_DW 1u
#define SGPU_CMD_FILL_DST_ALIGN 8u
#define SGPU_CMD_FILL_BYTES_DW 3u
#define SGPU_CMD_FILL_BYTES_ALIGN 8u
#define SGPU_CMD_FILL_PATTERN_DW 4u
struct sgpu_cmd_fill {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t dst_lo; /* Destination address. Bits 31:0. */
    uint32_t dst_hi; /* bits 63:32 */
    uint32_t bytes; /* Bytes to fill: a non-zero multiple of 8, at most 16 MiB - 8. */
    uint32_t pattern; /* Pattern written to every DW. */
};
_Static_assert(sizeof(struct sgpu_cmd_fill) == 5 * 4, "sgpu_cmd_fill size");
_Static_assert(offsetof(struct sgpu_cmd_fill, dst_lo) == 1 * 4, "sgpu_cmd_fill.dst_lo");
_Static_assert(offsetof(struct sgpu_cmd_fill, dst_hi) == 2 * 4, "sgpu_cmd_fill.dst_hi");
_Static_assert(offsetof(struct sgpu_cmd_fill, bytes) == 3 * 4, "sgpu_cmd_fill.bytes");
_Static_assert(offsetof(struct sgpu_cmd_fill, pattern) == 4 * 4, "sgpu_cmd_fill.pattern");

/* TIMESTAMP: Write the 64-bit device cycle counter once every earlier command is done. */
#define SGPU_CMD_TIMESTAMP_DWORDS 3u
/* addr is in VRAM, not host memory. */
#define SGPU_CMD_TIMESTAMP_FLAG_VRAM (1u << 1)
#define SGPU_CMD_TIMESTAMP_FLAGS_ALL 0x2u
#define SGPU_CMD_TIMESTAMP_ADDR_DW 1u
#define SGPU_CMD_TIMESTAMP_ADDR_ALIGN 8u
struct sgpu_cmd_timestamp {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t addr_lo; /* Where to write. Bits 31:0. */
    uint32_t addr_hi; /* bits 63:32 */
};
_Static_assert(sizeof(struct sgpu_cmd_timestamp) == 3 * 4, "sgpu_cmd_timestamp size");
_Static_assert(offsetof(struct sgpu_cmd_timestamp, addr_lo) == 1 * 4, "sgpu_cmd_timestamp.addr_lo");
_Static_assert(offsetof(struct sgpu_cmd_timestamp, addr_hi) == 2 * 4, "sgpu_cmd_timestamp.addr_hi");

/* DISPATCH: Run a kernel over a grid of workgroups on the shader cores (compute engine only: UNKNOWN_OPCODE on copy). Addresses are shader (VRAM) addresses. */
#define SGPU_CMD_DISPATCH_DWORDS 7u
/* The kernel's host window: shader addresses [0x8000_0000, 0xC000_0000) reach host memory at HOST_BASE + (address - 0x8000_0000), through the engine's DMA (docs/kernels.md). Without it an access there is KERNEL_BAD_ACCESS. */
#define SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW (1u << 0)
#define SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS 9u
#define SGPU_CMD_DISPATCH_FLAGS_ALL 0x1u
#define SGPU_CMD_DISPATCH_KERNEL_DW 1u
#define SGPU_CMD_DISPATCH_KERNEL_ALIGN 4u
#define SGPU_CMD_DISPATCH_GRID_X_DW 2u
#define SGPU_CMD_DISPATCH_GRID_Y_DW 3u
#define SGPU_CMD_DISPATCH_GRID_Z_DW 4u
#define SGPU_CMD_DISPATCH_WG_SIZE_DW 5u
#define SGPU_CMD_DISPATCH_ARGS_DW 6u
#define SGPU_CMD_DISPATCH_ARGS_ALIGN 4u
#define SGPU_CMD_DISPATCH_HOST_BASE_DW 7u
#define SGPU_CMD_DISPATCH_HOST_BASE_ALIGN 4096u
struct sgpu_cmd_dispatch {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t kernel; /* The kernel image in VRAM; its first byte is the entry point (docs/kernels.md). */
    uint32_t grid_x; /* Workgroups along x (>= 1). */
    uint32_t grid_y; /* Workgroups along y (>= 1). */
    uint32_t grid_z; /* Workgroups along z (>= 1). */
    uint32_t wg_size; /* Work items per workgroup (>= 1). */
    uint32_t args; /* Argument block in VRAM, passed to every work item. */
};
_Static_assert(sizeof(struct sgpu_cmd_dispatch) == 7 * 4, "sgpu_cmd_dispatch size");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, kernel) == 1 * 4, "sgpu_cmd_dispatch.kernel");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, grid_x) == 2 * 4, "sgpu_cmd_dispatch.grid_x");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, grid_y) == 3 * 4, "sgpu_cmd_dispatch.grid_y");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, grid_z) == 4 * 4, "sgpu_cmd_dispatch.grid_z");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, wg_size) == 5 * 4, "sgpu_cmd_dispatch.wg_size");
_Static_assert(offsetof(struct sgpu_cmd_dispatch, args) == 6 * 4, "sgpu_cmd_dispatch.args");
struct sgpu_cmd_dispatch_host_window {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
    uint32_t kernel; /* The kernel image in VRAM; its first byte is the entry point (docs/kernels.md). */
    uint32_t grid_x; /* Workgroups along x (>= 1). */
    uint32_t grid_y; /* Workgroups along y (>= 1). */
    uint32_t grid_z; /* Workgroups along z (>= 1). */
    uint32_t wg_size; /* Work items per workgroup (>= 1). */
    uint32_t args; /* Argument block in VRAM, passed to every work item. */
    uint32_t host_base_lo; /* Host bus address of shader address 0x8000_0000 (4 KiB aligned, else MISALIGNED). Bits 31:0. */
    uint32_t host_base_hi; /* bits 63:32 */
};
_Static_assert(sizeof(struct sgpu_cmd_dispatch_host_window) == 9 * 4, "sgpu_cmd_dispatch_host_window size");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, kernel) == 1 * 4, "sgpu_cmd_dispatch_host_window.kernel");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, grid_x) == 2 * 4, "sgpu_cmd_dispatch_host_window.grid_x");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, grid_y) == 3 * 4, "sgpu_cmd_dispatch_host_window.grid_y");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, grid_z) == 4 * 4, "sgpu_cmd_dispatch_host_window.grid_z");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, wg_size) == 5 * 4, "sgpu_cmd_dispatch_host_window.wg_size");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, args) == 6 * 4, "sgpu_cmd_dispatch_host_window.args");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, host_base_lo) == 7 * 4, "sgpu_cmd_dispatch_host_window.host_base_lo");
_Static_assert(offsetof(struct sgpu_cmd_dispatch_host_window, host_base_hi) == 8 * 4, "sgpu_cmd_dispatch_host_window.host_base_hi");

/* WRAP: Continue at ring offset 0; the rest of the ring is skipped. */
#define SGPU_CMD_WRAP_DWORDS 1u
#define SGPU_CMD_WRAP_FLAGS_ALL 0x0u
struct sgpu_cmd_wrap {
    uint32_t header; /* SGPU_CMD_HEADER(...) */
};
_Static_assert(sizeof(struct sgpu_cmd_wrap) == 1 * 4, "sgpu_cmd_wrap size");

#endif /* SGPU_FW_PROTOCOL_H */
