/* screens/incidents_page.c — an incident's page on F5: every field, the
 * footage attached (camera, from–to, how much of it is recorded, "no
 * footage" when none), the exports with their SHA-256, and its history
 * (the audit rows incident.show returns).  Lines are made first, then
 * drawn from the scroll position. */
#include "build-config.h"

#include "common/i18n.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/screens/incidents_state.h"

typedef struct {
  char *text;
  int attr;
} Line;

static void
line_free (gpointer p)
{
  Line *l = p;
  g_free (l->text);
  g_free (l);
}

static void
add (GPtrArray *lines, int attr, char *text)
{
  Line *l = g_new0 (Line, 1);
  l->text = text;
  l->attr = attr;
  g_ptr_array_add (lines, l);
}

static void
field (GPtrArray *lines, const char *label, const char *value, int cols)
{
  /* Long text (the description) wraps under its label. */
  int indent = 22;
  g_autofree char *v = g_strdup (value != NULL && *value != '\0' ? value : "—");
  int width = MAX (cols - indent - 2, 10);
  g_auto (GStrv) wrapped = cg_text_wrap (v, width);
  /* Padded by display width: Vietnamese labels take more bytes. */
  int pad = MAX (indent - cg_text_width (label), 1);
  for (int i = 0; wrapped[i] != NULL; i++)
    add (lines, 0, g_strdup_printf ("%s%*s%s", i == 0 ? label : "",
                                    i == 0 ? pad : indent, "", wrapped[i]));
}

static char *
time_or_dash (gint64 us)
{
  return us > 0 ? cg_time_format_local (us, NULL) : g_strdup ("—");
}

static GPtrArray *
make_lines (Incidents *in, int cols)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  const CgIncident *inc = in->shown;
  if (inc == NULL)
    {
      add (lines, 0, g_strdup (_("Reading the incident…")));
      return lines;
    }
  const char *kind = *inc->kind_label != '\0' ? inc->kind_label : cg_incident_kind_label (in->kinds, inc->kind);
  add (lines, A_BOLD, g_strdup_printf (_("Incident %s — %s — %s"), inc->code, kind,
                                       cg_incident_status_label (inc->status)));
  g_autofree char *from = time_or_dash (inc->from_us);
  g_autofree char *to = time_or_dash (inc->to_us);
  g_autofree char *range = g_strdup_printf ("%s – %s", from, to);
  field (lines, _("Time"), range, cols);
  field (lines, _("Place"), inc->place, cols);
  if (*inc->map != '\0')
    field (lines, _("Map position"), inc->map, cols);
  if (*inc->nearest != '\0')
    field (lines, _("Nearest cameras"), inc->nearest, cols);
  field (lines, _("What happened"), inc->description, cols);
  field (lines, _("Reported by"), inc->reporter, cols);
  field (lines, _("Their phone"), inc->reporter_phone, cols);
  g_autofree char *officer = *inc->officer_name != '\0'
                               ? g_strdup_printf ("%s (%s)", inc->officer_name, inc->officer)
                               : g_strdup (inc->officer);
  field (lines, _("Officer"), officer, cols);
  field (lines, _("Outcome"), inc->outcome, cols);
  field (lines, _("Footage helped"), cg_incident_helped_label (inc->footage_helped), cols);
  g_autofree char *created = time_or_dash (inc->created_us);
  g_autofree char *updated = time_or_dash (inc->updated_us);
  g_autofree char *made = g_strdup_printf (_("%s by %s"), created, inc->created_by);
  g_autofree char *changed = g_strdup_printf (_("%s by %s (version %lld)"), updated, inc->updated_by,
                                              (long long) inc->version);
  field (lines, _("Entered"), made, cols);
  field (lines, _("Last changed"), changed, cols);
  if (inc->closed_us > 0)
    {
      g_autofree char *closed = time_or_dash (inc->closed_us);
      field (lines, _("Closed"), closed, cols);
    }

  add (lines, 0, g_strdup (""));
  add (lines, A_BOLD | A_UNDERLINE, g_strdup_printf (_("Footage attached (%u)"), inc->evidence->len));
  if (inc->evidence->len == 0)
    add (lines, 0, g_strdup (_("  none yet: a attaches a camera's footage, or m on F6 from its marks")));
  for (guint i = 0; i < inc->evidence->len; i++)
    {
      const CgEvidence *e = inc->evidence->pdata[i];
      g_autofree char *a = time_or_dash (e->from_us);
      g_autofree char *b = time_or_dash (e->to_us);
      g_autofree char *how = e->footage_seconds > 0
                               ? cg_duration_format ((gint64) (e->footage_seconds * CG_USEC_PER_SEC))
                               : NULL;
      g_autofree char *rec = how != NULL ? g_strdup_printf (_("%s recorded"), how)
                                         : g_strdup (_("no footage"));
      add (lines, e->footage_seconds > 0 ? 0 : A_BOLD,
           g_strdup_printf ("  %s  %s – %s  %s  (%s)", e->camera, a, b, rec, e->added_by));
    }

  add (lines, 0, g_strdup (""));
  add (lines, A_BOLD | A_UNDERLINE, g_strdup_printf (_("Exports (%u)"), inc->exports->len));
  for (guint i = 0; i < inc->exports->len; i++)
    {
      const CgIncidentExport *x = inc->exports->pdata[i];
      g_autofree char *when = time_or_dash (x->created_us);
      g_autofree char *size = g_format_size (x->bytes);
      add (lines, 0, g_strdup_printf (_("  No. %lld  %s  %s  %s  by %s"), (long long) x->id, x->state,
                                      size, when, x->created_by));
      add (lines, 0, g_strdup_printf ("    SHA-256 %s", *x->sha256 != '\0' ? x->sha256 : "—"));
    }

  add (lines, 0, g_strdup (""));
  add (lines, A_BOLD | A_UNDERLINE, g_strdup_printf (_("History (%u)"), inc->history->len));
  for (guint i = 0; i < inc->history->len; i++)
    {
      const CgIncidentEvent *h = inc->history->pdata[i];
      g_autofree char *when = time_or_dash (h->time_us);
      g_autofree char *text = g_strdup_printf ("%s  %s  %s  %s", when, h->user, h->action, h->detail);
      g_auto (GStrv) wrapped = cg_text_wrap (text, MAX (cols - 6, 10));
      for (int k = 0; wrapped[k] != NULL; k++)
        add (lines, 0, g_strdup_printf ("%s%s", k == 0 ? "  " : "      ", wrapped[k]));
    }
  return lines;
}

int
inc_page_lines (Incidents *in, int cols)
{
  g_autoptr (GPtrArray) lines = make_lines (in, cols);
  return (int) lines->len;
}

void
inc_paint_page (Incidents *in, WINDOW *win, int rows, int cols)
{
  g_autoptr (GPtrArray) lines = make_lines (in, cols);
  int body = rows - 2;
  in->scroll = CLAMP (in->scroll, 0, MAX ((int) lines->len - body, 0));
  for (int y = 0; y < body && in->scroll + y < (int) lines->len; y++)
    {
      Line *l = lines->pdata[in->scroll + y];
      wattron (win, l->attr);
      cg_draw_text (win, y, 1, cols - 2, l->text, FALSE);
      wattroff (win, l->attr);
    }
  if (in->notice != NULL)
    {
      if (in->notice_bad)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, rows - 2, 1, cols - 2, in->notice, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
  cg_draw_text (win, rows - 1, 1, cols - 2,
                _("e: edit  a: attach footage  d: close  m: reopen  Esc: back to the log"), FALSE);
}
