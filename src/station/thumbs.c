/* thumbs.c — fetching, decoding and pacing thumbnails. */
#include "build-config.h"

#include "station/thumbs.h"

#include "station/budget.h"

#include "common/timeutil.h"
#include "station/station.h"

#include <string.h>

#define MIN_INTERVAL 2.0
#define MAX_INTERVAL 60.0

typedef struct {
  guint8 *rgb;
  int width, height;
  char *time;         /* the thumbnail's own time, to skip unchanged ones */
  gint64 fetched_us;
  gint64 wanted_us;   /* last time a screen drew it */
  CgCell *cells;      /* rendered for cols x rows, style */
  int cols, rows;
  CgPictureStyle style;
  const char *name;   /* the table's key, set while ticking */
} Thumb;

struct CgThumbs {
  GHashTable *by_camera; /* name -> Thumb* */
  double interval;
  guint64 updates;
};

guint64
cg_thumbs_updates (CgThumbs *t)
{
  return t->updates;
}

static void
thumb_free (Thumb *t)
{
  g_free (t->rgb);
  g_free (t->time);
  g_free (t->cells);
  g_free (t);
}

CgThumbs *
cg_thumbs_new (void)
{
  CgThumbs *t = g_new0 (CgThumbs, 1);
  t->by_camera = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) thumb_free);
  t->interval = MIN_INTERVAL;
  return t;
}

void
cg_thumbs_free (CgThumbs *t)
{
  if (t == NULL)
    return;
  g_hash_table_destroy (t->by_camera);
  g_free (t);
}

double
cg_thumbs_interval (CgThumbs *t)
{
  return t->interval;
}

static Thumb *
lookup (CgThumbs *t, const char *camera)
{
  Thumb *th = g_hash_table_lookup (t->by_camera, camera);
  if (th == NULL)
    {
      th = g_new0 (Thumb, 1);
      g_hash_table_insert (t->by_camera, g_strdup (camera), th);
    }
  return th;
}

const CgCell *
cg_thumbs_cells (CgThumbs *t, const char *camera, int cols, int rows, const CgPictureStyle *style)
{
  Thumb *th = lookup (t, camera);
  th->wanted_us = cg_time_now_us ();
  if (th->rgb == NULL || cols <= 0 || rows <= 0)
    return NULL;
  if (th->cells == NULL || th->cols != cols || th->rows != rows
      || !cg_picture_style_equal (th->style, *style))
    {
      g_free (th->cells);
      th->cells = cg_picture_cells (th->rgb, th->width, th->height, th->width * 3, cols, rows, style);
      th->cols = cols;
      th->rows = rows;
      th->style = *style;
    }
  return th->cells;
}

/* Asks for one camera's thumbnail; TRUE when a new picture came. */
static gboolean
fetch (Thumb *th, const char *camera, CgStation *st)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  th->fetched_us = cg_time_now_us ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "thumbnail.get", params, NULL, &error);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return FALSE;
  JsonObject *o = json_node_get_object (r);
  const char *time = json_object_get_string_member_with_default (o, "time", "");
  if (g_strcmp0 (time, th->time) == 0)
    return FALSE;
  gsize size = 0;
  g_autofree guchar *jpeg = g_base64_decode (json_object_get_string_member_with_default (o, "jpeg", ""), &size);
  int w = 0, h = 0;
  guint8 *rgb = size > 0 ? cg_picture_decode_jpeg (jpeg, size, &w, &h, NULL) : NULL;
  if (rgb == NULL)
    return FALSE;
  g_free (th->rgb);
  th->rgb = rgb;
  th->width = w;
  th->height = h;
  g_free (th->time);
  th->time = g_strdup (time);
  g_clear_pointer (&th->cells, g_free);
  return TRUE;
}

/* Oldest fetch first: the next tiles due. */
static gint
by_fetch_time (gconstpointer a, gconstpointer b)
{
  const Thumb *x = *(Thumb *const *) a, *y = *(Thumb *const *) b;
  return (x->fetched_us > y->fetched_us) - (x->fetched_us < y->fetched_us);
}

gboolean
cg_thumbs_tick (CgThumbs *t, CgStation *st)
{
  t->interval = cg_budget_next_interval (t->interval, st->average_kbits, st->config->budget_kbits,
                                         MIN_INTERVAL, MAX_INTERVAL);
  if (st->client == NULL)
    return FALSE;
  gint64 now = cg_time_now_us ();
  /* Only what a screen drew in the last few seconds. */
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  GHashTableIter it;
  const char *camera;
  Thumb *th;
  g_hash_table_iter_init (&it, t->by_camera);
  while (g_hash_table_iter_next (&it, (gpointer *) &camera, (gpointer *) &th))
    if (now - th->wanted_us <= 3 * CG_USEC_PER_SEC)
      {
        th->name = camera;
        g_ptr_array_add (wanted, th);
      }
  g_ptr_array_sort (wanted, by_fetch_time);
  /* A few tiles each second rather than all of them at once: the link
   * sees a steady trickle, not bursts. */
  int budget = cg_budget_per_second ((int) wanted->len, t->interval);
  gboolean changed = FALSE;
  for (guint i = 0; i < wanted->len && budget > 0 && st->client != NULL; i++)
    {
      th = wanted->pdata[i];
      if (now - th->fetched_us < (gint64) (t->interval * CG_USEC_PER_SEC) - CG_USEC_PER_SEC / 2)
        continue;
      budget--;
      if (fetch (th, th->name, st))
        {
          changed = TRUE;
          t->updates++;
        }
    }
  return changed;
}
