/*
 * A plain Cyclone DDS program with idlc-generated ROS types: the "other side" in the bridge's interop tests
 * and benchmarks. Line protocol on stdin/stdout so the Java test can drive it:
 *   send-joint-state TOPIC JOINTS        -> "matched", waits for "go", writes one JointState, "sent", waits for EOF
 *   send-image TOPIC WIDTH HEIGHT        -> same with one rgb8 Image
 *   recv-float64-multi-array TOPIC       -> "matched", then prints every field of the first sample, "end"
 *   recv-joint-trajectory TOPIC          -> same for JointTrajectory
 *   echo-joint-state IN OUT              -> typed take, typed write of every JointState until stdin closes
 *   ping-joint-state OUT IN JOINTS WARMUP COUNT RTT_FILE -> C-to-C round trips, one RTT (ns) per line
 *   camera TOPIC WIDTH HEIGHT HZ SECONDS RELIABLE [DEPTH] -> rgb8 images at HZ; frame number in data[0..3] (LE);
 *                                        DEPTH = writer history depth (default 5, 0 = keep all)
 *   image-sink SECONDS DEPTH TOPIC...    -> the C counterpart of the bridge's camera receiver: "matched" once every
 *                                        topic has a writer, then after "go" counts frames (numbers in data[0..3]),
 *                                        gaps and stamp-to-take latency until "stop" (or SECONDS + 5 s); one
 *                                        "sink ..." line per topic, a "latency_us ..." line, "end"
 * Content is deterministic (see fill_*), so the Java side can check every field.
 */
#include "peer_common.h"
#include "ros_msgs.h"

#define TIMEOUT_MS 20000

static char g_names[64][32];
static char *g_name_ptrs[64];

static void fill_joint_state (sensor_msgs_msg_dds__JointState_ *m, int joints, int seq, double *pos, double *vel, double *eff)
{
  memset (m, 0, sizeof (*m));
  m->header.stamp.sec = 1700000000 + seq;
  m->header.stamp.nanosec = 123456789u;
  m->header.frame_id = "peer_base";
  for (int i = 0; i < joints; i++)
  {
    snprintf (g_names[i], sizeof g_names[i], "joint_%d", i);
    g_name_ptrs[i] = g_names[i];
    pos[i] = (i + 1) * 0.125 - 1.0 + seq;
    vel[i] = -0.5 * i;
    eff[i] = 0.25 * i * i;
  }
  m->name._length = m->name._maximum = (uint32_t) joints;
  m->name._buffer = g_name_ptrs;
  m->position._length = m->position._maximum = (uint32_t) joints;
  m->position._buffer = pos;
  m->velocity._length = m->velocity._maximum = (uint32_t) joints;
  m->velocity._buffer = vel;
  m->effort._length = m->effort._maximum = (uint32_t) joints;
  m->effort._buffer = eff;
}

static void fill_image (sensor_msgs_msg_dds__Image_ *m, uint32_t width, uint32_t height, int seq, uint8_t *data)
{
  memset (m, 0, sizeof (*m));
  m->header.stamp.sec = 1700000100 + seq;
  m->header.stamp.nanosec = 5000u;
  m->header.frame_id = "camera_optical";
  m->height = height;
  m->width = width;
  m->encoding = "rgb8";
  m->is_bigendian = 0;
  m->step = width * 3u;
  uint32_t n = m->step * height;
  for (uint32_t k = 0; k < n; k++)
    data[k] = (uint8_t) ((k * 31u + (uint32_t) seq * 7u + (k >> 11)) & 0xffu);
  m->data._length = m->data._maximum = n;
  m->data._buffer = data;
}

static void wait_for_eof (void)
{
  char line[64];
  while (peer_read_line (line, sizeof line))
    if (strcmp (line, "quit") == 0)
      break;
}

