/* api/recording.c — what was recorded (segments and gaps), and opening a
 * segment: the footage itself travels as a file descriptor, never as a
 * path, and every opening is audited. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "daemon/db/cameras.h"
#include "daemon/db/motion.h"
#include "daemon/db/outages.h"
#include "daemon/db/segments.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* Consecutive segments further apart than this leave a gap. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

/* recordings.list pages: a reply never comes near the 1 MiB a client
 * reads (CG_RPC_MAX_LINE), whatever the period and the limit. */
#define LIST_LIMIT_DEFAULT 1000
#define LIST_LIMIT_MAX 5000
#define PAGE_BUDGET_BYTES (512 * 1024)
/* Without from and to: the last day. */
#define DEFAULT_PERIOD_US (24 * 3600 * CG_USEC_PER_SEC)

/* Where a listing stands: the period, the last segment given, and how
 * far the segments given so far reach (the start of the next gap).
 * Travels to the client and back as the opaque cursor. */
typedef struct {
  gint64 camera_id;
  gint64 from_us, to_us;
  gint64 after_start_us, after_id; /* G_MININT64, 0: the first page */
  gint64 covered_us;               /* G_MININT64: no leading gap */
} ListPosition;

#define CURSOR_FIELDS 7

static char *
cursor_encode (const ListPosition *p)
{
  g_autofree char *text = g_strdup_printf (
    "1:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
    ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
    p->camera_id, p->from_us, p->to_us, p->after_start_us, p->after_id, p->covered_us);
  return g_base64_encode ((const guchar *) text, strlen (text));
}

/* FALSE when the text is not a cursor this daemon gave. */
static gboolean
cursor_decode (const char *cursor, ListPosition *p)
{
  gsize len = 0;
  g_autofree guchar *raw = g_base64_decode (cursor, &len);
  if (raw == NULL || len == 0 || len > 200)
    return FALSE;
  g_autofree char *text = g_strndup ((const char *) raw, len);
  g_auto (GStrv) f = g_strsplit (text, ":", -1);
  if (g_strv_length (f) != CURSOR_FIELDS || !g_str_equal (f[0], "1"))
    return FALSE;
  gint64 v[CURSOR_FIELDS - 1];
  for (int i = 1; i < CURSOR_FIELDS; i++)
    if (!g_ascii_string_to_signed (f[i], 10, G_MININT64, G_MAXINT64, &v[i - 1], NULL))
      return FALSE;
  *p = (ListPosition) { v[0], v[1], v[2], v[3], v[4], v[5] };
  return p->to_us > p->from_us;
}

static JsonNode *
gap_node (const char *reason, gint64 from, gint64 to)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_time (b, "start", from);
  cg_json_add_time (b, "end", to);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason != NULL ? reason : CG_REASON_NOT_RECORDING);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
motion_node (const CgDbMotion *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_time (b, "start", m->start_us);
  json_builder_set_member_name (b, "end");
  if (m->end_us == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *iso = cg_time_format_iso (m->end_us);
      json_builder_add_string_value (b, iso);
    }
  json_builder_set_member_name (b, "peak");
  json_builder_add_double_value (b, round (m->peak * 1000) / 1000);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "sha256": the file's digest, null while it is written (or for footage
 * recorded before digests were kept). */
static void
add_sha256 (JsonBuilder *b, const CgDbSegment *s)
{
  json_builder_set_member_name (b, "sha256");
  if (s->state == CG_DB_SEGMENT_OPEN || s->sha256 == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, s->sha256);
}

static JsonNode *
segment_node (const CgDbSegment *s)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  cg_json_add_time (b, "start", s->start_us);
  cg_json_add_time (b, "end", s->end_us);
  const struct { const char *name; gint64 value; } ints[] = {
    { "bytes", s->bytes }, { "frames", s->frames }, { "keyframes", s->keyframes },
    { "width", s->width }, { "height", s->height },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      json_builder_set_member_name (b, ints[i].name);
      json_builder_add_int_value (b, ints[i].value);
    }
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, s->codec != NULL ? s->codec : "");
  json_builder_set_member_name (b, "thinned");
  json_builder_add_boolean_value (b, s->thinned);
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, s->state == CG_DB_SEGMENT_OPEN);
  json_builder_set_member_name (b, "audio");
  json_builder_add_boolean_value (b, s->has_audio);
  add_sha256 (b, s);
  json_builder_set_member_name (b, "damaged");
  json_builder_add_boolean_value (b, s->damaged);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Adds node to array, counting the bytes it will take in the reply. */
static void
add_counted (JsonArray *array, JsonNode *node, gsize *bytes)
{
  g_autofree char *text = json_to_string (node, FALSE);
  *bytes += strlen (text) + 1;
  json_array_add_element (array, node);
}

