/*
 * Reads the ROS graph as rmw_dds_common's graph cache does: the ParticipantEntitiesInfo samples on
 * ros_discovery_info (in the Gid layout this binary was compiled for) plus the DDS built-in topics, and
 * prints what it learned about the node named on the command line:
 *   graph_peer NODE_NAME  -> key=value lines for the participant, the node and each of its gids, then "end"
 * Each gid is resolved to the endpoint the built-in DCPSPublication/DCPSSubscription topics announce, with
 * its topic name, type name and USER_DATA, so the test can check the graph message against DDS itself.
 */
#include "peer_common.h"
#include "rmw_graph.h"

#define TIMEOUT_MS 20000
#define MAX_EPS 256

struct endpoint {
  dds_guid_t key;
  char topic[256];
  char type[256];
  char user_data[256];
};

static struct endpoint g_eps[MAX_EPS];
static int g_neps;
static dds_guid_t g_pp_keys[MAX_EPS];
static char g_pp_user_data[MAX_EPS][128];
static int g_npp;

static void hex (char *out, const uint8_t *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    sprintf (out + 2 * i, "%02x", b[i]);
  out[2 * n] = 0;
}

static void copy_user_data (char *dst, size_t size, const dds_qos_t *qos)
{
  void *v = NULL;
  size_t sz = 0;
  dst[0] = 0;
  if (qos != NULL && dds_qget_userdata (qos, &v, &sz) && v != NULL)
  {
    size_t n = sz < size - 1 ? sz : size - 1;
    memcpy (dst, v, n);
    dst[n] = 0;
    dds_free (v);
  }
}

static void collect_endpoints (dds_entity_t rd)
{
  void *samples[16] = { NULL };
  dds_sample_info_t info[16];
  dds_return_t n = dds_take (rd, samples, info, 16, 16);
  for (int i = 0; i < n; i++)
  {
    if (!info[i].valid_data || g_neps == MAX_EPS)
      continue;
    const dds_builtintopic_endpoint_t *e = samples[i];
    struct endpoint *ep = &g_eps[g_neps++];
    ep->key = e->key;
    snprintf (ep->topic, sizeof ep->topic, "%s", e->topic_name);
    snprintf (ep->type, sizeof ep->type, "%s", e->type_name);
    copy_user_data (ep->user_data, sizeof ep->user_data, e->qos);
  }
  if (n > 0)
    dds_return_loan (rd, samples, n);
}

static void collect_participants (dds_entity_t rd)
{
  void *samples[16] = { NULL };
  dds_sample_info_t info[16];
  dds_return_t n = dds_take (rd, samples, info, 16, 16);
  for (int i = 0; i < n; i++)
  {
    if (!info[i].valid_data || g_npp == MAX_EPS)
      continue;
    const dds_builtintopic_participant_t *p = samples[i];
    g_pp_keys[g_npp] = p->key;
    copy_user_data (g_pp_user_data[g_npp], sizeof g_pp_user_data[g_npp], p->qos);
    g_npp++;
  }
  if (n > 0)
    dds_return_loan (rd, samples, n);
}

static const struct endpoint *find_endpoint (const uint8_t *gid)
{
  for (int i = 0; i < g_neps; i++)
    if (memcmp (g_eps[i].key.v, gid, 16) == 0)
      return &g_eps[i];
  return NULL;
}

static const char *find_participant_user_data (const uint8_t *gid)
{
  for (int i = 0; i < g_npp; i++)
    if (memcmp (g_pp_keys[i].v, gid, 16) == 0)
      return g_pp_user_data[i];
  return NULL;
}

static bool all_resolved (const rmw_dds_common_msg_dds__NodeEntitiesInfo_ *node, const uint8_t *pp_gid)
{
  if (find_participant_user_data (pp_gid) == NULL)
    return false;
  for (uint32_t i = 0; i < node->reader_gid_seq._length; i++)
    if (find_endpoint (node->reader_gid_seq._buffer[i].data) == NULL)
      return false;
  for (uint32_t i = 0; i < node->writer_gid_seq._length; i++)
    if (find_endpoint (node->writer_gid_seq._buffer[i].data) == NULL)
      return false;
  return true;
}

