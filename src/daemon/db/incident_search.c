/* db/incident_search.c — the incident log searched: folded words in the
 * search text, filters, newest first, a page at a time. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/incidents.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/text.h"
#include "daemon/db/db.h"

#include <string.h>

#define READING _("reading the incidents")

/* LIKE's pattern for text within: % and _ escaped with \. */
static char *
like_within (const char *folded)
{
  GString *s = g_string_new ("%");
  for (const char *c = folded; *c != '\0'; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

static void
sql_fold (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const unsigned char *t = sqlite3_value_text (argv[0]);
  if (t == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  char *folded = cg_text_fold ((const char *) t);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

/* ---- listing ------------------------------------------------------------- */

/* The WHERE clause of a query, and its values bound in order. */
typedef struct {
  GString *where;
  GPtrArray *texts;   /* bound as text, in order, or NULL for an int */
  GArray *ints;
} Filter;

static void
filter_text (Filter *f, const char *clause, char *value)
{
  g_string_append_printf (f->where, " AND %s", clause);
  g_ptr_array_add (f->texts, value);
  gint64 none = 0;
  g_array_append_val (f->ints, none);
}

static void
filter_int (Filter *f, const char *clause, gint64 value)
{
  g_string_append_printf (f->where, " AND %s", clause);
  g_ptr_array_add (f->texts, NULL);
  g_array_append_val (f->ints, value);
}

static void
filter_bind (Filter *f, gint64 value)
{
  g_ptr_array_add (f->texts, NULL);
  g_array_append_val (f->ints, value);
}

static int
bind_filter (sqlite3_stmt *st, const Filter *f)
{
  for (guint i = 0; i < f->texts->len; i++)
    if (f->texts->pdata[i] != NULL)
      sqlite3_bind_text (st, (int) i + 1, f->texts->pdata[i], -1, SQLITE_STATIC);
    else
      sqlite3_bind_int64 (st, (int) i + 1, g_array_index (f->ints, gint64, i));
  return (int) f->texts->len;
}

static gboolean
parse_cursor (const char *cursor, gint64 *from, gint64 *id)
{
  g_auto (GStrv) parts = g_strsplit (cursor, ".", 3);
  return g_strv_length (parts) == 2
         && g_ascii_string_to_signed (parts[0], 10, G_MININT64, G_MAXINT64, from, NULL)
         && g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, id, NULL);
}

/* The count, then the page, for the filter f (the cursor's clause added
 * to it here). */
static GArray *
list_rows (sqlite3 *h, const CgDbIncidentQuery *q, Filter *f, gint64 *total, char **next,
           GError **error)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM incidents WHERE %s",
                                                f->where->str);
  g_autoptr (sqlite3_stmt) count = cg_db_prepare (h, count_sql, READING, error);
  if (count == NULL)
    return NULL;
  bind_filter (count, f);
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  *total = sqlite3_column_int64 (count, 0);
  if (q->cursor != NULL)
    {
      gint64 c_from = 0, c_id = 0;
      if (!parse_cursor (q->cursor, &c_from, &c_id))
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                             N_("“cursor” is not one a list of incidents gave: ask for the first "
                                "page again"));
          return NULL;
        }
      /* After (from, id) in the order of the page: written so that the
       * index on from_us is entered at the cursor, not walked from the
       * newest (an OR over the two columns would walk it). */
      g_string_append (f->where, " AND from_us <= ? AND (from_us < ? OR id < ?)");
      filter_bind (f, c_from);
      filter_bind (f, c_from);
      filter_bind (f, c_id);
    }
  g_autofree char *sql = g_strdup_printf ("SELECT" CG_DB_INCIDENT_COLUMNS " FROM incidents WHERE %s"
                                          " ORDER BY from_us DESC, id DESC LIMIT ?",
                                          f->where->str);
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, READING, error);
  if (st == NULL)
    return NULL;
  int n = bind_filter (st, f);
  sqlite3_bind_int64 (st, n + 1, (gint64) q->limit + 1);
  g_autoptr (GArray) result = g_array_new (FALSE, TRUE, sizeof (CgDbIncident));
  g_array_set_clear_func (result, (GDestroyNotify) cg_db_incident_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbIncident in;
      cg_db_incident_read_row (st, &in);
      g_array_append_val (result, in);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  if (result->len > q->limit)
    {
      g_array_set_size (result, q->limit);
      const CgDbIncident *last = &g_array_index (result, CgDbIncident, q->limit - 1);
      *next = g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, last->from_us, last->id);
    }
  return g_steal_pointer (&result);
}

GArray *
cg_db_incidents_list (sqlite3 *h, const CgDbIncidentQuery *q, gint64 *total, char **next,
                      GError **error)
{
  *total = 0;
  *next = NULL;
  if (sqlite3_create_function_v2 (h, "cg_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  sql_fold, NULL, NULL, NULL) != SQLITE_OK)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  Filter f = { g_string_new ("1"), g_ptr_array_new_with_free_func (g_free),
               g_array_new (FALSE, TRUE, sizeof (gint64)) };
  if (q->search != NULL)
    {
      g_autofree char *folded = cg_text_fold (q->search);
      g_auto (GStrv) words = g_strsplit_set (folded, " \t\n", -1);
      for (int i = 0; words[i] != NULL; i++)
        if (words[i][0] != '\0')
          filter_text (&f, "search LIKE ? ESCAPE '\\'", like_within (words[i]));
    }
  if (q->status != NULL && g_str_equal (q->status, "open"))
    g_string_append (f.where, " AND status != 'closed'");
  else if (q->status != NULL)
    filter_text (&f, "status = ?", g_strdup (q->status));
  if (q->kind != NULL)
    filter_text (&f, "kind = ?", g_strdup (q->kind));
  if (q->camera_id > 0)
    filter_int (&f, "EXISTS (SELECT 1 FROM evidence_ranges e WHERE e.incident_id = incidents.id"
                    " AND e.camera_id = ? AND e.removed_us IS NULL)", q->camera_id);
  if (q->place != NULL)
    {
      g_autofree char *folded = cg_text_fold (q->place);
      filter_text (&f, "cg_fold(place) LIKE ? ESCAPE '\\'", like_within (folded));
    }
  if (q->from_us > 0)
    filter_int (&f, "to_us >= ?", q->from_us);
  if (q->to_us > 0)
    filter_int (&f, "from_us <= ?", q->to_us);
  GArray *result = list_rows (h, q, &f, total, next, error);
  g_string_free (f.where, TRUE);
  g_ptr_array_unref (f.texts);
  g_array_unref (f.ints);
  return result;
}

