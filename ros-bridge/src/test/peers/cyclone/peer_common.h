/*
 * Shared helpers for the Cyclone DDS test peers (plain C, idlc-generated types with ROS names).
 * Every peer refuses to start unless CYCLONEDDS_URI confines it to the loopback interface.
 */
#ifndef CHUNKRT_PEER_COMMON_H
#define CHUNKRT_PEER_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>

#include "dds/dds.h"

static inline void peer_die (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fprintf (stderr, "peer: ");
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\n");
  va_end (ap);
  fflush (stdout);
  exit (2);
}

/* Loopback only: the configuration must select lo, disable multicast and name 127.0.0.1 as the peer. */
static inline dds_domainid_t peer_domain (void)
{
  const char *uri = getenv ("CYCLONEDDS_URI");
  if (uri == NULL || strstr (uri, "<AllowMulticast>false</AllowMulticast>") == NULL || strstr (uri, "name=\"lo\"") == NULL
      || strstr (uri, "127.0.0.1") == NULL)
    peer_die ("CYCLONEDDS_URI must confine this peer to the loopback interface (lo, AllowMulticast=false, peer 127.0.0.1)");
  const char *id = getenv ("ROS_DOMAIN_ID");
  if (id == NULL || *id == 0)
    peer_die ("ROS_DOMAIN_ID is not set");
  return (dds_domainid_t) strtoul (id, NULL, 10);
}

static inline int64_t peer_now_ns (clockid_t clk)
{
  struct timespec ts;
  clock_gettime (clk, &ts);
  return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void peer_sleep_until (int64_t deadline_mono_ns)
{
  struct timespec ts = { .tv_sec = deadline_mono_ns / 1000000000, .tv_nsec = deadline_mono_ns % 1000000000 };
  while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    ;
}

static inline dds_qos_t *peer_qos (bool reliable, bool transient_local, int depth)
{
  dds_qos_t *q = dds_create_qos ();
  dds_qset_reliability (q, reliable ? DDS_RELIABILITY_RELIABLE : DDS_RELIABILITY_BEST_EFFORT, DDS_MSECS (100));
  dds_qset_durability (q, transient_local ? DDS_DURABILITY_TRANSIENT_LOCAL : DDS_DURABILITY_VOLATILE);
  if (depth > 0)
    dds_qset_history (q, DDS_HISTORY_KEEP_LAST, depth);
  else
    dds_qset_history (q, DDS_HISTORY_KEEP_ALL, 0);
  dds_data_representation_id_t xcdr1 = DDS_DATA_REPRESENTATION_XCDR1;
  dds_qset_data_representation (q, 1, &xcdr1);
  return q;
}

static inline dds_entity_t peer_check (dds_entity_t e, const char *what)
{
  if (e < 0)
    peer_die ("creating %s failed: %s", what, dds_strretcode (e));
  return e;
}

static inline uint32_t peer_matched_readers (dds_entity_t wr)
{
  dds_publication_matched_status_t st;
  return dds_get_publication_matched_status (wr, &st) == DDS_RETCODE_OK ? st.current_count : 0;
}

static inline uint32_t peer_matched_writers (dds_entity_t rd)
{
  dds_subscription_matched_status_t st;
  return dds_get_subscription_matched_status (rd, &st) == DDS_RETCODE_OK ? st.current_count : 0;
}

/* Waits until fn(entity) >= n or timeout; returns false on timeout. */
static inline bool peer_wait_matched (uint32_t (*fn) (dds_entity_t), dds_entity_t e, uint32_t n, int timeout_ms)
{
  for (int waited = 0; waited < timeout_ms; waited += 5)
  {
    if (fn (e) >= n)
      return true;
    dds_sleepfor (DDS_MSECS (5));
  }
  return fn (e) >= n;
}

/* Reads one line from stdin into buf (without the newline); false on EOF. */
static inline bool peer_read_line (char *buf, size_t size)
{
  if (fgets (buf, (int) size, stdin) == NULL)
    return false;
  buf[strcspn (buf, "\r\n")] = 0;
  return true;
}

/* True if stdin has a line ready within timeout_ms (0 = just poll). */
static inline bool peer_stdin_ready (int timeout_ms)
{
  struct pollfd p = { .fd = 0, .events = POLLIN };
  return poll (&p, 1, timeout_ms) > 0;
}

static inline void peer_say (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprintf (fmt, ap);
  printf ("\n");
  fflush (stdout);
  va_end (ap);
}

static inline void peer_print_double (const char *key, double v)
{
  uint64_t bits;
  memcpy (&bits, &v, sizeof bits);
  printf ("%s=%016" PRIx64 "\n", key, bits);
}

/* Blocks until a sample is available on rd or timeout; returns false on timeout. */
static inline bool peer_wait_data (dds_entity_t pp, dds_entity_t rd, int timeout_ms)
{
  dds_entity_t ws = dds_create_waitset (pp);
  dds_entity_t rc = dds_create_readcondition (rd, DDS_ANY_STATE);
  dds_waitset_attach (ws, rc, 0);
  dds_return_t n = dds_waitset_wait (ws, NULL, 0, DDS_MSECS (timeout_ms));
  dds_delete (rc);
  dds_delete (ws);
  return n > 0;
}

#endif