/* One page: the segments after p's, the gaps before each of them, and the
 * motion events that start in the stretch of the period the page covers,
 * so that each segment, gap and motion event is in exactly one page. */
typedef struct {
  JsonArray *segments, *gaps, *motion;
  gboolean more; /* p now says where the next page starts */
} Page;

static gboolean
list_page (sqlite3 *h, ListPosition *p, guint limit, gint64 now, Page *page, GError **error)
{
  g_autoptr (GArray) rows = cg_db_segments_page (h, p->camera_id, p->from_us, p->to_us, now,
                                                 p->after_start_us, p->after_id, limit + 1, error);
  if (rows == NULL)
    return FALSE;
  /* The stretch of this page starts just after the last segment given
   * (or anywhere, first) and ends just after its own last segment. */
  gint64 stretch_from = p->after_start_us == G_MININT64 ? G_MININT64 : p->after_start_us + 1;
  gint64 stretch_to = rows->len > limit
                        ? g_array_index (rows, CgDbSegment, limit).start_us + 1 : G_MAXINT64;
  g_autoptr (GArray) events = cg_db_motion_starting (h, p->camera_id, p->from_us, p->to_us,
                                                     stretch_from, stretch_to, error);
  if (events == NULL)
    return FALSE;
  gsize bytes = 0;
  guint m = 0, n = 0;
  for (; n < rows->len && n < limit; n++)
    {
      const CgDbSegment *s = &g_array_index (rows, CgDbSegment, n);
      /* A full page ends before the segment that would pass the budget
       * (one segment at least, to move on). */
      if (n > 0 && bytes >= PAGE_BUDGET_BYTES)
        break;
      if (p->covered_us > G_MININT64 && s->start_us - p->covered_us >= GAP_MIN_US)
        {
          g_autofree char *reason = NULL;
          if (!cg_db_outage_reason (h, p->camera_id, p->covered_us, s->start_us, &reason, error))
            return FALSE;
          add_counted (page->gaps, gap_node (reason, p->covered_us, s->start_us), &bytes);
        }
      for (; m < events->len && g_array_index (events, CgDbMotion, m).start_us <= s->start_us; m++)
        add_counted (page->motion, motion_node (&g_array_index (events, CgDbMotion, m)), &bytes);
      add_counted (page->segments, segment_node (s), &bytes);
      p->covered_us = MAX (p->covered_us, s->end_us);
      p->after_start_us = s->start_us;
      p->after_id = s->id;
    }
  page->more = n < rows->len;
  if (page->more)
    return TRUE;
  for (; m < events->len; m++)
    add_counted (page->motion, motion_node (&g_array_index (events, CgDbMotion, m)), &bytes);
  /* Up to the end of the period, or now: "nothing since ..." matters. */
  gint64 until = MIN (p->to_us, now);
  if (p->covered_us > G_MININT64 && until - p->covered_us >= GAP_MIN_US)
    {
      g_autofree char *reason = NULL;
      if (!cg_db_outage_reason (h, p->camera_id, p->covered_us, until, &reason, error))
        return FALSE;
      json_array_add_element (page->gaps, gap_node (reason, p->covered_us, until));
    }
  return TRUE;
}


/* The position to list from: the cursor's, or a new listing's. */
static gboolean
list_position (CgApiCall *call, gint64 camera_id, gint64 now, ListPosition *p, GError **error)
{
  const char *cursor = cg_rpc_param_string (call->params, "cursor", NULL);
  if (cursor != NULL)
    {
      if (!cursor_decode (cursor, p) || p->camera_id != camera_id)
        {
          cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                             N_("params: “cursor” is not one recordings.list gave for this "
                                "camera: start again without it"));
          return FALSE;
        }
      return TRUE;
    }
  gboolean has_from = json_object_has_member (call->params, "from");
  gboolean has_to = json_object_has_member (call->params, "to");
  *p = (ListPosition) {
    .camera_id = camera_id,
    .from_us = cg_rpc_param_time (call->params, "from", 0),
    .to_us = cg_rpc_param_time (call->params, "to", G_MAXINT64),
    .after_start_us = G_MININT64,
    /* Without from the period starts with the first recording. */
    .covered_us = G_MININT64,
  };
  if (!has_from && !has_to)
    {
      p->from_us = now - DEFAULT_PERIOD_US;
      p->to_us = now;
    }
  else if (has_from)
    p->covered_us = p->from_us;
  if (p->to_us <= p->from_us)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “to” must be later than “from”"));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
