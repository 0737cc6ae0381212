/*
 * A type-agnostic "raw CDR" sertype for Eclipse Cyclone DDS 0.10.x.
 *
 * A sample of this sertype is the serialized message exactly as it travels on the wire: the 4-byte
 * encapsulation header followed by the XCDR1 body. Cyclone never interprets it; Java encodes and decodes.
 * This is the technique rmw_cyclonedds uses for serialized messages. Cyclone 0.10 has no
 * dds_get_entity_sertype(), so the topic is created here with our own sertype and its pointer handed back.
 *
 * Samples are keyless (ROS 2 topics have no keys). The data representation is XCDR1 only, as rmw sets it.
 * Nothing here calls back into Java and nothing blocks except dds_* calls the caller makes itself.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>

#include "dds/dds.h"
#include "dds/ddsi/ddsi_sertype.h"
#include "dds/ddsi/ddsi_serdata.h"
#include "dds/ddsi/q_radmin.h"

#define CRT_HEADER_BYTES 4u

/* Version of this shim's C interface; Java checks it at load so a stale library is refused clearly. */
#define CRT_ABI_VERSION 1

/* A sample: one heap block holding the serdata header and the bytes. */
struct crt_serdata {
  struct ddsi_serdata c;
  uint32_t size;          /* serialized size including the encapsulation header */
  unsigned char *bytes;   /* points just past this struct, or at a static header for key-only samples */
};

/* What applications would hold if they used the typed API on this topic; only used by from_sample. */
struct crt_blob {
  uint32_t size;
  const void *bytes;
};

static const unsigned char crt_empty_header[CRT_HEADER_BYTES] = { 0x00, 0x01, 0x00, 0x00 };

static struct crt_serdata *crt_serdata_new (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, size_t size)
{
  if (size > UINT32_MAX)
    return NULL;
  /* Round the allocation up to 4 so to_ser may copy up to alignup4(size) as the contract allows. */
  size_t alloc = (size + 3u) & ~(size_t) 3u;
  struct crt_serdata *d = malloc (sizeof (*d) + (alloc < CRT_HEADER_BYTES ? CRT_HEADER_BYTES : alloc));
  if (d == NULL)
    return NULL;
  ddsi_serdata_init (&d->c, type, kind);
  d->size = (uint32_t) size;
  d->bytes = (unsigned char *) (d + 1);
  if (alloc > size)
    memset (d->bytes + size, 0, alloc - size);
  return d;
}

/* ---- serdata operations ---- */

static bool crt_eqkey (const struct ddsi_serdata *a, const struct ddsi_serdata *b)
{
  (void) a; (void) b;
  return true; /* keyless: one instance */
}

static uint32_t crt_get_size (const struct ddsi_serdata *d)
{
  return ((const struct crt_serdata *) d)->size;
}

static struct ddsi_serdata *crt_from_ser (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, const struct nn_rdata *fragchain, size_t size)
{
  struct crt_serdata *d = crt_serdata_new (type, kind, size);
  if (d == NULL)
    return NULL;
  /* Fragments arrive in order and may overlap; copy only what each one adds beyond what we have. */
  uint32_t have = 0;
  for (const struct nn_rdata *f = fragchain; f != NULL; f = f->nextfrag)
  {
    if (f->maxp1 > have && f->min <= have)
    {
      const unsigned char *payload = NN_RMSG_PAYLOADOFF (f->rmsg, NN_RDATA_PAYLOAD_OFF (f));
      uint32_t end = f->maxp1 > size ? (uint32_t) size : f->maxp1;
      if (end > have)
      {
        memcpy (d->bytes + have, payload + (have - f->min), end - have);
        have = end;
      }
    }
  }
  if (have != size)
  {
    free (d);
    return NULL;
  }
  return &d->c;
}

static struct ddsi_serdata *crt_from_ser_iov (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, ddsrt_msg_iovlen_t niov, const ddsrt_iovec_t *iov, size_t size)
{
  struct crt_serdata *d = crt_serdata_new (type, kind, size);
  if (d == NULL)
    return NULL;
  size_t off = 0;
  for (ddsrt_msg_iovlen_t i = 0; i < niov && off < size; i++)
  {
    size_t n = iov[i].iov_len;
    if (n > size - off)
      n = size - off;
    memcpy (d->bytes + off, iov[i].iov_base, n);
    off += n;
  }
  if (off != size)
  {
    free (d);
    return NULL;
  }
  return &d->c;
}

static struct ddsi_serdata *crt_key_only (const struct ddsi_sertype *type)
{
  struct crt_serdata *d = crt_serdata_new (type, SDK_KEY, CRT_HEADER_BYTES);
  if (d == NULL)
    return NULL;
  memcpy (d->bytes, crt_empty_header, CRT_HEADER_BYTES);
  return &d->c;
}

static struct ddsi_serdata *crt_from_keyhash (const struct ddsi_sertype *type, const struct ddsi_keyhash *keyhash)
{
  (void) keyhash;
  return crt_key_only (type);
}

