/* recordings.c — a camera's recordings as listed (see the header). */
#include "build-config.h"

#include "station/recordings.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"

#include <string.h>

CgRecordings *
cg_recordings_new (const char *camera)
{
  CgRecordings *r = g_new0 (CgRecordings, 1);
  r->camera = g_strdup (camera);
  r->segments = g_array_new (FALSE, TRUE, sizeof (CgRecSegment));
  r->gaps = g_array_new (FALSE, TRUE, sizeof (CgRecGap));
  r->motion = g_array_new (FALSE, TRUE, sizeof (CgRecMotion));
  return r;
}

static void
gap_clear (CgRecGap *g)
{
  g_free (g->reason);
}

void
cg_recordings_free (CgRecordings *r)
{
  if (r == NULL)
    return;
  g_array_set_clear_func (r->gaps, (GDestroyNotify) gap_clear);
  g_array_unref (r->segments);
  g_array_unref (r->gaps);
  g_array_unref (r->motion);
  g_free (r->camera);
  g_free (r);
}

/* ---- reading a reply ------------------------------------------------------ */

static gboolean
time_member (JsonObject *o, const char *name, gboolean nullable, gint64 *out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n != NULL && JSON_NODE_HOLDS_NULL (n) && nullable)
    {
      *out = 0;
      return TRUE;
    }
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         && cg_time_parse (json_node_get_string (n), NULL, out, NULL);
}

static gint64
int_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return 0;
  GType t = json_node_get_value_type (n);
  return t == G_TYPE_INT64 ? json_node_get_int (n)
         : t == G_TYPE_DOUBLE ? (gint64) json_node_get_double (n) : 0;
}

static gboolean
bool_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN
         && json_node_get_boolean (n);
}