recordings_list (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 now = cg_time_now_us ();
  gint64 limit = cg_rpc_param_int (call->params, "limit", LIST_LIMIT_DEFAULT);
  if (limit < 1 || limit > LIST_LIMIT_MAX)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “limit” must be from 1 to %d"), LIST_LIMIT_MAX);
      return NULL;
    }
  /* A removed camera's recordings too, until the storage policy deletes
   * them. */
  g_auto (CgCameraRef) ref = { 0 };
  if (!cg_api_footage_camera (call, &ref, error))
    return NULL;
  ListPosition p;
  if (!list_position (call, ref.id, now, &p, error))
    return NULL;
  gint64 from = p.from_us, to = p.to_us;
  GError *local = NULL;
  /* One picture of the camera's recordings, gaps and motion together. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, _("reading the recordings"),
                                                &local);
  if (tx == NULL)
    return cg_api_internal_error (local, error);
  Page page = { json_array_new (), json_array_new (), json_array_new (), FALSE };
  /* A removed camera recorded nothing after it was removed: no gap up to
   * now. */
  gint64 until = ref.removed_us > 0 ? MIN (now, ref.removed_us) : now;
  gboolean ok = list_page (h, &p, (guint) limit, until, &page, &local);

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, ref.name);
  cg_api_add_camera_ref (b, &ref);
  cg_json_add_time (b, "from", from);
  cg_json_add_time (b, "to", to < G_MAXINT64 ? to : 0);
  const struct { const char *name; JsonArray *array; } parts[] = {
    { "segments", page.segments }, { "gaps", page.gaps }, { "motion", page.motion },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      json_builder_set_member_name (b, parts[i].name);
      json_builder_add_value (b, json_node_init_array (json_node_alloc (), parts[i].array));
      json_array_unref (parts[i].array);
    }
  json_builder_set_member_name (b, "next");
  if (page.more)
    {
      g_autofree char *next = cursor_encode (&p);
      json_builder_add_string_value (b, next);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  if (!ok)
    return cg_api_internal_error (local, error);
  return json_builder_get_root (b);
}

static JsonNode *
recording_open (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 id = cg_rpc_param_int (call->params, "segment", 0);
  GError *local = NULL;
  g_auto (CgDbSegment) s = { 0 };
  g_autofree char *camera = NULL;
  gboolean found = FALSE;
  if (!cg_db_segment_get (h, id, &s, &camera, &found, &local))
    return cg_api_internal_error (local, error);
  if (!found)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                         N_("there is no segment %s (recordings.list gives their ids)"), idtext);
      return NULL;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  g_auto (CgCameraRef) ref = { 0 };
  if (!cg_camera_get_ref (h, s.camera_id, &ref, &local))
    return cg_api_internal_error (local, error);
  cg_api_add_camera_ref (b, &ref);
  cg_json_add_time (b, "start", s.start_us);
  if (s.end_us > 0)
    cg_json_add_time (b, "end", s.end_us);
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, s.state == CG_DB_SEGMENT_OPEN);
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, s.codec != NULL ? s.codec : "");
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, s.width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, s.height);
  add_sha256 (b, &s);
  json_builder_end_object (b);

  g_autofree char *abs = g_build_filename (call->api->config->data_dir, s.path, NULL);
  int fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int err = errno;
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED, N_("segment %s cannot be read: %s"),
                         idtext, g_strerror (err));
      return NULL;
    }
  /* The footage by what it is, not by the row id, which a deleted
   * segment's successor may reuse: the camera, when the segment starts,
   * and once it is closed its digest, which a copy can be checked
   * against. */
  g_autofree char *start = cg_time_format_iso (s.start_us);
  g_autofree char *object = g_strdup_printf ("camera:%" G_GINT64_FORMAT "@%s", s.camera_id, start);
  const char *digest = s.state == CG_DB_SEGMENT_OPEN ? "recording"
                       : s.sha256 != NULL ? s.sha256 : "unknown";
  g_autofree char *detail = g_strdup_printf ("camera=%" G_GINT64_FORMAT " name=%s start=%s sha256=%s",
                                             s.camera_id, camera, start, digest);
  /* The row first, committed: footage whose opening cannot be recorded
   * is not handed out. */
  if (!cg_api_audit (call, "recording.open", object, detail, error))
    {
      close (fd);
      return NULL;
    }
  call->fd_out = fd;
  return json_builder_get_root (b);
}

static const CgRpcParam list_params[] = {
  CG_API_FOOTAGE_PARAMS,
  { "from", CG_RPC_TIME, FALSE },
  { "to", CG_RPC_TIME, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { "cursor", CG_RPC_STRING, FALSE },
  { NULL },
};
static const CgRpcParam open_params[] = {
  { "segment", CG_RPC_INT, TRUE },
  { NULL },
};

const CgApiMethod cg_api_recording_methods[] = {
  { "recordings.list", CG_ROLE_VIEWER, list_params, recordings_list },
  { "recording.open", CG_ROLE_VIEWER, open_params, recording_open, CG_API_AUDITED },
  { NULL },
};