static struct ddsi_serdata *crt_from_sample (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, const void *sample)
{
  if (kind != SDK_DATA || sample == NULL)
    return crt_key_only (type);
  const struct crt_blob *blob = sample;
  ddsrt_iovec_t iov = { .iov_base = (void *) blob->bytes, .iov_len = blob->size };
  return crt_from_ser_iov (type, kind, 1, &iov, blob->size);
}

static struct ddsi_serdata *crt_to_untyped (const struct ddsi_serdata *d)
{
  struct ddsi_serdata *u = crt_key_only (d->type);
  if (u != NULL)
    u->type = NULL;
  return u;
}

static void crt_to_ser (const struct ddsi_serdata *d, size_t off, size_t sz, void *buf)
{
  memcpy (buf, ((const struct crt_serdata *) d)->bytes + off, sz);
}

static struct ddsi_serdata *crt_to_ser_ref (const struct ddsi_serdata *d, size_t off, size_t sz, ddsrt_iovec_t *ref)
{
  ref->iov_base = ((const struct crt_serdata *) d)->bytes + off;
  ref->iov_len = (ddsrt_iov_len_t) sz;
  return ddsi_serdata_ref (d);
}

static void crt_to_ser_unref (struct ddsi_serdata *d, const ddsrt_iovec_t *ref)
{
  (void) ref;
  ddsi_serdata_unref (d);
}

/* The typed API is not used on these topics; a sample is handed out as a pointer into the serdata. */
static bool crt_to_sample (const struct ddsi_serdata *d, void *sample, void **bufptr, void *buflim)
{
  (void) bufptr; (void) buflim;
  const struct crt_serdata *s = (const struct crt_serdata *) d;
  struct crt_blob *blob = sample;
  blob->size = s->size;
  blob->bytes = s->bytes;
  return false; /* refuse: the pointer would outlive the serdata */
}

static bool crt_untyped_to_sample (const struct ddsi_sertype *type, const struct ddsi_serdata *d, void *sample, void **bufptr, void *buflim)
{
  (void) type; (void) d; (void) bufptr; (void) buflim;
  struct crt_blob *blob = sample;
  blob->size = 0;
  blob->bytes = NULL;
  return true;
}

static void crt_serdata_free (struct ddsi_serdata *d)
{
  free (d);
}

static size_t crt_print (const struct ddsi_sertype *type, const struct ddsi_serdata *d, char *buf, size_t size)
{
  (void) type;
  return (size_t) snprintf (buf, size, "raw CDR, %u bytes", (unsigned) ((const struct crt_serdata *) d)->size);
}

static void crt_get_keyhash (const struct ddsi_serdata *d, struct ddsi_keyhash *buf, bool force_md5)
{
  (void) d; (void) force_md5;
  memset (buf, 0, sizeof (*buf));
}

static const struct ddsi_serdata_ops crt_serdata_ops = {
  .eqkey = crt_eqkey,
  .get_size = crt_get_size,
  .from_ser = crt_from_ser,
  .from_ser_iov = crt_from_ser_iov,
  .from_keyhash = crt_from_keyhash,
  .from_sample = crt_from_sample,
  .to_ser = crt_to_ser,
  .to_ser_ref = crt_to_ser_ref,
  .to_ser_unref = crt_to_ser_unref,
  .to_sample = crt_to_sample,
  .to_untyped = crt_to_untyped,
  .untyped_to_sample = crt_untyped_to_sample,
  .free = crt_serdata_free,
  .print = crt_print,
  .get_keyhash = crt_get_keyhash,
#ifdef DDS_HAS_SHM
  .get_sample_size = NULL,
  .from_iox_buffer = NULL,
#endif
};

/* ---- sertype operations ---- */

static void crt_sertype_free (struct ddsi_sertype *tp)
{
  ddsi_sertype_fini (tp);
  free (tp);
}

static void crt_zero_samples (const struct ddsi_sertype *d, void *samples, size_t count)
{
  (void) d;
  memset (samples, 0, count * sizeof (struct crt_blob));
}

static void crt_realloc_samples (void **ptrs, const struct ddsi_sertype *d, void *old, size_t oldcount, size_t count)
{
  (void) d;
  char *base = realloc (old, count * sizeof (struct crt_blob));
  if (base != NULL && count > oldcount)
    memset (base + oldcount * sizeof (struct crt_blob), 0, (count - oldcount) * sizeof (struct crt_blob));
  for (size_t i = 0; i < count; i++)
    ptrs[i] = base + i * sizeof (struct crt_blob);
}

static void crt_free_samples (const struct ddsi_sertype *d, void **ptrs, size_t count, dds_free_op_t op)
{
  (void) d; (void) count;
  if ((op & DDS_FREE_ALL_BIT) && ptrs != NULL)
    free (ptrs[0]);
}

static bool crt_sertype_equal (const struct ddsi_sertype *a, const struct ddsi_sertype *b)
{
  (void) a; (void) b;
  return true; /* same type name and same ops: identical */
}