static JsonArray *
array_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
object_at (JsonArray *a, guint i)
{
  JsonNode *n = json_array_get_element (a, i);
  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
read_segment (JsonObject *o, CgRecSegment *s)
{
  *s = (CgRecSegment) {
    .id = int_member (o, "id"),
    .frames = int_member (o, "frames"),
    .keyframes = int_member (o, "keyframes"),
    .width = (int) int_member (o, "width"),
    .height = (int) int_member (o, "height"),
    .thinned = bool_member (o, "thinned"),
    .recording = bool_member (o, "recording"),
    .damaged = bool_member (o, "damaged"),
  };
  return s->id > 0 && time_member (o, "start", FALSE, &s->start_us)
         && time_member (o, "end", FALSE, &s->end_us) && s->end_us >= s->start_us;
}

static gboolean
read_gap (JsonObject *o, CgRecGap *g)
{
  const char *reason = json_object_get_string_member_with_default (o, "reason", "");
  *g = (CgRecGap) { 0 };
  if (!time_member (o, "start", FALSE, &g->start_us) || !time_member (o, "end", FALSE, &g->end_us)
      || g->end_us < g->start_us)
    return FALSE;
  g->reason = g_strdup (reason);
  return TRUE;
}

static gboolean
read_motion (JsonObject *o, CgRecMotion *m)
{
  JsonNode *peak = json_object_get_member (o, "peak");
  *m = (CgRecMotion) { 0 };
  m->peak = peak != NULL && JSON_NODE_HOLDS_VALUE (peak) ? json_node_get_double (peak) : 0;
  return time_member (o, "start", FALSE, &m->start_us) && time_member (o, "end", TRUE, &m->end_us);
}

/* ---- merging ---------------------------------------------------------------- */

static int
by_start (gconstpointer a, gconstpointer b)
{
  /* start_us is the first member of each element type. */
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
segment_by_start (gconstpointer a, gconstpointer b)
{
  const CgRecSegment *x = a, *y = b;
  if (x->start_us != y->start_us)
    return x->start_us < y->start_us ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Element i of a by id or by start: found through a table built once per
 * reply, so that a week of short segments merges in linear time. */
static GHashTable *
index_by (GArray *a, gsize offset)
{
  GHashTable *t = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < a->len; i++)
    {
      const guint8 *e = (const guint8 *) a->data + (gsize) i * g_array_get_element_size (a);
      g_hash_table_insert (t, g_memdup2 (e + offset, sizeof (gint64)), GUINT_TO_POINTER (i + 1));
    }
  return t;
}

/* Puts elem (of the array's element size) in place of the one with the
 * same key, or at the end; TRUE when it replaced one (whose old value
 * was copied into *replaced when replaced is not NULL). */
static gboolean
upsert (GArray *a, GHashTable *t, gsize offset, const void *elem, void *replaced)
{
  gsize size = g_array_get_element_size (a);
  const gint64 *key = (const gint64 *) ((const guint8 *) elem + offset);
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (t, key));
  if (i > 0)
    {
      guint8 *at = (guint8 *) a->data + (gsize) (i - 1) * size;
      if (replaced != NULL)
        memcpy (replaced, at, size);
      memcpy (at, elem, size);
      return TRUE;
    }
  g_array_append_vals (a, elem, 1);
  g_hash_table_insert (t, g_memdup2 (key, sizeof (gint64)), GUINT_TO_POINTER (a->len));
  return FALSE;
}

/* A gap known from an older listing ("nothing since ...") ends where a
 * segment recorded since begins; what is left too short to be a gap
 * goes. */
static void
clip_gaps (CgRecordings *r)
{
  for (guint i = 0; i < r->gaps->len;)
    {
      CgRecGap *g = &g_array_index (r->gaps, CgRecGap, i);
      for (guint j = 0; j < r->segments->len; j++)
        {
          const CgRecSegment *s = &g_array_index (r->segments, CgRecSegment, j);
          if (s->start_us >= g->start_us && s->start_us < g->end_us)
            g->end_us = s->start_us;
        }
      if (g->end_us - g->start_us < CG_RECORDINGS_GAP_MIN_US)
        {
          gap_clear (g);
          g_array_remove_index (r->gaps, i);
        }
      else
        i++;
    }
}

gboolean
cg_recordings_take (CgRecordings *r, JsonObject *result, GError **error)
{
  JsonArray *segs = result != NULL ? array_member (result, "segments") : NULL;
  JsonArray *gaps = result != NULL ? array_member (result, "gaps") : NULL;
  JsonArray *motion = result != NULL ? array_member (result, "motion") : NULL;
  if (segs == NULL || gaps == NULL)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("canhgacd's list of recordings cannot be read: is canhgacd "
                            "the same version as canhgac?"));
      return FALSE;
    }
  g_autoptr (GArray) new_segs = g_array_new (FALSE, TRUE, sizeof (CgRecSegment));
  for (guint i = 0; i < json_array_get_length (segs); i++)
    {
      JsonObject *o = object_at (segs, i);
      CgRecSegment s;
      if (o == NULL || !read_segment (o, &s))
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("canhgacd's list of recordings cannot be read: is canhgacd "
                                "the same version as canhgac?"));
          return FALSE;
        }
      g_array_append_val (new_segs, s);
    }
  g_autoptr (GHashTable) seg_ids = index_by (r->segments, G_STRUCT_OFFSET (CgRecSegment, id));
  for (guint i = 0; i < new_segs->len; i++)
    upsert (r->segments, seg_ids, G_STRUCT_OFFSET (CgRecSegment, id),
            &g_array_index (new_segs, CgRecSegment, i), NULL);
  g_autoptr (GHashTable) gap_starts = index_by (r->gaps, G_STRUCT_OFFSET (CgRecGap, start_us));
  for (guint i = 0; i < json_array_get_length (gaps); i++)
    {
      JsonObject *o = object_at (gaps, i);
      CgRecGap g, old;
      if (o != NULL && read_gap (o, &g)
          && upsert (r->gaps, gap_starts, G_STRUCT_OFFSET (CgRecGap, start_us), &g, &old))
        gap_clear (&old);
    }
  g_autoptr (GHashTable) motion_starts = index_by (r->motion,
                                                   G_STRUCT_OFFSET (CgRecMotion, start_us));
  for (guint i = 0; motion != NULL && i < json_array_get_length (motion); i++)
    {
      JsonObject *o = object_at (motion, i);
      CgRecMotion m;
      if (o != NULL && read_motion (o, &m))
        upsert (r->motion, motion_starts, G_STRUCT_OFFSET (CgRecMotion, start_us), &m, NULL);
    }
  g_array_sort (r->segments, segment_by_start);
  clip_gaps (r);
  g_array_sort (r->gaps, by_start);
  g_array_sort (r->motion, by_start);
  return TRUE;
}

/* ---- lookups ------------------------------------------------------------------ */

int
cg_recordings_count (const CgRecordings *r)
{
  return (int) r->segments->len;
}

