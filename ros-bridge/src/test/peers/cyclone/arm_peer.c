/*
 * A simulated arm for end-to-end tests: it plays the robot side of ros2_control and a camera driver.
 *
 *   arm_peer --joints N [--names a,b,...] [--state-topic rt/joint_states] [--state-hz 100]
 *            [--command TOPIC:OFFSET]...      Float64MultiArray commands for joints OFFSET.. (forward controller)
 *            [--trajectory TOPIC:OFFSET]...   JointTrajectory commands; the first point's positions are applied
 *            [--camera TOPIC]... [--camera-hz 30 --width 640 --height 480]   (up to 4 cameras, rgb8)
 *            [--initial v0,v1,...] [--record FILE] [--duration-s S]
 *
 * Every state period it publishes sensor_msgs/JointState (names, positions = the last commanded values,
 * velocity and effort empty, stamp = CLOCK_REALTIME) like joint_state_broadcaster; a command whose length
 * does not match its joints or that holds a NaN/Inf is rejected and counted, as forward_command_controller
 * does. Each received command is recorded as one CSV line:
 *   recv_mono_ns,recv_realtime_ns,source_ts_ns,topic,status,n,v0,...   (status: applied | rejected)
 * stdin commands: "pause-state" (stop publishing joint states, to make them stale), "resume-state", "quit".
 * stdout: "ready" once every endpoint exists; "stats commands=.. rejected=.. states=.. images=.." at exit.
 */
#include <math.h>
#include "peer_common.h"
#include "ros_msgs.h"

#define MAX_JOINTS 64
#define MAX_INPUTS 8
#define MAX_CAMERAS 4

struct input {
  char topic[200];
  int offset;
  bool trajectory;
  dds_entity_t reader;
};

static int g_joints;
static char g_names[MAX_JOINTS][64];
static char *g_name_ptrs[MAX_JOINTS];
static double g_state[MAX_JOINTS];
static struct input g_inputs[MAX_INPUTS];
static int g_ninputs;
static FILE *g_record;
static long g_commands, g_rejected, g_states, g_images;

static void parse_input (const char *arg, bool trajectory)
{
  if (g_ninputs == MAX_INPUTS)
    peer_die ("at most %d command inputs", MAX_INPUTS);
  struct input *in = &g_inputs[g_ninputs++];
  const char *colon = strrchr (arg, ':');
  if (colon == NULL)
    peer_die ("command input '%s' needs TOPIC:OFFSET", arg);
  snprintf (in->topic, sizeof in->topic, "%.*s", (int) (colon - arg), arg);
  in->offset = atoi (colon + 1);
  in->trajectory = trajectory;
}

static void parse_list (const char *csv, bool names)
{
  int i = 0;
  const char *p = csv;
  while (*p && i < MAX_JOINTS)
  {
    const char *end = strchr (p, ',');
    size_t len = end ? (size_t) (end - p) : strlen (p);
    if (names)
      snprintf (g_names[i], sizeof g_names[i], "%.*s", (int) len, p);
    else
      g_state[i] = strtod (p, NULL);
    i++;
    if (!end)
      break;
    p = end + 1;
  }
}

static void record (const struct input *in, int64_t source_ts, bool applied, const double *v, uint32_t n)
{
  if (g_record == NULL)
    return;
  fprintf (g_record, "%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%s,%" PRIu32, peer_now_ns (CLOCK_MONOTONIC), peer_now_ns (CLOCK_REALTIME),
           source_ts, in->topic, applied ? "applied" : "rejected", n);
  for (uint32_t i = 0; i < n; i++)
    fprintf (g_record, ",%.17g", v[i]);
  fputc ('\n', g_record);
}

static int joints_of (const struct input *self)
{
  /* an input drives the joints from its offset up to the next input's offset (or the end) */
  int end = g_joints;
  for (int i = 0; i < g_ninputs; i++)
    if (g_inputs[i].offset > self->offset && g_inputs[i].offset < end)
      end = g_inputs[i].offset;
  return end - self->offset;
}

static void apply (const struct input *in, int64_t source_ts, const double *v, uint32_t n)
{
  bool ok = (int) n == joints_of (in);
  for (uint32_t i = 0; ok && i < n; i++)
    ok = isfinite (v[i]);
  g_commands++;
  if (!ok)
    g_rejected++;
  else
    memcpy (&g_state[in->offset], v, n * sizeof (double));
  record (in, source_ts, ok, v, n);
}