static uint32_t crt_sertype_hash (const struct ddsi_sertype *tp)
{
  (void) tp;
  return 0x43525443u;
}

static size_t crt_get_serialized_size (const struct ddsi_sertype *d, const void *sample)
{
  (void) d;
  return ((const struct crt_blob *) sample)->size;
}

static bool crt_serialize_into (const struct ddsi_sertype *d, const void *sample, void *dst, size_t dst_size)
{
  (void) d;
  const struct crt_blob *blob = sample;
  if (blob->size > dst_size)
    return false;
  memcpy (dst, blob->bytes, blob->size);
  return true;
}

static const struct ddsi_sertype_ops crt_sertype_ops = {
  .version = ddsi_sertype_v0,
  .arg = NULL,
  .free = crt_sertype_free,
  .zero_samples = crt_zero_samples,
  .realloc_samples = crt_realloc_samples,
  .free_samples = crt_free_samples,
  .equal = crt_sertype_equal,
  .hash = crt_sertype_hash,
  .type_id = NULL,
  .type_map = NULL,
  .type_info = NULL,
  .derive_sertype = NULL,
  .get_serialized_size = crt_get_serialized_size,
  .serialize_into = crt_serialize_into,
};

/* ---- the interface Java binds ---- */

DDS_EXPORT int32_t crt_abi_version (void)
{
  return CRT_ABI_VERSION;
}

/* Creates a keyless raw-CDR topic. On success *sertype_out holds the sertype to pass to
   crt_serdata_from_cdr (it may be an existing, equal sertype Cyclone already had). */
DDS_EXPORT dds_entity_t crt_create_topic (dds_entity_t participant, const char *topic_name, const char *type_name, const dds_qos_t *qos, const struct ddsi_sertype **sertype_out)
{
  struct ddsi_sertype *st = calloc (1, sizeof (*st));
  if (st == NULL)
    return DDS_RETCODE_OUT_OF_RESOURCES;
  ddsi_sertype_init_flags (st, type_name, &crt_sertype_ops, &crt_serdata_ops, DDSI_SERTYPE_FLAG_TOPICKIND_NO_KEY);
  st->allowed_data_representation = DDS_DATA_REPRESENTATION_FLAG_XCDR1;
  struct ddsi_sertype *used = st;
  dds_entity_t topic = dds_create_topic_sertype (participant, topic_name, &used, qos, NULL, NULL);
  if (topic < 0)
  {
    crt_sertype_free (st);
    return topic;
  }
  *sertype_out = used;
  return topic;
}

/* Wraps bytes[offset, offset+size) (encapsulation header included) in a new serdata for dds_writecdr, which
   consumes it. Returns NULL if the bytes are shorter than the header or memory is exhausted. */
DDS_EXPORT struct ddsi_serdata *crt_serdata_from_cdr (const struct ddsi_sertype *sertype, const void *bytes, uint32_t offset, uint32_t size)
{
  if (size < CRT_HEADER_BYTES)
    return NULL;
  ddsrt_iovec_t iov = { .iov_base = (void *) ((const unsigned char *) bytes + offset), .iov_len = size };
  return crt_from_ser_iov (sertype, SDK_DATA, 1, &iov, size);
}

/* What crt_take reports beside the bytes. Layout mirrored in Java: 3 x int64 then 2 x uint32. */
struct crt_take_info {
  int64_t source_timestamp_ns;
  uint64_t publication_handle;
  uint64_t reserved;
  uint32_t size;
  uint32_t invalid_samples;
};

#define CRT_TAKE_TOO_LARGE (-100)

/* Takes at most one valid sample from the reader into buf (capacity bytes), skipping samples without data
   (disposals, unregistrations), whose number is added to info->invalid_samples.
   Returns 1 with info->size bytes copied; 0 when nothing is there; CRT_TAKE_TOO_LARGE when the sample is
   larger than capacity (it is dropped; info->size says how large it was); a DDS_RETCODE (< 0) otherwise.
   Never blocks and never allocates. */
DDS_EXPORT int32_t crt_take (dds_entity_t reader, void *buf, uint32_t capacity, struct crt_take_info *info)
{
  info->invalid_samples = 0;
  info->size = 0;
  for (;;)
  {
    struct ddsi_serdata *sd = NULL;
    dds_sample_info_t si;
    dds_return_t n = dds_takecdr (reader, &sd, 1, &si, DDS_ANY_STATE);
    if (n <= 0)
      return n;
    if (!si.valid_data)
    {
      ddsi_serdata_unref (sd);
      info->invalid_samples++;
      continue;
    }
    uint32_t size = ddsi_serdata_size (sd);
    info->size = size;
    info->source_timestamp_ns = si.source_timestamp;
    info->publication_handle = si.publication_handle;
    if (size > capacity)
    {
      ddsi_serdata_unref (sd);
      return CRT_TAKE_TOO_LARGE;
    }
    ddsi_serdata_to_ser (sd, 0, size, buf);
    ddsi_serdata_unref (sd);
    return 1;
  }
}
