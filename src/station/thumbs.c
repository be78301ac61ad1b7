/* thumbs.c — fetching, rendering and presenting thumbnails. */
#include "build-config.h"

#include "station/thumbs.h"

#include "common/timeutil.h"

#include <string.h>

/* A camera's thumbnail changes every few seconds at most. */
#define FETCH_EVERY_US (2 * CG_USEC_PER_SEC)
/* A picture still waiting for the line is fetched again this old, so
 * that what finally goes is recent. */
#define STALE_US (8 * CG_USEC_PER_SEC)
/* Drawn in the last few seconds: still on a screen. */
#define WANTED_US (3 * CG_USEC_PER_SEC)
/* Moving the cursor to a row costs a few bytes besides the cells. */
#define ROW_COST 8

typedef struct {
  guint8 *rgb;        /* the latest thumbnail, decoded */
  int width, height;
  char *time;         /* its own time, to skip unchanged ones */
  gint64 fetched_us, wanted_us, shown_us;
  int cols, rows;     /* as the screen wants it */
  CgPictureStyle style;
  CgCell *shown;      /* what the terminal has, or NULL */
  CgCell *next;       /* the latest rendered, while it waits */
  int next_row;       /* rows of next before this are shown */
  int changed;        /* cells of next not yet shown that differ */
  gboolean dirty;     /* next must be rendered again */
  gboolean fed;       /* the station's own picture: never fetched */
  /* The last rendering, so that the next picture of a series renders
   * only the rows that changed (cg_picture_cells_changed). */
  guint8 *last_rgb;
  CgCell *last_cells;
  int last_width, last_height, last_cols, last_rows;
  CgPictureStyle last_style;
  gboolean grey;      /* rendered in grey: the camera is not live */
} Thumb;

struct CgThumbs {
  GHashTable *by_camera; /* name -> Thumb* */
  int level;
  guint64 updates;
};

static void
thumb_free (Thumb *th)
{
  g_free (th->rgb);
  g_free (th->time);
  g_free (th->shown);
  g_free (th->next);
  g_free (th->last_rgb);
  g_free (th->last_cells);
  g_free (th);
}

CgThumbs *
cg_thumbs_new (void)
{
  CgThumbs *t = g_new0 (CgThumbs, 1);
  t->by_camera = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) thumb_free);
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

guint64
cg_thumbs_updates (CgThumbs *t)
{
  return t->updates;
}

void
cg_thumbs_set_level (CgThumbs *t, int level)
{
  t->level = CLAMP (level, 0, 2);
}

int
cg_thumbs_level (CgThumbs *t)
{
  return t->level;
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
cg_thumbs_cells (CgThumbs *t, const char *camera, int cols, int rows, const CgPictureStyle *best)
{
  Thumb *th = lookup (t, camera);
  th->wanted_us = cg_time_now_us ();
  if (cols <= 0 || rows <= 0)
    return NULL;
  if (th->cols != cols || th->rows != rows)
    {
      /* Another size: nothing of it is on the terminal. */
      g_clear_pointer (&th->shown, g_free);
      g_clear_pointer (&th->next, g_free);
      th->cols = cols;
      th->rows = rows;
      th->dirty = TRUE;
    }
  CgPictureStyle style = cg_picture_style_degrade (*best, t->level);
  if (!cg_picture_style_equal (style, th->style))
    {
      /* The old picture stays until the new style's replaces it. */
      th->style = style;
      th->dirty = TRUE;
    }
  return th->shown;
}

void
cg_thumbs_set_grey (CgThumbs *t, const char *camera, gboolean grey)
{
  Thumb *th = lookup (t, camera);
  if (th->grey != !!grey)
    {
      /* As for a new style: the old picture stays until this replaces it. */
      th->grey = !!grey;
      th->dirty = TRUE;
    }
}

gint64
cg_thumbs_time (CgThumbs *t, const char *camera)
{
  Thumb *th = g_hash_table_lookup (t->by_camera, camera);
  gint64 us = 0;
  if (th == NULL || th->rgb == NULL || th->time == NULL || !cg_time_parse (th->time, NULL, &us, NULL))
    return 0;
  return us;
}

void
cg_thumbs_forget_shown (CgThumbs *t)
{
  GHashTableIter it;
  Thumb *th;
  g_hash_table_iter_init (&it, t->by_camera);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &th))
    {
      g_clear_pointer (&th->shown, g_free);
      th->dirty = TRUE;
    }
}