const CgRecSegment *
cg_recordings_segment (const CgRecordings *r, int i)
{
  if (i < 0 || i >= (int) r->segments->len)
    return NULL;
  return &g_array_index (r->segments, CgRecSegment, i);
}

gint64
cg_recordings_reach (const CgRecordings *r, int i)
{
  const CgRecSegment *s = cg_recordings_segment (r, i);
  if (s == NULL)
    return 0;
  if (!s->recording)
    return s->end_us;
  const CgRecSegment *next = cg_recordings_segment (r, i + 1);
  return next != NULL ? MAX (next->start_us, s->start_us) : G_MAXINT64;
}

int
cg_recordings_before (const CgRecordings *r, gint64 t_us)
{
  /* Binary search: the last start <= t. */
  int lo = 0, hi = (int) r->segments->len;
  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;
      if (g_array_index (r->segments, CgRecSegment, mid).start_us <= t_us)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - 1;
}

int
cg_recordings_after (const CgRecordings *r, gint64 t_us)
{
  int i = cg_recordings_before (r, t_us) + 1;
  return i < (int) r->segments->len ? i : -1;
}

int
cg_recordings_find (const CgRecordings *r, gint64 t_us)
{
  int i = cg_recordings_before (r, t_us);
  if (i < 0)
    return -1;
  /* Segments may overlap by a frame: the later one that holds t wins,
   * else an earlier one still reaching it. */
  for (int j = i; j >= 0 && j >= i - 1; j--)
    if (t_us < cg_recordings_reach (r, j))
      return j;
  return -1;
}

const CgRecGap *
cg_recordings_gap (const CgRecordings *r, gint64 from_us, gint64 to_us)
{
  const CgRecGap *best = NULL;
  gint64 best_overlap = 0;
  for (guint i = 0; i < r->gaps->len; i++)
    {
      const CgRecGap *g = &g_array_index (r->gaps, CgRecGap, i);
      gint64 overlap = MIN (g->end_us, to_us) - MAX (g->start_us, from_us);
      if (overlap > best_overlap || (best == NULL && overlap == 0 && g->start_us == from_us))
        {
          best = g;
          best_overlap = overlap;
        }
    }
  return best;
}

void
cg_recordings_drop (CgRecordings *r, int i, const char *reason)
{
  const CgRecSegment *s = cg_recordings_segment (r, i);
  if (s == NULL)
    return;
  CgRecGap g = { s->start_us, MAX (s->end_us, s->start_us + 1), g_strdup (reason) };
  g_array_remove_index (r->segments, (guint) i);
  g_array_append_val (r->gaps, g);
  g_array_sort (r->gaps, by_start);
}

void
cg_recordings_span (const CgRecordings *r, gint64 *first_us, gint64 *last_us)
{
  int n = (int) r->segments->len;
  *first_us = n > 0 ? g_array_index (r->segments, CgRecSegment, 0).start_us : 0;
  *last_us = 0;
  for (int i = 0; i < n; i++)
    *last_us = MAX (*last_us, g_array_index (r->segments, CgRecSegment, i).end_us);
}

gboolean
cg_recordings_fetch (CgRecordings *r, CgRecordingsCall call, gpointer data, gint64 from_us,
                     gint64 to_us, GError **error)
{
  g_autofree char *cursor = NULL;
  do
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "camera");
      json_builder_add_string_value (b, r->camera);
      if (cursor != NULL)
        {
          json_builder_set_member_name (b, "cursor");
          json_builder_add_string_value (b, cursor);
        }
      else
        {
          cg_json_add_time (b, "from", from_us);
          if (to_us > 0)
            cg_json_add_time (b, "to", to_us);
        }
      json_builder_end_object (b);
      g_autoptr (JsonNode) params = json_builder_get_root (b);
      GError *local = NULL;
      g_autoptr (JsonNode) result = call (data, "recordings.list", params, NULL, &local);
      if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
        {
          if (local == NULL)
            cg_error_set_text (&local, CG_ERROR, CG_ERROR_FAILED,
                               N_("canhgacd's list of recordings cannot be read: is canhgacd "
                                  "the same version as canhgac?"));
          g_propagate_prefixed_error (error, local, _("The recordings of %s cannot be listed: "),
                                      r->camera);
          return FALSE;
        }
      JsonObject *o = json_node_get_object (result);
      if (!cg_recordings_take (r, o, error))
        return FALSE;
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (o, "next", NULL));
    }
  while (cursor != NULL);
  return TRUE;
}