static void print_gids (const char *kind, const dds_sequence_rmw_dds_common_msg_dds__Gid_ *seq)
{
  char h[2 * GID_BYTES + 1];
  printf ("node.%ss=%" PRIu32 "\n", kind, seq->_length);
  for (uint32_t i = 0; i < seq->_length; i++)
  {
    const uint8_t *g = seq->_buffer[i].data;
    hex (h, g, 16);
    printf ("node.%s[%" PRIu32 "].gid=%s\n", kind, i, h);
    hex (h, g + 16, GID_BYTES - 16);
    printf ("node.%s[%" PRIu32 "].gid_padding=%s\n", kind, i, h);
    const struct endpoint *ep = find_endpoint (g);
    printf ("node.%s[%" PRIu32 "].topic=%s\n", kind, i, ep ? ep->topic : "?");
    printf ("node.%s[%" PRIu32 "].type=%s\n", kind, i, ep ? ep->type : "?");
    printf ("node.%s[%" PRIu32 "].user_data=%s\n", kind, i, ep ? ep->user_data : "?");
  }
}

int main (int argc, char **argv)
{
  if (argc != 2)
    peer_die ("usage: graph_peer NODE_NAME");
  setvbuf (stdout, NULL, _IOLBF, 0);
  const char *want = argv[1];
  dds_entity_t pp = peer_check (dds_create_participant (peer_domain (), NULL, NULL), "participant");
  dds_entity_t tp = peer_check (dds_create_topic (pp, &rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc, "ros_discovery_info", NULL, NULL), "topic");
  dds_qos_t *q = peer_qos (true, true, 0);
  dds_entity_t rd = peer_check (dds_create_reader (pp, tp, q, NULL), "graph reader");
  dds_delete_qos (q);
  dds_entity_t rd_pub = peer_check (dds_create_reader (pp, DDS_BUILTIN_TOPIC_DCPSPUBLICATION, NULL, NULL), "DCPSPublication reader");
  dds_entity_t rd_sub = peer_check (dds_create_reader (pp, DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, NULL, NULL), "DCPSSubscription reader");
  dds_entity_t rd_pp = peer_check (dds_create_reader (pp, DDS_BUILTIN_TOPIC_DCPSPARTICIPANT, NULL, NULL), "DCPSParticipant reader");
  peer_say ("ready");

  rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ *found = NULL;
  void *loan[1] = { NULL };
  int found_node = -1;
  for (int waited = 0; waited < TIMEOUT_MS; waited += 10)
  {
    collect_endpoints (rd_pub);
    collect_endpoints (rd_sub);
    collect_participants (rd_pp);
    void *samples[1] = { NULL };
    dds_sample_info_t info[1];
    dds_return_t n = dds_take (rd, samples, info, 1, 1);
    if (n == 1 && info[0].valid_data)
    {
      rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ *m = samples[0];
      int idx = -1;
      for (uint32_t i = 0; i < m->node_entities_info_seq._length; i++)
        if (strcmp (m->node_entities_info_seq._buffer[i].node_name, want) == 0)
          idx = (int) i;
      if (idx >= 0)
      {
        if (found != NULL)
          dds_return_loan (rd, loan, 1);
        found = m;
        loan[0] = samples[0];
        found_node = idx;
      }
      else
        dds_return_loan (rd, samples, 1);
    }
    else if (n == 1)
      dds_return_loan (rd, samples, 1);
    if (found != NULL && all_resolved (&found->node_entities_info_seq._buffer[found_node], found->gid.data))
      break;
    dds_sleepfor (DDS_MSECS (10));
  }
  if (found == NULL)
    peer_die ("no ParticipantEntitiesInfo naming node '%s' within %d ms", want, TIMEOUT_MS);
  char h[2 * GID_BYTES + 1];
  printf ("gid_bytes=%d\n", GID_BYTES);
  hex (h, found->gid.data, 16);
  printf ("participant.gid=%s\n", h);
  hex (h, found->gid.data + 16, GID_BYTES - 16);
  printf ("participant.gid_padding=%s\n", h);
  const char *ud = find_participant_user_data (found->gid.data);
  printf ("participant.user_data=%s\n", ud ? ud : "?");
  printf ("nodes=%" PRIu32 "\n", found->node_entities_info_seq._length);
  const rmw_dds_common_msg_dds__NodeEntitiesInfo_ *node = &found->node_entities_info_seq._buffer[found_node];
  printf ("node.namespace=%s\n", node->node_namespace);
  printf ("node.name=%s\n", node->node_name);
  print_gids ("reader", &node->reader_gid_seq);
  print_gids ("writer", &node->writer_gid_seq);
  peer_say ("end");
  dds_return_loan (rd, loan, 1);
  dds_delete (pp);
  return 0;
}