/* Colours this close are not sent again: the noise of compression in
 * the still parts of a picture moves them by about that much from one
 * frame to the next, and an eye sees no change. */
#define NEAR_STEPS 6

static gboolean
near_colour (int a, int b)
{
  if (a < 0 || b < 0)
    return a == b;
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS (((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > NEAR_STEPS)
      return FALSE;
  return TRUE;
}

/* Whether the terminal may keep showing b for a: the same symbol and, in
 * direct colour, colours within a few steps (a palette's numbers are
 * different colours, so there they must be the same). */
static gboolean
same_cell (const CgCell *a, const CgCell *b, CgColorMode mode)
{
  if (a->ch != b->ch)
    return FALSE;
  if (mode != CG_COLORS_DIRECT)
    return a->fg == b->fg && a->bg == b->bg;
  return near_colour (a->bg, b->bg) && (a->ch == ' ' || near_colour (a->fg, b->fg));
}

/* Cells of row r of next that the terminal does not show yet. */
static int
row_changes (const Thumb *th, int r)
{
  if (th->shown == NULL)
    return th->cols;
  int n = 0;
  for (int c = 0; c < th->cols; c++)
    n += !same_cell (&th->next[r * th->cols + c], &th->shown[r * th->cols + c], th->style.mode);
  return n;
}

/* Renders the latest thumbnail for the screen, if that is needed; a
 * picture with nothing new in it is not kept waiting. */
static void
prepare (Thumb *th)
{
  if (!th->dirty || th->rgb == NULL || th->cols <= 0)
    return;
  th->dirty = FALSE;
  g_free (th->next);
  g_autofree guint8 *grey = th->grey ? cg_picture_grey (th->rgb, th->width, th->height, th->width * 3) : NULL;
  const guint8 *rgb = grey != NULL ? grey : th->rgb;
  gboolean series = th->last_rgb != NULL && th->last_width == th->width && th->last_height == th->height
                    && th->last_cols == th->cols && th->last_rows == th->rows
                    && cg_picture_style_equal (th->last_style, th->style);
  th->next = cg_picture_cells_changed (series ? th->last_rgb : NULL, series ? th->last_cells : NULL, rgb,
                                       th->width, th->height, th->width * 3, th->cols, th->rows,
                                       &th->style, NULL);
  g_free (th->last_rgb);
  g_free (th->last_cells);
  th->last_rgb = g_memdup2 (rgb, (gsize) th->width * (gsize) th->height * 3);
  th->last_cells = g_memdup2 (th->next, sizeof (CgCell) * (gsize) th->cols * (gsize) th->rows);
  th->last_width = th->width;
  th->last_height = th->height;
  th->last_cols = th->cols;
  th->last_rows = th->rows;
  th->last_style = th->style;
  th->next_row = 0;
  th->changed = 0;
  for (int r = 0; r < th->rows; r++)
    th->changed += row_changes (th, r);
  if (th->changed == 0 && th->shown != NULL)
    g_clear_pointer (&th->next, g_free);
}

static void
take (Thumb *th, guint8 *rgb, int width, int height)
{
  g_free (th->rgb);
  th->rgb = rgb;
  th->width = width;
  th->height = height;
  th->dirty = TRUE;
}

void
cg_thumbs_take (CgThumbs *t, const char *camera, guint8 *rgb, int width, int height)
{
  take (lookup (t, camera), rgb, width, height);
}

void
cg_thumbs_feed (CgThumbs *t, const char *key, guint8 *rgb, int width, int height)
{
  Thumb *th = lookup (t, key);
  th->fed = TRUE;
  take (th, rgb, width, height);
}

gboolean
cg_thumbs_pending (CgThumbs *t, const char *key)
{
  Thumb *th = g_hash_table_lookup (t->by_camera, key);
  return th != NULL && th->rgb != NULL && (th->dirty || th->next != NULL);
}

/* Asks for one camera's thumbnail; TRUE when a new picture came. */
static gboolean
fetch (Thumb *th, const char *camera, CgClient *client)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  th->fetched_us = cg_time_now_us ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (client, "thumbnail.get", params, NULL, &error);
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
  take (th, rgb, w, h);
  g_free (th->time);
  th->time = g_strdup (time);
  return TRUE;
}

void
cg_thumbs_fetch (CgThumbs *t, CgClient *client)
{
  gint64 now = cg_time_now_us ();
  GHashTableIter it;
  const char *camera;
  Thumb *th;
  g_hash_table_iter_init (&it, t->by_camera);
  while (client != NULL && g_hash_table_iter_next (&it, (gpointer *) &camera, (gpointer *) &th))
    {
      if (th->fed || now - th->wanted_us > WANTED_US || now - th->fetched_us < FETCH_EVERY_US)
        continue;
      gboolean waiting = th->next != NULL || th->dirty;
      if (waiting && th->rgb != NULL && now - th->fetched_us < STALE_US)
        continue;
      fetch (th, camera, client);
    }
}

/* The order pictures go in: those not on the screen at all first (a
 * screen just opened), then the most changed cells times the longest
 * wait. */
static double
urgency (const Thumb *th, gint64 now)
{
  if (th->shown == NULL)
    return G_MAXDOUBLE;
  return th->changed * (1.0 + (double) (now - th->shown_us) / CG_USEC_PER_SEC);
}

static gint
by_urgency (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 now = *(const gint64 *) data;
  double x = urgency (*(Thumb *const *) a, now), y = urgency (*(Thumb *const *) b, now);
  return (x < y) - (x > y);
}

static GPtrArray *
waiting (CgThumbs *t, gint64 now)
{
  GPtrArray *v = g_ptr_array_new ();
  GHashTableIter it;
  Thumb *th;
  g_hash_table_iter_init (&it, t->by_camera);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &th))
    {
      if (now - th->wanted_us > WANTED_US)
        continue;
      prepare (th);
      if (th->next != NULL)
        g_ptr_array_add (v, th);
    }
  return v;
}

