/* vision/thumbnail_table.c — the table of live thumbnails and decoding health. */
#include "build-config.h"

#include "daemon/vision/thumbnail_table.h"

#include "common/timeutil.h"

#include <string.h>

/* Mean work time over this many keyframes. */
#define WORK_WINDOW 32

typedef struct {
  CgThumbnail thumb;
  CgDecodeHealth health;
} Entry;

struct CgThumbnails {
  GMutex mutex;
  GHashTable *entries; /* camera id (gint64 *) -> Entry * */
};

static void
entry_free (Entry *e)
{
  if (e->thumb.jpeg != NULL)
    g_bytes_unref (e->thumb.jpeg);
  g_free (e->health.decode_error);
  g_free (e);
}

CgThumbnails *
cg_thumbnails_new (void)
{
  CgThumbnails *t = g_new0 (CgThumbnails, 1);
  g_mutex_init (&t->mutex);
  t->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) entry_free);
  return t;
}

void
cg_thumbnails_free (CgThumbnails *t)
{
  if (t == NULL)
    return;
  g_hash_table_destroy (t->entries);
  g_mutex_clear (&t->mutex);
  g_free (t);
}

/* With the mutex held. */
static Entry *
entry_of (CgThumbnails *t, gint64 camera_id)
{
  Entry *e = g_hash_table_lookup (t->entries, &camera_id);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      gint64 *key = g_new (gint64, 1);
      *key = camera_id;
      g_hash_table_insert (t->entries, key, e);
    }
  return e;
}

void
cg_thumbnails_put (CgThumbnails *t, gint64 camera_id, GBytes *jpeg, int width, int height,
                   gint64 time_us, gint64 work_us)
{
  g_mutex_lock (&t->mutex);
  Entry *e = entry_of (t, camera_id);
  if (e->thumb.jpeg != NULL)
    g_bytes_unref (e->thumb.jpeg);
  e->thumb = (CgThumbnail) { g_bytes_ref (jpeg), width, height, time_us };
  g_clear_pointer (&e->health.decode_error, g_free);
  e->health.decoded++;
  if (e->health.busy_n >= WORK_WINDOW)
    {
      e->health.busy_us -= e->health.busy_us / e->health.busy_n;
      e->health.busy_n--;
    }
  e->health.busy_us += work_us;
  e->health.busy_n++;
  g_mutex_unlock (&t->mutex);
}

void
cg_thumbnails_failed (CgThumbnails *t, gint64 camera_id, const char *message)
{
  g_mutex_lock (&t->mutex);
  Entry *e = entry_of (t, camera_id);
  g_free (e->health.decode_error);
  e->health.decode_error = g_strdup (message);
  e->health.failed++;
  g_mutex_unlock (&t->mutex);
}

void
cg_thumbnails_skipped (CgThumbnails *t, gint64 camera_id)
{
  g_mutex_lock (&t->mutex);
  entry_of (t, camera_id)->health.skipped++;
  g_mutex_unlock (&t->mutex);
}

void
cg_thumbnails_forget (CgThumbnails *t, gint64 camera_id)
{
  g_mutex_lock (&t->mutex);
  g_hash_table_remove (t->entries, &camera_id);
  g_mutex_unlock (&t->mutex);
}

gboolean
cg_thumbnails_get (CgThumbnails *t, gint64 camera_id, CgThumbnail *out)
{
  g_mutex_lock (&t->mutex);
  Entry *e = g_hash_table_lookup (t->entries, &camera_id);
  gboolean found = e != NULL && e->thumb.jpeg != NULL;
  if (found)
    {
      *out = e->thumb;
      g_bytes_ref (out->jpeg);
    }
  g_mutex_unlock (&t->mutex);
  return found;
}

void
cg_thumbnails_health (CgThumbnails *t, gint64 camera_id, CgDecodeHealth *out)
{
  memset (out, 0, sizeof *out);
  g_mutex_lock (&t->mutex);
  Entry *e = g_hash_table_lookup (t->entries, &camera_id);
  if (e != NULL)
    {
      *out = e->health;
      out->decode_error = g_strdup (e->health.decode_error);
    }
  g_mutex_unlock (&t->mutex);
}

JsonNode *
cg_thumbnails_to_json (CgThumbnails *table, gint64 camera_id, const char *name)
{
  CgThumbnail t;
  if (!cg_thumbnails_get (table, camera_id, &t))
    return NULL;
  gsize size = 0;
  const guchar *data = g_bytes_get_data (t.jpeg, &size);
  g_autofree char *b64 = g_base64_encode (data, size);
  g_bytes_unref (t.jpeg);
  g_autofree char *time = cg_time_format_iso (t.time_us);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, time);
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, t.width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, t.height);
  json_builder_set_member_name (b, "jpeg");
  json_builder_add_string_value (b, b64);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