static void poll_inputs (void)
{
  for (int k = 0; k < g_ninputs; k++)
  {
    struct input *in = &g_inputs[k];
    for (;;)
    {
      void *samples[4] = { NULL };
      dds_sample_info_t info[4];
      dds_return_t n = dds_take (in->reader, samples, info, 4, 4);
      if (n <= 0)
        break;
      for (int i = 0; i < n; i++)
      {
        if (!info[i].valid_data)
          continue;
        if (in->trajectory)
        {
          const trajectory_msgs_msg_dds__JointTrajectory_ *t = samples[i];
          if (t->points._length > 0)
            apply (in, info[i].source_timestamp, t->points._buffer[0].positions._buffer, t->points._buffer[0].positions._length);
          else
            apply (in, info[i].source_timestamp, NULL, 0);
        }
        else
        {
          const std_msgs_msg_dds__Float64MultiArray_ *f = samples[i];
          apply (in, info[i].source_timestamp, f->data._buffer, f->data._length);
        }
      }
      dds_return_loan (in->reader, samples, n);
    }
  }
}

int main (int argc, char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  const char *state_topic = "rt/joint_states", *camera_topics[MAX_CAMERAS], *record_file = NULL;
  int ncameras = 0;
  double state_hz = 100, camera_hz = 30, duration = 0;
  uint32_t width = 640, height = 480;
  bool named = false;
  for (int i = 1; i < argc; i++)
  {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (v == NULL)
      peer_die ("option %s needs a value", a);
    i++;
    if (strcmp (a, "--joints") == 0) g_joints = atoi (v);
    else if (strcmp (a, "--names") == 0) { parse_list (v, true); named = true; }
    else if (strcmp (a, "--initial") == 0) parse_list (v, false);
    else if (strcmp (a, "--state-topic") == 0) state_topic = v;
    else if (strcmp (a, "--state-hz") == 0) state_hz = atof (v);
    else if (strcmp (a, "--command") == 0) parse_input (v, false);
    else if (strcmp (a, "--trajectory") == 0) parse_input (v, true);
    else if (strcmp (a, "--camera") == 0)
    {
      if (ncameras == MAX_CAMERAS)
        peer_die ("at most %d cameras", MAX_CAMERAS);
      camera_topics[ncameras++] = v;
    }
    else if (strcmp (a, "--camera-hz") == 0) camera_hz = atof (v);
    else if (strcmp (a, "--width") == 0) width = (uint32_t) atoi (v);
    else if (strcmp (a, "--height") == 0) height = (uint32_t) atoi (v);
    else if (strcmp (a, "--record") == 0) record_file = v;
    else if (strcmp (a, "--duration-s") == 0) duration = atof (v);
    else peer_die ("unknown option %s", a);
  }
  if (g_joints < 1 || g_joints > MAX_JOINTS)
    peer_die ("--joints must be 1..%d", MAX_JOINTS);
  for (int i = 0; i < g_joints; i++)
  {
    if (!named)
      snprintf (g_names[i], sizeof g_names[i], "joint_%d", i);
    g_name_ptrs[i] = g_names[i];
  }
  for (int k = 0; k < g_ninputs; k++)
    if (g_inputs[k].offset < 0 || g_inputs[k].offset >= g_joints)
      peer_die ("command offset %d outside 0..%d", g_inputs[k].offset, g_joints - 1);
  if (record_file != NULL && (g_record = fopen (record_file, "w")) == NULL)
    peer_die ("cannot write %s", record_file);

  dds_entity_t pp = peer_check (dds_create_participant (peer_domain (), NULL, NULL), "participant");
  dds_qos_t *q = peer_qos (true, false, 10);
  dds_entity_t st_tp = peer_check (dds_create_topic (pp, &sensor_msgs_msg_dds__JointState__desc, state_topic, NULL, NULL), "state topic");
  dds_entity_t st_wr = peer_check (dds_create_writer (pp, st_tp, q, NULL), "state writer");
  for (int k = 0; k < g_ninputs; k++)
  {
    struct input *in = &g_inputs[k];
    const dds_topic_descriptor_t *d = in->trajectory ? &trajectory_msgs_msg_dds__JointTrajectory__desc : &std_msgs_msg_dds__Float64MultiArray__desc;
    dds_entity_t tp = peer_check (dds_create_topic (pp, d, in->topic, NULL, NULL), "command topic");
    in->reader = peer_check (dds_create_reader (pp, tp, q, NULL), "command reader");
  }
  dds_entity_t cam_wr[MAX_CAMERAS] = { 0 };
  uint8_t *pixels = NULL;
  sensor_msgs_msg_dds__Image_ img;
  memset (&img, 0, sizeof img);
  if (ncameras > 0)
  {
    dds_qos_t *cq = peer_qos (false, false, 1);
    for (int c = 0; c < ncameras; c++)
    {
      dds_entity_t tp = peer_check (dds_create_topic (pp, &sensor_msgs_msg_dds__Image__desc, camera_topics[c], NULL, NULL), "camera topic");
      cam_wr[c] = peer_check (dds_create_writer (pp, tp, cq, NULL), "camera writer");
    }
    dds_delete_qos (cq);
    pixels = calloc ((size_t) width * height, 3);
    img.header.frame_id = "camera_optical";
    img.height = height;
    img.width = width;
    img.encoding = "rgb8";
    img.step = width * 3;
    img.data._length = img.data._maximum = width * height * 3;
    img.data._buffer = pixels;
  }
  dds_delete_qos (q);
  /* commands wake the loop at once, so their receive time is recorded when they arrive */
  dds_entity_t ws = peer_check (dds_create_waitset (pp), "waitset");
  for (int k = 0; k < g_ninputs; k++)
    dds_waitset_attach (ws, dds_create_readcondition (g_inputs[k].reader, DDS_ANY_STATE), k);

  sensor_msgs_msg_dds__JointState_ js;
  memset (&js, 0, sizeof js);
  js.header.frame_id = "";
  js.name._length = js.name._maximum = (uint32_t) g_joints;
  js.name._buffer = g_name_ptrs;
  js.position._length = js.position._maximum = (uint32_t) g_joints;
  js.position._buffer = g_state;
  peer_say ("ready");

  int64_t state_period = (int64_t) (1e9 / state_hz);
  int64_t camera_period = (int64_t) (1e9 / camera_hz);
  int64_t start = peer_now_ns (CLOCK_MONOTONIC);
  int64_t next_state = start, next_camera = start;
  int64_t end = duration > 0 ? start + (int64_t) (duration * 1e9) : INT64_MAX;
  bool publish_state = true;
  uint32_t frame = 0;
  for (;;)
  {
    int64_t now = peer_now_ns (CLOCK_MONOTONIC);
    if (now >= end)
      break;
    if (peer_stdin_ready (0))
    {
      char line[64];
      if (!peer_read_line (line, sizeof line) || strcmp (line, "quit") == 0)
        break;
      if (strcmp (line, "pause-state") == 0)
        publish_state = false;
      else if (strcmp (line, "resume-state") == 0)
        publish_state = true;
      peer_say ("ok %s", line);
    }
    poll_inputs ();
    if (now >= next_state)
    {
      if (publish_state)
      {
        int64_t rt = peer_now_ns (CLOCK_REALTIME);
        js.header.stamp.sec = (int32_t) (rt / 1000000000);
        js.header.stamp.nanosec = (uint32_t) (rt % 1000000000);
        if (dds_write (st_wr, &js) == DDS_RETCODE_OK)
          g_states++;
      }
      next_state += state_period;
      if (next_state < now) /* skip whole missed periods */
        next_state = now + state_period - (now - next_state) % state_period;
    }
    if (ncameras > 0 && now >= next_camera)
    {
      int64_t rt = peer_now_ns (CLOCK_REALTIME);
      img.header.stamp.sec = (int32_t) (rt / 1000000000);
      img.header.stamp.nanosec = (uint32_t) (rt % 1000000000);
      memcpy (pixels, &frame, 4);
      frame++;
      for (int c = 0; c < ncameras; c++)
        if (dds_write (cam_wr[c], &img) == DDS_RETCODE_OK)
          g_images++;
      next_camera += camera_period;
      if (next_camera < now)
        next_camera = now + camera_period - (now - next_camera) % camera_period;
    }
    int64_t wake = next_state < next_camera || ncameras == 0 ? next_state : next_camera;
    if (wake > now + 10000000)
      wake = now + 10000000; /* look at stdin at least every 10 ms */
    now = peer_now_ns (CLOCK_MONOTONIC);
    if (wake > now)
      dds_waitset_wait (ws, NULL, 0, wake - now);
  }
  poll_inputs ();
  if (g_record != NULL)
    fclose (g_record);
  peer_say ("stats commands=%ld rejected=%ld states=%ld images=%ld", g_commands, g_rejected, g_states, g_images);
  free (pixels);
  dds_delete (pp);
  return 0;
}