int
cg_thumbs_waiting (CgThumbs *t)
{
  g_autoptr (GPtrArray) v = waiting (t, cg_time_now_us ());
  int cells = 0;
  for (guint i = 0; i < v->len; i++)
    cells += ((Thumb *) v->pdata[i])->changed;
  return cells;
}

/* Copies row r of next to what the terminal shows. */
static void
show_row (Thumb *th, int r)
{
  if (th->shown == NULL)
    {
      /* Blank below the rows sent so far. */
      th->shown = g_new (CgCell, (gsize) th->cols * (gsize) th->rows);
      for (int i = 0; i < th->cols * th->rows; i++)
        th->shown[i] = (CgCell) { ' ', -1, -1 };
    }
  /* Cells that look the same stay as they are on the terminal. */
  for (int c = 0; c < th->cols; c++)
    {
      CgCell *shown = &th->shown[r * th->cols + c];
      const CgCell *next = &th->next[r * th->cols + c];
      if (!same_cell (next, shown, th->style.mode))
        *shown = *next;
    }
}

int
cg_thumbs_present (CgThumbs *t, guint64 bytes, double bytes_per_cell)
{
  gint64 now = cg_time_now_us ();
  g_autoptr (GPtrArray) v = waiting (t, now);
  g_ptr_array_sort_with_data (v, by_urgency, &now);
  double room = (double) bytes;
  int moved = 0;
  gboolean any = FALSE;
  for (guint i = 0; i < v->len; i++)
    {
      Thumb *th = v->pdata[i];
      while (th->next_row < th->rows)
        {
          int cells = row_changes (th, th->next_row);
          double cost = cells > 0 ? cells * bytes_per_cell + ROW_COST : 0;
          if (cost > room && any)
            return moved;
          show_row (th, th->next_row);
          th->next_row++;
          th->changed -= cells;
          moved += cells;
          room -= cost;
          any = any || cells > 0;
        }
      g_clear_pointer (&th->next, g_free);
      th->changed = 0;
      th->shown_us = now;
      t->updates++;
    }
  return moved;
}