static int send_one (dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *topic, const void *sample)
{
  dds_entity_t tp = peer_check (dds_create_topic (pp, desc, topic, NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (true, false, 10);
  dds_entity_t wr = peer_check (dds_create_writer (pp, tp, q, NULL), "writer");
  dds_delete_qos (q);
  if (!peer_wait_matched (peer_matched_readers, wr, 1, TIMEOUT_MS))
    peer_die ("no reader matched %s within %d ms", topic, TIMEOUT_MS);
  peer_say ("matched");
  char line[64];
  if (!peer_read_line (line, sizeof line) || strcmp (line, "go") != 0)
    peer_die ("expected 'go' on stdin");
  dds_return_t rc = dds_write (wr, sample);
  if (rc != DDS_RETCODE_OK)
    peer_die ("dds_write: %s", dds_strretcode (rc));
  peer_say ("sent");
  wait_for_eof ();
  return 0;
}

static dds_entity_t make_reader (dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *topic, bool reliable, int depth)
{
  dds_entity_t tp = peer_check (dds_create_topic (pp, desc, topic, NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (reliable, false, depth);
  dds_entity_t rd = peer_check (dds_create_reader (pp, tp, q, NULL), "reader");
  dds_delete_qos (q);
  return rd;
}

static void *take_first (dds_entity_t pp, dds_entity_t rd, const char *topic)
{
  if (!peer_wait_matched (peer_matched_writers, rd, 1, TIMEOUT_MS))
    peer_die ("no writer matched %s within %d ms", topic, TIMEOUT_MS);
  peer_say ("matched");
  for (;;)
  {
    if (!peer_wait_data (pp, rd, TIMEOUT_MS))
      peer_die ("no sample on %s within %d ms", topic, TIMEOUT_MS);
    void *samples[1] = { NULL };
    dds_sample_info_t info[1];
    dds_return_t n = dds_take (rd, samples, info, 1, 1);
    if (n < 0)
      peer_die ("dds_take: %s", dds_strretcode (n));
    if (n == 1 && info[0].valid_data)
      return samples[0]; /* a loan, kept until exit */
    if (n == 1)
      dds_return_loan (rd, samples, n);
  }
}

static void print_header (const std_msgs_msg_dds__Header_ *h)
{
  printf ("header.stamp.sec=%" PRId32 "\n", h->stamp.sec);
  printf ("header.stamp.nanosec=%" PRIu32 "\n", h->stamp.nanosec);
  printf ("header.frame_id=%s\n", h->frame_id ? h->frame_id : "");
}

static void print_doubles (const char *prefix, const dds_sequence_double *s)
{
  char key[128];
  printf ("%s_count=%" PRIu32 "\n", prefix, s->_length);
  for (uint32_t i = 0; i < s->_length; i++)
  {
    snprintf (key, sizeof key, "%s[%" PRIu32 "]", prefix, i);
    peer_print_double (key, s->_buffer[i]);
  }
}

static int recv_f64ma (dds_entity_t pp, const char *topic)
{
  dds_entity_t rd = make_reader (pp, &std_msgs_msg_dds__Float64MultiArray__desc, topic, true, 10);
  const std_msgs_msg_dds__Float64MultiArray_ *m = take_first (pp, rd, topic);
  printf ("layout.dim_count=%" PRIu32 "\n", m->layout.dim._length);
  for (uint32_t i = 0; i < m->layout.dim._length; i++)
  {
    const std_msgs_msg_dds__MultiArrayDimension_ *d = &m->layout.dim._buffer[i];
    printf ("layout.dim[%" PRIu32 "].label=%s\n", i, d->label ? d->label : "");
    printf ("layout.dim[%" PRIu32 "].size=%" PRIu32 "\n", i, d->size);
    printf ("layout.dim[%" PRIu32 "].stride=%" PRIu32 "\n", i, d->stride);
  }
  printf ("layout.data_offset=%" PRIu32 "\n", m->layout.data_offset);
  print_doubles ("data", &m->data);
  peer_say ("end");
  return 0;
}

static int recv_trajectory (dds_entity_t pp, const char *topic)
{
  dds_entity_t rd = make_reader (pp, &trajectory_msgs_msg_dds__JointTrajectory__desc, topic, true, 10);
  const trajectory_msgs_msg_dds__JointTrajectory_ *m = take_first (pp, rd, topic);
  print_header (&m->header);
  printf ("joint_names_count=%" PRIu32 "\n", m->joint_names._length);
  for (uint32_t i = 0; i < m->joint_names._length; i++)
    printf ("joint_names[%" PRIu32 "]=%s\n", i, m->joint_names._buffer[i]);
  printf ("points_count=%" PRIu32 "\n", m->points._length);
  char prefix[64];
  for (uint32_t i = 0; i < m->points._length; i++)
  {
    const trajectory_msgs_msg_dds__JointTrajectoryPoint_ *p = &m->points._buffer[i];
    snprintf (prefix, sizeof prefix, "points[%" PRIu32 "].positions", i);
    print_doubles (prefix, &p->positions);
    snprintf (prefix, sizeof prefix, "points[%" PRIu32 "].velocities", i);
    print_doubles (prefix, &p->velocities);
    snprintf (prefix, sizeof prefix, "points[%" PRIu32 "].accelerations", i);
    print_doubles (prefix, &p->accelerations);
    snprintf (prefix, sizeof prefix, "points[%" PRIu32 "].effort", i);
    print_doubles (prefix, &p->effort);
    printf ("points[%" PRIu32 "].time_from_start.sec=%" PRId32 "\n", i, p->time_from_start.sec);
    printf ("points[%" PRIu32 "].time_from_start.nanosec=%" PRIu32 "\n", i, p->time_from_start.nanosec);
  }
  peer_say ("end");
  return 0;
}

static int echo_joint_state (dds_entity_t pp, const char *in, const char *out)
{
  dds_entity_t rd = make_reader (pp, &sensor_msgs_msg_dds__JointState__desc, in, true, 10);
  dds_entity_t tp = peer_check (dds_create_topic (pp, &sensor_msgs_msg_dds__JointState__desc, out, NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (true, false, 10);
  dds_entity_t wr = peer_check (dds_create_writer (pp, tp, q, NULL), "writer");
  dds_delete_qos (q);
  dds_entity_t ws = dds_create_waitset (pp);
  dds_entity_t rc = dds_create_readcondition (rd, DDS_ANY_STATE);
  dds_waitset_attach (ws, rc, 0);
  peer_say ("ready");
  for (;;)
  {
    if (peer_stdin_ready (0))
    {
      char line[64];
      if (!peer_read_line (line, sizeof line) || strcmp (line, "quit") == 0)
        break;
    }
    if (dds_waitset_wait (ws, NULL, 0, DDS_MSECS (100)) <= 0)
      continue;
    void *samples[8] = { NULL };
    dds_sample_info_t info[8];
    dds_return_t n = dds_take (rd, samples, info, 8, 8);
    for (int i = 0; i < n; i++)
      if (info[i].valid_data)
        dds_write (wr, samples[i]);
    if (n > 0)
      dds_return_loan (rd, samples, n);
  }
  return 0;
}

static int ping_joint_state (dds_entity_t pp, const char *out, const char *in, int joints, int warmup, int count, const char *rtt_file)
{
  dds_entity_t rd = make_reader (pp, &sensor_msgs_msg_dds__JointState__desc, in, true, 10);
  dds_entity_t tp = peer_check (dds_create_topic (pp, &sensor_msgs_msg_dds__JointState__desc, out, NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (true, false, 10);
  dds_entity_t wr = peer_check (dds_create_writer (pp, tp, q, NULL), "writer");
  dds_delete_qos (q);
  if (!peer_wait_matched (peer_matched_readers, wr, 1, TIMEOUT_MS) || !peer_wait_matched (peer_matched_writers, rd, 1, TIMEOUT_MS))
    peer_die ("echo peer not matched within %d ms", TIMEOUT_MS);
  dds_entity_t ws = dds_create_waitset (pp);
  dds_entity_t rc = dds_create_readcondition (rd, DDS_ANY_STATE);
  dds_waitset_attach (ws, rc, 0);
  FILE *f = fopen (rtt_file, "w");
  if (f == NULL)
    peer_die ("cannot write %s", rtt_file);
  double pos[64], vel[64], eff[64];
  sensor_msgs_msg_dds__JointState_ m;
  int lost = 0;
  for (int i = 0; i < warmup + count; i++)
  {
    fill_joint_state (&m, joints, i, pos, vel, eff);
    int64_t t0 = peer_now_ns (CLOCK_MONOTONIC);
    dds_write (wr, &m);
    bool got = false;
    while (!got)
    {
      if (dds_waitset_wait (ws, NULL, 0, DDS_SECS (1)) <= 0)
        break;
      void *samples[1] = { NULL };
      dds_sample_info_t info[1];
      dds_return_t n = dds_take (rd, samples, info, 1, 1);
      if (n == 1 && info[0].valid_data)
      {
        const sensor_msgs_msg_dds__JointState_ *e = samples[0];
        got = e->header.stamp.sec == m.header.stamp.sec && e->position._length == (uint32_t) joints;
      }
      if (n > 0)
        dds_return_loan (rd, samples, n);
    }
    int64_t t1 = peer_now_ns (CLOCK_MONOTONIC);
    if (!got)
      lost++;
    else if (i >= warmup)
      fprintf (f, "%" PRId64 "\n", t1 - t0);
  }
  fclose (f);
  peer_say ("done lost=%d", lost);
  return 0;
}

static int camera (dds_entity_t pp, const char *topic, uint32_t width, uint32_t height, double hz, double seconds, bool reliable, int depth)
{
  dds_entity_t tp = peer_check (dds_create_topic (pp, &sensor_msgs_msg_dds__Image__desc, topic, NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (reliable, false, depth);
  if (depth == 0)
    dds_qset_reliability (q, DDS_RELIABILITY_RELIABLE, DDS_SECS (1)); /* keep all: block up to 1 s, then count a failure */
  dds_entity_t wr = peer_check (dds_create_writer (pp, tp, q, NULL), "writer");
  dds_delete_qos (q);
  uint8_t *data = malloc ((size_t) width * height * 3);
  if (data == NULL)
    peer_die ("out of memory");
  sensor_msgs_msg_dds__Image_ m;
  fill_image (&m, width, height, 0, data);
  if (!peer_wait_matched (peer_matched_readers, wr, 1, TIMEOUT_MS))
    peer_die ("no reader matched %s within %d ms", topic, TIMEOUT_MS);
  peer_say ("matched");
  char line[64];
  if (!peer_read_line (line, sizeof line) || strcmp (line, "go") != 0)
    peer_die ("expected 'go' on stdin");
  int64_t period = (int64_t) (1e9 / hz);
  int64_t start = peer_now_ns (CLOCK_MONOTONIC);
  int frames = (int) (seconds * hz + 0.5);
  int failed = 0;
  for (int i = 0; i < frames; i++)
  {
    peer_sleep_until (start + (int64_t) i * period);
    int64_t now = peer_now_ns (CLOCK_REALTIME);
    m.header.stamp.sec = (int32_t) (now / 1000000000);
    m.header.stamp.nanosec = (uint32_t) (now % 1000000000);
    memcpy (data, &i, 4); /* little-endian frame number */
    if (dds_write (wr, &m) != DDS_RETCODE_OK)
      failed++;
  }
  peer_say ("sent %d failed %d", frames, failed);
  wait_for_eof ();
  free (data);
  return 0;
}

static int cmp_i64 (const void *a, const void *b)
{
  int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
  return x < y ? -1 : x > y;
}

static int image_sink (dds_entity_t pp, double seconds, int depth, int ntopics, char **topics)
{
  enum { MAX_TOPICS = 16 };
  if (ntopics < 1 || ntopics > MAX_TOPICS)
    peer_die ("image-sink takes 1..%d topics", MAX_TOPICS);
  dds_entity_t rd[MAX_TOPICS];
  dds_entity_t ws = dds_create_waitset (pp);
  for (int i = 0; i < ntopics; i++)
  {
    rd[i] = make_reader (pp, &sensor_msgs_msg_dds__Image__desc, topics[i], true, depth);
    dds_waitset_attach (ws, dds_create_readcondition (rd[i], DDS_ANY_STATE), i);
  }
  for (int i = 0; i < ntopics; i++)
    if (!peer_wait_matched (peer_matched_writers, rd[i], 1, TIMEOUT_MS))
      peer_die ("no writer matched %s within %d ms", topics[i], TIMEOUT_MS);
  peer_say ("matched");
  char line[64];
  if (!peer_read_line (line, sizeof line) || strcmp (line, "go") != 0)
    peer_die ("expected 'go' on stdin");
  size_t cap = (size_t) (seconds * 1000) + 1000;
  int64_t *lat = malloc (cap * ntopics * sizeof (int64_t));
  size_t nlat = 0;
  long received[MAX_TOPICS] = { 0 }, gaps[MAX_TOPICS] = { 0 };
  int64_t last[MAX_TOPICS];
  for (int i = 0; i < ntopics; i++)
    last[i] = -1;
  int64_t end = peer_now_ns (CLOCK_MONOTONIC) + (int64_t) ((seconds + 5) * 1e9);
  while (peer_now_ns (CLOCK_MONOTONIC) < end)
  {
    dds_waitset_wait (ws, NULL, 0, DDS_MSECS (100));
    for (int i = 0; i < ntopics; i++)
    {
      void *samples[4] = { NULL };
      dds_sample_info_t info[4];
      dds_return_t n;
      while ((n = dds_take (rd[i], samples, info, 4, 4)) > 0)
      {
        int64_t now = peer_now_ns (CLOCK_REALTIME);
        for (int k = 0; k < n; k++)
        {
          if (!info[k].valid_data)
            continue;
          const sensor_msgs_msg_dds__Image_ *m = samples[k];
          uint32_t frame;
          memcpy (&frame, m->data._buffer, 4);
          if ((int64_t) frame != last[i] + 1)
            gaps[i] += (int64_t) frame - last[i] - 1;
          last[i] = frame;
          received[i]++;
          if (nlat < cap * ntopics)
            lat[nlat++] = now - ((int64_t) m->header.stamp.sec * 1000000000 + m->header.stamp.nanosec);
        }
        dds_return_loan (rd[i], samples, n);
      }
    }
    if (peer_stdin_ready (0)) /* "stop" (or EOF) once the cameras have sent everything */
      break;
  }
  qsort (lat, nlat, sizeof (int64_t), cmp_i64);
  for (int i = 0; i < ntopics; i++)
    peer_say ("sink %s received=%ld gaps=%ld last=%" PRId64, topics[i], received[i], gaps[i], last[i]);
  if (nlat > 0)
    peer_say ("latency_us p50=%.1f p90=%.1f p99=%.1f max=%.1f", lat[nlat / 2] / 1e3, lat[nlat * 9 / 10] / 1e3, lat[nlat * 99 / 100] / 1e3, lat[nlat - 1] / 1e3);
  peer_say ("end");
  free (lat);
  return 0;
}

int main (int argc, char **argv)
{
  if (argc < 3)
    peer_die ("usage: cyclone_peer MODE TOPIC [ARGS...]");
  setvbuf (stdout, NULL, _IOLBF, 0);
  dds_entity_t pp = peer_check (dds_create_participant (peer_domain (), NULL, NULL), "participant");
  const char *mode = argv[1];
  int rc;
  if (strcmp (mode, "send-joint-state") == 0 && argc == 4)
  {
    int joints = atoi (argv[3]);
    if (joints < 1 || joints > 64)
      peer_die ("JOINTS must be 1..64");
    double pos[64], vel[64], eff[64];
    sensor_msgs_msg_dds__JointState_ m;
    fill_joint_state (&m, joints, 0, pos, vel, eff);
    rc = send_one (pp, &sensor_msgs_msg_dds__JointState__desc, argv[2], &m);
  }
  else if (strcmp (mode, "send-image") == 0 && argc == 5)
  {
    uint32_t w = (uint32_t) atoi (argv[3]), h = (uint32_t) atoi (argv[4]);
    uint8_t *data = malloc ((size_t) w * h * 3);
    sensor_msgs_msg_dds__Image_ m;
    fill_image (&m, w, h, 0, data);
    rc = send_one (pp, &sensor_msgs_msg_dds__Image__desc, argv[2], &m);
    free (data);
  }
  else if (strcmp (mode, "recv-float64-multi-array") == 0 && argc == 3)
    rc = recv_f64ma (pp, argv[2]);
  else if (strcmp (mode, "recv-joint-trajectory") == 0 && argc == 3)
    rc = recv_trajectory (pp, argv[2]);
  else if (strcmp (mode, "echo-joint-state") == 0 && argc == 4)
    rc = echo_joint_state (pp, argv[2], argv[3]);
  else if (strcmp (mode, "ping-joint-state") == 0 && argc == 8)
    rc = ping_joint_state (pp, argv[2], argv[3], atoi (argv[4]), atoi (argv[5]), atoi (argv[6]), argv[7]);
  else if (strcmp (mode, "camera") == 0 && (argc == 8 || argc == 9))
    rc = camera (pp, argv[2], (uint32_t) atoi (argv[3]), (uint32_t) atoi (argv[4]), atof (argv[5]), atof (argv[6]), atoi (argv[7]) != 0,
                 argc == 9 ? atoi (argv[8]) : 5);
  else if (strcmp (mode, "image-sink") == 0 && argc >= 5)
    rc = image_sink (pp, atof (argv[2]), atoi (argv[3]), argc - 4, argv + 4);
  else
    peer_die ("unknown mode or wrong arguments: %s", mode);
  fflush (stdout);
  dds_delete (pp);
  return rc;
}
